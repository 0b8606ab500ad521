"""The theme engine on short Swedish samples."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.metrics import adjusted_rand_score

from radslag.analysis.tests.swedish_samples import GROUPS
from radslag.analysis.themes import TextItem, find_themes


def sample_items():
    return [
        TextItem(id=f"{group}-{number}", text=text, language="sv")
        for group, texts in GROUPS.items()
        for number, text in enumerate(texts)
    ]


def assignment(result):
    labels = {member: theme.key for theme in result.themes for member in theme.members}
    labels.update({outlier: "outlier" for outlier in result.outliers})
    return labels


def test_lexical_backend_separates_schools_buses_parks_and_elderly_care():
    items = sample_items()
    result = find_themes(items, k=4, backend="lexical", seed=0)
    labels = assignment(result)
    truth = [item.id.split("-")[0] for item in items]
    # measured 0.60 to 0.84 across seeds 0-2 (schools split in two at some seeds)
    assert adjusted_rand_score(truth, [labels[item.id] for item in items]) >= 0.55


def test_theme_names_come_from_the_texts():
    result = find_themes(sample_items(), k=4, backend="lexical", seed=0)
    all_keywords = {keyword for theme in result.themes for keyword in theme.keywords[:3]}
    assert {"skola", "park"} <= all_keywords
    for theme in result.themes:
        assert theme.label
        assert 3 <= len(theme.quotes) <= 5
        assert set(theme.quotes) <= set(theme.members)


def test_same_seed_gives_the_same_result():
    first = find_themes(sample_items(), k=None, backend="lexical", seed=3)
    second = find_themes(sample_items(), k=None, backend="lexical", seed=3)
    assert first.to_dict()["themes"] == second.to_dict()["themes"]
    assert first.outliers == second.outliers


def test_number_of_themes_is_chosen_and_explained_when_not_given():
    result = find_themes(sample_items(), k=None, backend="lexical", seed=0)
    selection = result.meta["k_selection"]
    assert "reproducible" in selection["rule"]
    assert 2 <= selection["k"] <= 4  # 40 texts: at most 4 themes of 10 on average
    assert selection["stability"][str(selection["k"])] >= 0.7 or selection["k"] == max(
        selection["stability"], key=lambda k: selection["stability"][k]
    )


def test_stored_vectors_are_used_instead_of_embedding():
    items = sample_items()
    rng = np.random.default_rng(0)
    centres = {group: rng.normal(size=16) for group in GROUPS}
    stored = {item.id: centres[item.id.split("-")[0]] + 0.05 * rng.normal(size=16) for item in items}
    result = find_themes(items, k=4, backend="lexical", seed=0, precomputed=stored)
    labels = assignment(result)
    truth = [item.id.split("-")[0] for item in items]
    assert adjusted_rand_score(truth, [labels[item.id] for item in items]) == pytest.approx(1.0)


def test_repeated_ids_are_refused():
    with pytest.raises(ValueError, match="unique"):
        find_themes([TextItem("1", "skolan"), TextItem("1", "bussen")], backend="lexical")


def test_no_items_gives_no_themes():
    result = find_themes([], backend="lexical")
    assert result.themes == [] and result.outliers == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    picks=st.lists(st.integers(min_value=0, max_value=39), min_size=1, max_size=40, unique=True),
    k=st.one_of(st.none(), st.integers(min_value=1, max_value=8)),
)
def test_every_text_is_in_exactly_one_theme_or_the_outliers(picks, k):
    items = [sample_items()[index] for index in picks]
    result = find_themes(items, k=k, backend="lexical", seed=1)
    placed = [member for theme in result.themes for member in theme.members] + result.outliers
    assert sorted(placed) == sorted(item.id for item in items)
