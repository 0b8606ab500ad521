"""Naming themes: distinctive keywords (class-based TF-IDF on lemmas) and a short readable phrase.

c-TF-IDF treats all members of a theme as one document. A lemma's weight in theme c is
``tf(t, c) / words(c) * log(1 + mean words per theme / total frequency of t)``: frequent in the
theme, rare elsewhere.

The label is a phrase taken from the member texts: every run of 1-5 words inside a clause that
starts and ends with a content word is a candidate; it scores the summed weight of the keywords it
contains, a bonus for being found in several members, and a small cost per word, so the shortest
phrase that carries the top keywords wins.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from radslag.analysis.text import lemma, stop_words, tokenize

KEYWORDS_PER_THEME = 8
MAX_PHRASE_WORDS = 5
LABEL_SOURCE_TEXTS = 25
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


def phrase_label(texts: Sequence[str], languages: Sequence[str], keywords: list[tuple[str, float]]) -> str:
    """The shortest phrase from `texts` that best carries the keywords; the keywords when none does."""
    if not keywords:
        return ""
    weight = {term: value / keywords[0][1] for term, value in keywords}
    scores: dict[str, float] = {}
    found_in: Counter[str] = Counter()
    for text, language in zip(texts[:LABEL_SOURCE_TEXTS], languages[:LABEL_SOURCE_TEXTS], strict=False):
        for phrase, covered in _candidate_phrases(text, language, weight):
            found_in[phrase] += 1
            words = len(phrase.split())
            scores[phrase] = sum(weight[term] for term in covered) - 0.06 * words
    if not scores:
        return ", ".join(term for term, _ in keywords[:3])
    best = max(scores, key=lambda phrase: (scores[phrase] + 0.1 * (found_in[phrase] - 1), -len(phrase), phrase))
    return best[:1].upper() + best[1:]


def _candidate_phrases(text: str, language: str, weight: dict[str, float]) -> list[tuple[str, set[str]]]:
    stops = stop_words(language)
    phrases: list[tuple[str, set[str]]] = []
    for clause in _CLAUSE_SPLIT.split(text):
        words = [(token, lemma(token, language)) for token in tokenize(clause)]
        for start in range(len(words)):
            if words[start][0] in stops:
                continue
            for end in range(start + 1, min(len(words), start + MAX_PHRASE_WORDS) + 1):
                if words[end - 1][0] in stops:
                    continue
                covered = {base for _, base in words[start:end] if base in weight}
                if covered:
                    phrases.append((" ".join(token for token, _ in words[start:end]), covered))
    return phrases
