"""Re-runs that keep people's decisions, and splitting a theme."""

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from radslag.analysis.tests.swedish_samples import GROUPS
from radslag.analysis.themes import ExistingTheme, TextItem, find_themes, split_theme


def items_of(*groups, numbers=range(10)):
    return [
        TextItem(id=f"{group}-{number}", text=GROUPS[group][number], language="sv")
        for group in groups
        for number in numbers
    ]


def synthetic_vectors(items, seed=0):
    """Well separated vectors per subject, so that the assertions test the re-run rules only."""
    rng = np.random.default_rng(seed)
    centres = {group: rng.normal(size=24) for group in GROUPS}
    return {item.id: centres[item.id.split("-")[0]] + 0.1 * rng.normal(size=24) for item in items}


def theme_of(result):
    return {member: theme.key for theme in result.themes for member in theme.members}


def test_new_texts_join_the_themes_people_kept_and_the_rest_become_new_themes():
    groups = list(GROUPS)  # schools, buses, parks, elderly care
    old = items_of(*groups[:3], numbers=range(7))
    everything = items_of(*groups)
    vectors = synthetic_vectors(everything)
    first = find_themes(old, k=3, backend="lexical", precomputed=vectors)
    renamed = [
        ExistingTheme(key=f"kept-{n}", members=theme.members, label=f"Namn {n}")
        for n, theme in enumerate(first.themes)
    ]
    again = find_themes(everything, backend="lexical", precomputed=vectors, existing=renamed)
    placed = theme_of(again)
    for theme in renamed:
        group = theme.members[0].split("-")[0]
        assert {placed[f"{group}-{n}"] for n in range(10)} == {theme.key}
    assert [theme.key for theme in again.themes[:3]] == ["kept-0", "kept-1", "kept-2"]
    assert [theme.label for theme in again.themes[:3]] == ["Namn 0", "Namn 1", "Namn 2"]
    newcomers = {placed.get(f"{groups[3]}-{n}") for n in range(10)}
    assert newcomers and not newcomers & {None, "kept-0", "kept-1", "kept-2"}
    assert again.meta["rerun"]["assigned_to_existing"] == 30 - again.meta["rerun"]["fixed"]
    assert again.meta["rerun"]["clustered_as_new"] == 10


def test_texts_moved_by_hand_stay_where_people_put_them():
    items = items_of(*GROUPS)
    vectors = synthetic_vectors(items)
    existing = [ExistingTheme(key="skola", members=[f"skola-{n}" for n in range(10)])]
    moved = {"buss-0": "skola", "park-3": "eget tema"}  # against what the vectors say
    result = find_themes(items, backend="lexical", precomputed=vectors, existing=existing, fixed=moved,
                         outlier_threshold=0.99)  # fmt: skip
    placed = theme_of(result)
    assert placed["buss-0"] == "skola"
    assert placed["park-3"] == "eget tema"
    assert "buss-0" not in result.outliers and "park-3" not in result.outliers
    assert {placed[f"skola-{n}"] for n in range(10)} == {"skola"}


def test_new_theme_keys_never_collide_with_kept_ones():
    items = items_of(*GROUPS)
    vectors = synthetic_vectors(items)
    existing = [ExistingTheme(key="theme-1", members=["skola-0", "skola-1"]),
                ExistingTheme(key="theme-3", members=["buss-0", "buss-1"])]  # fmt: skip
    result = find_themes(items, k=2, backend="lexical", precomputed=vectors, existing=existing)
    keys = [theme.key for theme in result.themes]
    assert keys[:2] == ["theme-1", "theme-3"]
    assert len(keys) == len(set(keys)) == 4
    assert set(keys[2:]) == {"theme-2", "theme-4"}


def test_texts_join_a_kept_theme_only_when_similar_enough():
    items = items_of(*GROUPS)
    vectors = synthetic_vectors(items)
    existing = [ExistingTheme(key="skola", members=[f"skola-{n}" for n in range(5)])]
    usual = find_themes(items, backend="lexical", precomputed=vectors, existing=existing)
    assert set(usual.themes[0].members) == {f"skola-{n}" for n in range(10)}  # only the school texts
    strict = find_themes(items, backend="lexical", precomputed=vectors, existing=existing, assign_threshold=1.01)
    assert strict.meta["rerun"]["assigned_to_existing"] == 0
    assert "skola" not in {theme.key for theme in strict.themes}  # nobody was fixed to it


def test_a_stored_centroid_stands_for_a_theme_whose_members_are_gone():
    first_items = items_of(*GROUPS, numbers=range(5))
    later_items = items_of(*GROUPS, numbers=range(5, 10))
    vectors = synthetic_vectors(first_items + later_items)
    first = find_themes(first_items, k=4, backend="lexical", precomputed=vectors)
    kept = [ExistingTheme(key=theme.key, centroid=first.vector_centroids[theme.key]) for theme in first.themes]
    later = find_themes(later_items, backend="lexical", precomputed=vectors, existing=kept)
    assert later.meta["rerun"]["assigned_to_existing"] == 20
    first_placed, later_placed = theme_of(first), theme_of(later)
    for group in GROUPS:
        assert later_placed[f"{group}-7"] == first_placed[f"{group}-1"]


def test_lexical_rerun_on_real_text_keeps_the_kept_themes():
    old = items_of(*GROUPS, numbers=range(8))
    first = find_themes(old, k=4, backend="lexical", seed=0)
    existing = [ExistingTheme(key=f"t{n}", members=theme.members) for n, theme in enumerate(first.themes)]
    again = find_themes(items_of(*GROUPS), backend="lexical", seed=0, existing=existing)
    assert [theme.key for theme in again.themes[: len(existing)]] == [theme.key for theme in existing]
    placed = [member for theme in again.themes for member in theme.members] + again.outliers
    assert sorted(placed) == sorted(item.id for item in items_of(*GROUPS))


def test_repeated_existing_keys_are_refused():
    with pytest.raises(ValueError, match="unique"):
        find_themes(items_of("skola"), existing=[ExistingTheme("a"), ExistingTheme("a")])


def test_split_theme_separates_a_mixed_theme_and_keeps_every_member():
    items = items_of("skola", "buss")
    vectors = synthetic_vectors(items)
    parts = split_theme(items, k=2, precomputed=vectors, taken_keys=["theme-1", "theme-2"])
    assert [theme.key for theme in parts.themes] == ["theme-3", "theme-4"]
    assert parts.outliers == []
    placed = theme_of(parts)
    assert sorted(placed) == sorted(item.id for item in items)
    assert adjusted_rand_score([i.id.split("-")[0] for i in items], [placed[i.id] for i in items]) == 1.0


def test_split_theme_on_real_text_with_the_lexical_backend():
    items = items_of("skola", "park")
    parts = split_theme(items, k=2, backend="lexical")
    placed = theme_of(parts)
    assert len(parts.themes) == 2 and sorted(placed) == sorted(item.id for item in items)
    assert adjusted_rand_score([i.id.split("-")[0] for i in items], [placed[i.id] for i in items]) >= 0.5


def test_stored_vectors_in_two_languages_are_grouped_by_topic_not_language():
    rng = np.random.default_rng(1)
    topics, languages = rng.normal(size=(2, 32)), 4 * rng.normal(size=(2, 32))  # language dominates
    items, stored = [], {}
    for topic in range(2):
        for language, code in enumerate(("sv", "ar")):
            for n in range(10):
                item = TextItem(id=f"{topic}-{code}-{n}", text=f"text {topic} {code} {n}", language=code)
                items.append(item)
                stored[item.id] = topics[topic] + languages[language] + 0.3 * rng.normal(size=32)
    result = find_themes(items, k=2, backend="lexical", precomputed=stored, outlier_threshold=0.0)
    placed = theme_of(result)
    assert adjusted_rand_score([i.id.split("-")[0] for i in items], [placed[i.id] for i in items]) == 1.0
