"""Choosing the number of themes: agreement on repeated samples counts only beyond chance."""

import numpy as np
from sklearn.metrics import adjusted_rand_score

from radslag.analysis.embeddings import normalise_rows
from radslag.analysis.themes import TextItem, find_themes
from radslag.analysis.themes.clustering import cluster


def test_a_cloud_without_themes_is_not_split_in_two_because_the_split_reproduces():
    """Any elongated cloud splits the same way twice; that is no evidence of two themes."""
    rng = np.random.default_rng(0)
    vectors = normalise_rows(rng.normal(size=(200, 8)) * np.array([2.0, 1, 1, 1, 1, 1, 1, 1]))
    selection = cluster(vectors, k=None, method="spectral", seed=0).selection
    assert selection["stability"]["2"] >= 0.7  # before, this alone made k=2 "the largest reproducible k"
    assert selection["rule"] != "largest reproducible k"
    assert "chance" in str(selection["reason"])


def test_clear_themes_still_count_as_reproducible_beyond_chance():
    rng = np.random.default_rng(1)
    centres = rng.normal(size=(5, 30))
    truth = np.repeat(np.arange(5), 40)
    vectors = normalise_rows(centres[truth] + 0.3 * rng.normal(size=(200, 30)))
    selection = cluster(vectors, k=None, method="spectral", seed=0).selection
    assert selection["rule"] == "largest reproducible k"
    assert selection["k"] >= 5


def test_texts_in_two_languages_with_their_own_offset_are_grouped_by_topic():
    """Stored multilingual vectors: each language shifted its own way, the topics shared."""
    rng = np.random.default_rng(2)
    topics, offsets = rng.normal(size=(4, 40)), {"sv": 3 * rng.normal(size=40), "ar": 3 * rng.normal(size=40)}
    items, stored, truth = [], {}, []
    for n in range(160):
        topic, language = n % 4, ("sv", "ar")[n // 4 % 2]
        item = TextItem(id=str(n), text=f"text {n}", language=language)
        items.append(item)
        stored[item.id] = topics[topic] + offsets[language] + 0.4 * rng.normal(size=40)
        truth.append(topic)
    result = find_themes(
        items, k=4, backend="lexical", method="spectral", seed=0, precomputed=stored, outlier_threshold=0.0
    )
    placed = {member: theme.key for theme in result.themes for member in theme.members}
    assert adjusted_rand_score(truth, [placed[item.id] for item in items]) > 0.95
