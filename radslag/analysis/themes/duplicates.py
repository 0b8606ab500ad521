"""Identical and near-identical texts: found before clustering, so they always share a theme.

Form letters and campaign texts arrive many times, sometimes with a changed name, greeting or
punctuation. Two texts are:

- identical when they are the same after lower-casing and keeping only letters and digits, one
  space between words;
- near-identical when the cosine of their character 4-gram profiles (TF-IDF, inside words) is at
  least `NEAR_IDENTICAL` (0.9): the same letter with a different signature or a word changed.

Groups are closed under both relations (union-find). Near-identical search compares every pair of
distinct texts, in blocks, so it runs up to `NEAR_SEARCH_LIMIT` distinct texts; above that only
identical texts are grouped (said in the run's meta).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

NEAR_IDENTICAL = 0.9
NEAR_SEARCH_LIMIT = 20_000
MIN_NEAR_CHARACTERS = 40  # shorter texts are only grouped when identical: "Ja tack" is not "Nej tack"
_BLOCK = 2000
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


@dataclass
class Duplicates:
    representative: np.ndarray  # for each text, the index of its group's first text
    near_searched: bool

    def groups(self) -> list[list[int]]:
        """Groups of more than one text, each in input order, largest first."""
        found: dict[int, list[int]] = {}
        for index, first in enumerate(self.representative.tolist()):
            found.setdefault(first, []).append(index)
        return sorted((members for members in found.values() if len(members) > 1), key=lambda g: (-len(g), g[0]))


def normalised(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def find_duplicates(texts: Sequence[str]) -> Duplicates:
    keys = [normalised(text) for text in texts]
    first_of: dict[str, int] = {}
    parent = np.array([first_of.setdefault(key, index) for index, key in enumerate(keys)], dtype=int)
    distinct = sorted(set(parent.tolist()))
    searched = len(distinct) <= NEAR_SEARCH_LIMIT
    candidates = [index for index in distinct if len(keys[index]) >= MIN_NEAR_CHARACTERS]
    if searched and len(candidates) > 1:
        _join_near(candidates, keys, parent)
    representative = np.array([_root(parent, index) for index in range(len(texts))], dtype=int)
    return Duplicates(representative=representative, near_searched=searched)


def _root(parent: np.ndarray, index: int) -> int:
    while parent[index] != index:
        parent[index] = parent[parent[index]]
        index = int(parent[index])
    return index


def _join_near(candidates: list[int], keys: list[str], parent: np.ndarray) -> None:
    profiles = TfidfVectorizer(analyzer="char_wb", ngram_range=(4, 4), sublinear_tf=True, dtype=np.float32)
    matrix = profiles.fit_transform([keys[index] for index in candidates])
    for start in range(0, len(candidates), _BLOCK):
        similar = (matrix[start : start + _BLOCK] @ matrix.T).tocoo()
        for row, column, value in zip(similar.row, similar.col, similar.data, strict=True):
            first, second = candidates[start + int(row)], candidates[int(column)]
            if first < second and value >= NEAR_IDENTICAL:
                a, b = _root(parent, first), _root(parent, second)
                if a != b:
                    parent[max(a, b)] = min(a, b)
