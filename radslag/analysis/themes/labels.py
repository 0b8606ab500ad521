"""Naming themes: distinctive keywords (class-based TF-IDF on lemmas) and a short readable phrase.

c-TF-IDF treats all members of a theme as one document. A lemma's weight in theme c is
``tf(t, c) / words(c) * log(1 + mean words per theme / total frequency of t)``: frequent in the
theme, rare elsewhere.

The label is a phrase taken from the member texts: every run of 1-5 words inside a clause that
starts and ends with a content word is a candidate; it scores the summed weight of the keywords it
contains, a bonus for being found in several members, and a small cost per word, so the shortest
phrase that carries the top keywords wins. Phrases keep the writer's casing ("parken i Nödinge"
stays "Parken i Nödinge"; only the first letter is raised).

Keywords are shown as whole words: each lemma is replaced by the word form the theme's texts use
most often for it, in the casing used most often ("Nödinge", not "nödinge"; "borttagen", not a
cut stem). A label is never empty: without any content word (numbers, emoji) it is the start of
the shortest member text, and `EMPTY_LABEL` when the texts hold no characters at all.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from radslag.analysis.text import lemma, stop_words, words_with_case

KEYWORDS_PER_THEME = 8
MAX_PHRASE_WORDS = 5
LABEL_SOURCE_TEXTS = 25
FALLBACK_WORDS = 8
EMPTY_LABEL = "…"
_CLAUSE_SPLIT = re.compile(r"[.,;:!?()\[\]\"«»”“\n]+|\s[-–]\s")


def class_tfidf(lemmas_by_theme: Sequence[Sequence[str]]) -> list[dict[str, float]]:
    """c-TF-IDF weights of every lemma in every theme (one dict per theme)."""
    counts = [Counter(lemmas) for lemmas in lemmas_by_theme]
    totals: Counter[str] = Counter()
    for count in counts:
        totals.update(count)
    sizes = [max(1, sum(count.values())) for count in counts]
    average = sum(sizes) / max(1, len(sizes))
    return [
        {term: freq / size * math.log(1 + average / totals[term]) for term, freq in count.items()}
        for count, size in zip(counts, sizes, strict=True)
    ]


def top_keywords(weights: dict[str, float], count: int = KEYWORDS_PER_THEME) -> list[tuple[str, float]]:
    """The `count` heaviest lemmas, ties broken alphabetically so results are deterministic."""
    return sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:count]


_ENDINGS = ("", "n", "en", "et", "er", "ar", "or", "na", "arna", "erna", "orna", "s", "t", "a", "e", "r", "ns", "ens")


def _inflects(term: str, word: str) -> bool:
    """Whether `word` is `term` with a common ending (so `term` is a whole word, not a cut stem)."""
    return any(word in (term + ending, term[:-1] + ending) for ending in _ENDINGS if len(term) > 2)


def surface_forms(texts: Sequence[str], languages: Sequence[str], terms: Sequence[str]) -> dict[str, str]:
    """How to show each lemma in `terms` as a whole word in the writer's casing.

    A name (written with a capital letter where it does not start the text) keeps its capital
    ("Nödinge"); a lemma the texts write with a plain ending is shown as the lemma ("park" for
    "parken"); otherwise the word form the texts use most often ("borttagningen", never a cut stem).
    """
    wanted = set(terms)
    seen: dict[str, Counter[str]] = {term: Counter() for term in terms}
    inside: dict[str, Counter[bool]] = {term: Counter() for term in terms}  # capitalised, not first word
    for text, language in zip(texts, languages, strict=True):
        for position, word in enumerate(words_with_case(text)):
            base = lemma(word.lower(), language)
            if base in wanted:
                seen[base][word] += 1
                if position:
                    inside[base][word[:1].isupper()] += 1
    forms = {}
    for term in terms:
        if not seen[term]:
            forms[term] = term
            continue
        lowered: Counter[str] = Counter()
        for form, count in seen[term].items():
            lowered[form.lower()] += count
        word = min(lowered, key=lambda form: (-lowered[form], len(form), form))
        if inside[term][True] > inside[term][False]:
            capitalised = Counter({form: n for form, n in seen[term].items() if form[:1].isupper()})
            forms[term] = min(capitalised, key=lambda form: (-capitalised[form], len(form), form))
        elif word == term or _inflects(term, word):
            forms[term] = term
        else:
            forms[term] = word
    return forms


def phrase_label(
    texts: Sequence[str],
    languages: Sequence[str],
    keywords: list[tuple[str, float]],
    extra_stops: frozenset[str] = frozenset(),
) -> str:
    """The shortest phrase from `texts` that best carries the keywords; the keywords when none does;
    never empty (see the module docstring)."""
    if not keywords:
        return fallback_label(texts)
    weight = {term: value / keywords[0][1] for term, value in keywords}
    scores: dict[str, float] = {}
    found_in: Counter[str] = Counter()
    for text, language in zip(texts[:LABEL_SOURCE_TEXTS], languages[:LABEL_SOURCE_TEXTS], strict=False):
        for phrase, covered in _candidate_phrases(text, language, weight, extra_stops):
            found_in[phrase] += 1
            words = len(phrase.split())
            scores[phrase] = sum(weight[term] for term in covered) - 0.06 * words
    if not scores:
        forms = surface_forms(texts, languages, [term for term, _ in keywords[:3]])
        return _capitalised(", ".join(forms[term] for term, _ in keywords[:3])) or fallback_label(texts)
    best = max(scores, key=lambda phrase: (scores[phrase] + 0.1 * (found_in[phrase] - 1), -len(phrase), phrase))
    return _capitalised(best)


def fallback_label(texts: Sequence[str]) -> str:
    """The start of the shortest text that has any characters; `EMPTY_LABEL` when none has."""
    filled = sorted((" ".join(text.split()) for text in texts if text.strip()), key=lambda text: (len(text), text))
    if not filled:
        return EMPTY_LABEL
    words = filled[0].split()
    return " ".join(words[:FALLBACK_WORDS]) + (" …" if len(words) > FALLBACK_WORDS else "")


def _capitalised(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]


def _candidate_phrases(
    text: str, language: str, weight: dict[str, float], extra_stops: frozenset[str]
) -> list[tuple[str, set[str]]]:
    stops = stop_words(language) | extra_stops
    phrases: list[tuple[str, set[str]]] = []
    for clause in _CLAUSE_SPLIT.split(text):
        words = [(token, lemma(token.lower(), language)) for token in words_with_case(clause)]
        for start in range(len(words)):
            if words[start][0].lower() in stops:
                continue
            for end in range(start + 1, min(len(words), start + MAX_PHRASE_WORDS) + 1):
                if words[end - 1][0].lower() in stops:
                    continue
                covered = {base for _, base in words[start:end] if base in weight}
                if covered:
                    phrases.append((" ".join(token for token, _ in words[start:end]), covered))
    return phrases
