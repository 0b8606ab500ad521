"""Text handling for the analysis engine: language identification and Swedish-aware normalisation.

Language identification works per text and offline. Non-Latin scripts decide most cases on their
own (Ethiopic is Tigrinya here, Arabic script is split into Arabic, Persian and Sorani Kurdish by
their own letters); Latin-script texts are scored against short lists of each language's most
frequent function words, with a few letters as tie-breakers.

Normalisation turns a text into lemma tokens (simplemma, per language where it has a dictionary),
drops stop words (stopwords-iso plus fillers typical of spoken dialogue) and adds character n-grams
inside each word so that Swedish compounds share features with their parts: "kollektivtrafiken"
and "trafiken" both yield "trafik".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import simplemma
import stopwordsiso

UNDETERMINED = "und"

_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)

def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Function words that are frequent in each language and rare in the others. Short on purpose:
# a handful of hits in a sentence is enough, and long lists overlap between related languages.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "sv": _words(
        "och att det som en på är för med av den till inte har jag vi om ett de så kan men från "
        "eller också när vid mycket efter skulle finns där detta sig var blir ska hade något"
    ),
    "en": _words(
        "the and of to is in that it for was on are with as be this have from by not they at "
        "which were has an but their would there been"
    ),
    "fi": _words(
        "ja on ei se että oli ovat mutta kun myös hän tai joka jos niin kuin mitä ole olla sen "
        "vain voi tämä nyt ovat siitä siellä ne"
    ),
    "so": _words(
        "iyo ka waxaa ku oo ee in u ah uu ay waa la soo si ayaa wax kale lagu aan waxay isagoo "
        "hadii sidoo kaliya"
    ),
    "da": _words("og af ikke det er jeg til på med de som en den har et ud efter nu også havde blev"),
    "nb": _words("og ikke det er jeg til på med de som en av har et fra hadde ble også etter kan"),
    "es": _words("el la de que y en los las del se por un una para con es al lo como más pero"),
    "de": _words("der die und das ist nicht ein eine zu den mit sich auf für von auch des dem wird"),
    "pl": _words("i w nie się na że z do to jest jak ale po przez od oraz być który była"),
    "tr": _words("ve bir bu da de için ile olarak çok daha gibi olan ancak sonra kadar ama"),
    "bs": _words("i u je da se na za su od kao ali iz sa koji što bio bila biti jer"),
    "kmr": _words("û ji di de ku bi li ev ew jî re wek yên hat dike kir ser pir"),
}

# Letters that point to one language when the function words leave a tie or find nothing.
_LETTER_HINTS: dict[str, str] = {
    "å": "sv", "ø": "nb", "æ": "da", "ñ": "es", "ß": "de",
    "ł": "pl", "ą": "pl", "ę": "pl", "ż": "pl", "ı": "tr", "ğ": "tr", "ş": "tr",
    "č": "bs", "ć": "bs", "đ": "bs", "ê": "kmr", "û": "kmr",
}  # fmt: skip

# Finnish case endings: frequent, and rare at the end of Swedish or English words.
_FINNISH_ENDINGS = ("ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "ksi", "ista", "ään", "aan")

_PERSIAN_LETTERS = frozenset("پچژگکی")
_SORANI_LETTERS = frozenset("ڕڵێۆەڤ")

# Words that carry no topic in dialogue notes ("jag tycker typ att...").
_DIALOGUE_FILLERS = _words(
    "tycka tycker tyckte typ liksom alltså ju väl nog kanske faktiskt ganska lite mer mest "
    "sak saker grej grejer bra dålig jättebra okej ok hej tack också även samt vara bli få göra "
    "kunna vilja behöva finnas ska skulle borde böra kommer komma se ge the"
)
# stopwords-iso lists a few Swedish words that are topics in municipal dialogue: keep them.
_KEEP_AS_CONTENT = frozenset({"beslut", "beslutat", "beslutit", "nummer"})

# Languages for which simplemma ships a lemma dictionary (the ones we may see).
_LEMMA_LANGUAGES = frozenset({"sv", "en", "fi", "da", "nb", "es", "de", "pl", "tr", "ar", "fa"})


def detect_language(text: str) -> str:
    """Return an ISO 639 code for the language of `text`, or "und" when it cannot be told."""
    scripts = _script_counts(text)
    if not scripts:
        return UNDETERMINED
    script = max(scripts, key=lambda name: scripts[name])
    if script == "ethiopic":
        return "ti"
    if script == "arabic":
        return _arabic_script_language(text)
    if script == "cyrillic":
        return "ru"
    if script == "latin":
        return _latin_language(text)
    return UNDETERMINED


def _script_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for char in text:
        if not char.isalpha():
            continue
        script = _script_of(char)
        counts[script] = counts.get(script, 0) + 1
    return counts


def _script_of(char: str) -> str:
    code = ord(char)
    if 0x1200 <= code <= 0x139F or 0x2D80 <= code <= 0x2DDF:
        return "ethiopic"
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return "arabic"
    if 0x0400 <= code <= 0x04FF:
        return "cyrillic"
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    return unicodedata.name(char, "other").split(" ")[0].lower()


def _arabic_script_language(text: str) -> str:
    letters = set(text)
    if letters & _SORANI_LETTERS:
        return "ckb"
    if letters & _PERSIAN_LETTERS:
        return "fa"
    return "ar"


def _latin_scores(text: str) -> dict[str, float]:
    words = [word.lower() for word in _WORD_RE.findall(text)]
    scores = {lang: float(sum(word in vocabulary for word in words)) for lang, vocabulary in _FUNCTION_WORDS.items()}
    for char in text.lower():
        hinted = _LETTER_HINTS.get(char)
        if hinted:
            scores[hinted] += 0.25
    scores["fi"] += 0.5 * sum(word.endswith(_FINNISH_ENDINGS) for word in words)
    return scores


def _latin_language(text: str) -> str:
    scores = _latin_scores(text)
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] == 0:
        return UNDETERMINED
    return best


# The script each language that is not written in Latin letters is written in.
_SCRIPTS = {"ar": "arabic", "fa": "arabic", "ckb": "arabic", "ti": "ethiopic", "ru": "cyrillic"}
CLEAR_HITS = 2


def text_language(text: str, stated: str | None = None) -> str:
    """The language of `text`, given the language its source `stated` (for example the interface language
    it was written in, which a resident writing in Somali on the Swedish form leaves at Swedish).

    The stated language stands unless the text is clearly in another: written in a script the stated
    language does not use, or, in Latin letters, with at least `CLEAR_HITS` different function words of
    another language (or a score of three: one word repeated does not do) and more than twice the stated
    language's score. Short texts share words between languages ("i" is
    Swedish and Polish) and keep what was stated. Without a stated language, `detect_language`.
    """
    code = (stated or "").strip().lower().replace("_", "-").partition("-")[0]
    if not code or code == UNDETERMINED:
        return detect_language(text)
    scripts = _script_counts(text)
    if not scripts:
        return code
    script = max(scripts, key=lambda name: scripts[name])
    if script != _SCRIPTS.get(code, "latin"):
        detected = detect_language(text)
        return code if detected == UNDETERMINED else detected
    if script != "latin":
        return code
    scores = _latin_scores(text)
    best = max(scores, key=lambda lang: scores[lang])
    distinct = {word.lower() for word in _WORD_RE.findall(text)} & _FUNCTION_WORDS[best]
    clear = len(distinct) >= CLEAR_HITS or scores[best] >= 2 * CLEAR_HITS - 1
    if best != code and clear and scores[best] > 2 * scores.get(code, 0.0):
        return best
    return code


def tokenize(text: str) -> list[str]:
    """Split `text` into lowercase word tokens (letters only; digits and punctuation dropped)."""
    return [word.lower() for word in _WORD_RE.findall(text)]


@lru_cache(maxsize=8)
def stop_words(language: str) -> frozenset[str]:
    """Stop words for `language`: stopwords-iso's list, with dialogue fillers added for Swedish."""
    base = set(stopwordsiso.stopwords(language)) if stopwordsiso.has_lang(language) else set()
    if language == "sv":
        base = (base | _DIALOGUE_FILLERS) - _KEEP_AS_CONTENT
    return frozenset(base)


@lru_cache(maxsize=200_000)
def lemma(token: str, language: str) -> str:
    """The dictionary form of `token` (lowercase) in `language`; the token itself when unknown."""
    if language not in _LEMMA_LANGUAGES:
        return token
    return simplemma.lemmatize(token, lang=language).lower()


def words_with_case(text: str) -> list[str]:
    """The word tokens of `text` as written (letters only), for labels that keep the writer's casing."""
    return _WORD_RE.findall(text)


FREQUENT_WORD_SHARE = 0.3
FREQUENT_WORD_MIN_TEXTS = 8


def frequent_words(texts: Iterable[str], share: float = FREQUENT_WORD_SHARE) -> frozenset[str]:
    """Words found in at least `share` of `texts`: the function words of a language that has no
    stop-word list here (Norwegian, Bosnian, Kurdish, Tigrinya...). Empty for fewer than
    `FREQUENT_WORD_MIN_TEXTS` texts, where a topic word may well be that common."""
    counts: dict[str, int] = {}
    total = 0
    for text in texts:
        total += 1
        for word in set(tokenize(text)):
            counts[word] = counts.get(word, 0) + 1
    if total < FREQUENT_WORD_MIN_TEXTS:
        return frozenset()
    return frozenset(word for word, count in counts.items() if count >= share * total)


def content_lemmas(text: str, language: str = "sv", extra_stops: frozenset[str] = frozenset()) -> list[str]:
    """Lemmas of the words in `text` that carry content: stop words (and `extra_stops`) and
    one-letter words removed."""
    stops = stop_words(language) | extra_stops if extra_stops else stop_words(language)
    lemmas = []
    for token in tokenize(text):
        if len(token) < 2 or token in stops:
            continue
        base = lemma(token, language)
        if base not in stops:
            lemmas.append(base)
    return lemmas


def char_ngrams(words: Iterable[str], sizes: tuple[int, int] = (3, 5)) -> list[str]:
    """Character n-grams inside each word, with "<" and ">" marking the word's edges.

    Grams never cross word boundaries, so they capture parts of compounds
    ("kollektivtrafik" and "trafik" share "trafi", "rafik", "afik>", ...).
    """
    low, high = sizes
    grams: list[str] = []
    for word in words:
        padded = f"<{word}>"
        for size in range(low, high + 1):
            grams.extend(padded[start : start + size] for start in range(len(padded) - size + 1))
    return grams


def lexical_features(text: str, language: str = "sv") -> list[str]:
    """Features for the lexical backend: content lemmas (prefixed "w:") and their character n-grams."""
    lemmas = content_lemmas(text, language)
    return [f"w:{item}" for item in lemmas] + char_ngrams(lemmas)
