"""Reads for the participation page: which statement comes next, and how far the participant has come."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db.models import Count

from radslag.opinions.models import Conversation, Participant, Statement


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int

    @property
    def done(self) -> bool:
        return self.answered >= self.total


def _shuffle_key(participant: Participant | None, statement_id: int) -> str:
    """The same participant sees the same order; different participants see different orders."""
    seed = participant.pk if participant else 0
    return hashlib.sha256(f"{seed}:{statement_id}".encode()).hexdigest()


def next_statement(conversation: Conversation, participant: Participant | None) -> Statement | None:
    """An accepted, unanswered statement: fewest answers first, ties in a per-participant shuffled order."""
    candidates = conversation.statements.accepted()
    if participant is not None:
        candidates = candidates.exclude(votes__participant=participant)
    rows = list(candidates.annotate(answers=Count("votes")))
    if not rows:
        return None
    return min(rows, key=lambda row: (row.answers, _shuffle_key(participant, row.pk)))


def progress(conversation: Conversation, participant: Participant | None) -> Progress:
    total = conversation.statements.accepted().count()
    if participant is None:
        return Progress(0, total)
    answered = participant.votes.filter(statement__status=Statement.Status.ACCEPTED).count()
    return Progress(answered, total)


def own_pending(participant: Participant | None) -> list[Statement]:
    """The participant's own statements still waiting for a moderator (only they see them)."""
    if participant is None:
        return []
    return list(participant.statements.pending().order_by("created_at"))
