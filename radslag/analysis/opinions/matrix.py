"""The participants x statements vote matrix, and who takes part in the clustering.

Pol.is keeps a "raw" matrix of every vote and a "rating" matrix in which the columns of statements the
moderator hid are set to 0 for everyone: hidden statements then carry no opinion but still count as
answered when a participant's projection is scaled. Participants enter the clustering ("in conversation")
once they have voted on at least ``min(7, statements)`` statements, hidden ones included; while fewer than
15 people qualify, the most active voters are added until there are 15.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import compress

import numpy as np

GREEDY_PARTICIPANTS = 15


@dataclass
class VoteMatrix:
    participants: list[str]  # in the order they first appear among the votes
    statements: list[str]
    values: np.ndarray  # float64, NaN = not seen; hidden statements still hold the votes cast
    hidden: np.ndarray  # bool per statement: moderated out

    @classmethod
    def build(cls, votes: Sequence[tuple[str, str, int]], statements: Sequence[str] | None = None,
              moderated_out: Collection[str] = ()) -> VoteMatrix:
        statement_ids = list(statements) if statements is not None else sorted({v[1] for v in votes}, key=str)
        s_index = {s: i for i, s in enumerate(statement_ids)}
        columns = np.fromiter((s_index.get(v[1], -1) for v in votes), dtype=np.int64, count=len(votes))
        values = np.fromiter((v[2] for v in votes), dtype=np.float64, count=len(votes))
        known = columns >= 0
        pids = list(compress((v[0] for v in votes), known.tolist()))
        order = {pid: row for row, pid in enumerate(dict.fromkeys(pids))}
        matrix = np.full((len(order), len(statement_ids)), np.nan)
        if pids:
            rows = np.fromiter(map(order.__getitem__, pids), dtype=np.int64, count=len(pids))
            matrix[rows, columns[known]] = values[known]
        hidden_ids = set(moderated_out)
        hidden = np.array([s in hidden_ids for s in statement_ids], dtype=bool)
        return cls(list(order), statement_ids, matrix, hidden)

    def vote_counts(self) -> np.ndarray:
        """Votes per participant, on hidden statements too (Pol.is counts the raw matrix)."""
        return (~np.isnan(self.values)).sum(axis=1)

    def rating_matrix(self) -> np.ndarray:
        """Columns with at least one vote; hidden ones set to 0 for every participant."""
        voted = ~np.isnan(self.values).all(axis=0)
        rating = self.values[:, voted].copy()
        rating[:, self.hidden[voted]] = 0.0
        return rating

    def visible_votes(self) -> np.ndarray:
        """The matrix for per-statement figures: hidden statements count as not seen."""
        visible = self.values.copy()
        visible[:, self.hidden] = np.nan
        return visible


def in_conversation(vote_counts: np.ndarray, n_statements: int, min_votes: int) -> np.ndarray:
    """Indices of the participants who are clustered, in their original order."""
    needed = max(1, min(min_votes, n_statements))
    chosen = vote_counts >= needed
    if chosen.sum() < GREEDY_PARTICIPANTS:
        most_active = np.argsort(-vote_counts, kind="stable")
        for row in most_active:
            if chosen.sum() >= GREEDY_PARTICIPANTS or vote_counts[row] == 0:
                break
            chosen[row] = True
    return np.flatnonzero(chosen)
