"""Language identification and Swedish normalisation."""

import pytest

from radslag.analysis.text import char_ngrams, content_lemmas, detect_language, lexical_features


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
