"""Which processes owe their participants an answer, and which are overdue.

The mandate promises feedback (`DialogueProcess.feedback_plan`, `feedback_due`). The answers themselves
live in higher apps (feedback answers themes; proposals answer citizen proposals linked to a process),
which register a counter here in their `AppConfig.ready()`:
`register_counter(fn, kind=..., describe=...)`, where `fn(process_ids)` is a grouped query with the columns
`process_id`, `total` (to answer) and `answered`, one row per process that has any, and
`describe(answered, total)` the line staff read, e.g. "1 of 2 themes have a published answer.".
The counters are asked together, in one query (UNION ALL), since every process page shows the debt.
Staff pages in this app and in contributions then ask `answer_debts(processes)`, and put it in words with
`answers_label(debt)` (the Answers column) or the template `dialogues/staff/_answer_debt.html`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, QuerySet, Value
from django.utils.translation import gettext as _

from radslag.dialogues.models import DialogueProcess

Counter = Callable[[Sequence[int]], QuerySet[Any]]  # rows of process_id, total, answered
Describe = Callable[[int, int], str]


@dataclass(frozen=True)
class _Registered:
    counter: Counter
    describe: Describe | None


_counters: dict[str, _Registered] = {}


def register_counter(counter: Counter, *, kind: str = "theme", describe: Describe | None = None) -> None:
    _counters[kind] = _Registered(counter, describe)


@dataclass(frozen=True)
class OwedPart:
    """One kind's share of what a process owes (its themes, its proposals), in the registering app's words."""

    kind: str
    to_answer: int
    answered: int
    text: str


@dataclass(frozen=True)
class AnswerDebt:
    to_answer: int  # themes and proposals that should get an answer
    answered: int  # of those, with a published answer
    due: dt.date | None
    closed: bool
    on: dt.date
    parts: tuple[OwedPart, ...] = ()  # by kind, those with something to answer, in the order registered

    @property
    def owed(self) -> int:
        return max(self.to_answer - self.answered, 0)

    @property
    def owes(self) -> bool:
        """A theme or proposal is still unanswered, or nothing has been answered at all (the feedback is still to
        come)."""
        return self.owed > 0 or self.answered == 0

    @property
    def overdue(self) -> bool:
        return self.owes and self.due is not None and self.due < self.on

    @property
    def days_left(self) -> int | None:
        return (self.due - self.on).days if self.due is not None else None


def answers_label(debt: AnswerDebt | None) -> str:
    """The staff pages' Answers column in words: "Owed (1/3)"; before there is any theme or proposal to
    answer, that, rather than "(0/0)" (still overdue once the promised date has passed)."""
    if debt is None:
        return "–"
    if not debt.to_answer:
        return _("Overdue: no themes to answer yet") if debt.overdue else _("No themes to answer yet")
    state = _("Overdue") if debt.overdue else _("Owed") if debt.owes else _("Answered")
    return f"{state} ({debt.answered}/{debt.to_answer})"


def _counts(process_ids: Sequence[int]) -> list[dict[str, Any]]:
    """Every registered counter's rows, each marked with its kind, in one query."""
    if not process_ids or not _counters:
        return []
    queries = [registered.counter(process_ids).order_by().annotate(kind=Value(kind, output_field=CharField()))
               for kind, registered in _counters.items()]
    first, *others = queries
    return list(first.union(*others, all=True) if others else first)


def answer_debts(processes: Iterable[DialogueProcess], on: dt.date) -> dict[int, AnswerDebt]:
    """For each public process: how many of its themes and proposals have a published answer, and whether it
    is late."""
    public = [p for p in processes if p.status != DialogueProcess.Status.DRAFT]
    order = list(_counters)
    parts: dict[int, list[OwedPart]] = {}
    for row in sorted(_counts([p.pk for p in public]), key=lambda row: order.index(row["kind"])):
        describe = _counters[row["kind"]].describe
        text = describe(row["answered"], row["total"]) if describe else ""
        parts.setdefault(row["process_id"], []).append(OwedPart(row["kind"], row["total"], row["answered"], text))
    return {
        p.pk: AnswerDebt(sum(part.to_answer for part in parts.get(p.pk, ())),
                         sum(part.answered for part in parts.get(p.pk, ())), due=p.feedback_due,
                         closed=p.status == DialogueProcess.Status.CLOSED, on=on, parts=tuple(parts.get(p.pk, ())))
        for p in public
    }
