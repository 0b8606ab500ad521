"""Language identification and Swedish normalisation."""

import pytest

from radslag.analysis.text import char_ngrams, content_lemmas, detect_language, lexical_features, text_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jag tycker att bussarna går för sällan och det är inte bra för oss som bor här.", "sv"),
        ("The buses are too rare and it is not good for those of us who live here.", "en"),
        ("Bussit kulkevat liian harvoin ja se ei ole hyvä meille, jotka asumme täällä.", "fi"),
        ("الحافلات نادرة جدا وهذا ليس جيدا لنا نحن الذين نعيش هنا", "ar"),
        ("اتوبوس\u200cها خیلی کم هستند و این برای ما که اینجا زندگی می\u200cکنیم خوب نیست", "fa"),
        ("Basaskaha aad ayay u yar yihiin, taasina ma wanaagsana annaga oo halkan ku nool.", "so"),
        ("ኣውቶቡሳት ብጣዕሚ ሒደት እዮም፡ እዚ ድማ ንዓና ኣብዚ እንነብር ጽቡቕ ኣይኮነን።", "ti"),
    ],
)
def test_language_is_told_apart_by_script_and_function_words(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("text", "stated", "expected"),
    [
        # Written on the Swedish form in another language: the text says so clearly.
        ("Basaskaha aad ayay u yar yihiin, taasina ma wanaagsana annaga oo halkan ku nool.", "sv", "so"),
        ("The buses are too rare and it is not good for those of us who live here.", "sv", "en"),
        ("الحافلات نادرة جدا وهذا ليس جيدا لنا نحن الذين نعيش هنا", "sv", "ar"),
        ("ኣውቶቡሳት ብጣዕሚ ሒደት እዮም፡ እዚ ድማ ንዓና ኣብዚ እንነብር ጽቡቕ ኣይኮነን።", "sv-SE", "ti"),
        # Short notes share words with other languages ("i" is Polish too): the stated language stands.
        ("Bättre språk i breven, respekt i telefon.", "sv", "sv"),
        ("Mer personal i hemtjänsten, mindre stress.", "sv", "sv"),
        ("Lyssna. Svara. Gör.", "sv", "sv"),
        ("123 456 !!!", "sv", "sv"),
        # Arabic script stated as Arabic stays Arabic, and nothing stated means detection.
        ("اتوبوس‌ها خیلی کم هستند", "ar", "ar"),
        ("Jag tycker att bussarna går för sällan och det är inte bra.", None, "sv"),
    ],
)
def test_the_stated_language_stands_unless_the_text_is_clearly_in_another(text, stated, expected):
    assert text_language(text, stated) == expected


def test_text_without_letters_has_undetermined_language():
    assert detect_language("123 456 !!!") == "und"


def test_swedish_lemmas_drop_stop_words_and_fillers():
    lemmas = content_lemmas("Jag tycker typ att skolorna och bussarna är viktiga", "sv")
    assert "skola" in lemmas
    assert "buss" in lemmas
    assert not {"jag", "tycka", "typ", "att", "och"} & set(lemmas)


def test_compound_shares_character_ngrams_with_its_part():
    compound = set(char_ngrams(content_lemmas("kollektivtrafiken", "sv")))
    part = set(char_ngrams(content_lemmas("trafiken", "sv")))
    assert {"trafi", "rafik", "afik>"} <= compound & part


def test_lexical_features_mark_whole_lemmas():
    features = lexical_features("Fritidsgårdarna stänger", "sv")
    assert "w:fritidsgård" in features
