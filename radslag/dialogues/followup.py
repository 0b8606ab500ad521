"""Which processes owe their participants an answer, and which are overdue.

The mandate promises feedback (`DialogueProcess.feedback_plan`, `feedback_due`). The answers themselves
live in a higher app (feedback), which registers a counter here in its `AppConfig.ready()`:
`register_counter(fn)` with `fn(process_ids) -> {process_id: (themes_to_answer, themes_answered)}`.
Staff pages in this app and in contributions then ask `answer_debts(processes)`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from radslag.dialogues.models import DialogueProcess

Counter = Callable[[Sequence[int]], dict[int, tuple[int, int]]]
_counters: list[Counter] = []


def register_counter(counter: Counter) -> None:
    if counter not in _counters:
        _counters.append(counter)


@dataclass(frozen=True)
class AnswerDebt:
    to_answer: int  # themes (later also proposals) that should get an answer
    answered: int  # of those, with a published answer
    due: dt.date | None
    closed: bool
    on: dt.date

    @property
    def owed(self) -> int:
        return max(self.to_answer - self.answered, 0)

    @property
    def owes(self) -> bool:
        """A theme is still unanswered, or nothing has been answered at all (the feedback is still to come)."""
        return self.owed > 0 or self.answered == 0

    @property
    def overdue(self) -> bool:
        return self.owes and self.due is not None and self.due < self.on

    @property
    def days_left(self) -> int | None:
        return (self.due - self.on).days if self.due is not None else None


def answer_debts(processes: Iterable[DialogueProcess], on: dt.date) -> dict[int, AnswerDebt]:
    """For each public process: how many of its themes have a published answer, and whether it is late."""
    public = [p for p in processes if p.status != DialogueProcess.Status.DRAFT]
    counts: dict[int, tuple[int, int]] = {}
    for counter in _counters:
        for pk, (to_answer, answered) in counter([p.pk for p in public]).items():
            before = counts.get(pk, (0, 0))
            counts[pk] = (before[0] + to_answer, before[1] + answered)
    return {
        p.pk: AnswerDebt(*counts.get(p.pk, (0, 0)), due=p.feedback_due,
                         closed=p.status == DialogueProcess.Status.CLOSED, on=on)
        for p in public
    }
