"""What else a dialogue's "Vad hände med inspelen?" page answers besides its themes (citizen proposals, ...).

The apps whose items the municipality also answers sit above this one (proposals keep their own outcome,
answer, progress and decision on the proposal), so feedback cannot read their models. Such an app
registers a kind here in its `AppConfig.ready()`:

    from radslag.feedback import what_happened

    what_happened.register(what_happened.AnsweredKind(
        key="proposal", heading=_("Citizen proposals"), intro=_("..."), items=proposals_of_process, order=10,
    ))

`items(process)` answers, in a fixed number of queries, the public items linked to that process as
`AnsweredItem`s: where each stands, and once answered its status (an `AnswerStatus`), the written answer,
progress where something is carried out, and the decisions. The page shows each kind that has items
after the themes, in `order`. Counting what a process owes goes through `radslag.dialogues.followup`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from radslag.dialogues.models import DialogueProcess
from radslag.feedback.models import CARRIED_OUT, AnswerStatus
from radslag.governance.models import Decision


@dataclass(frozen=True)
class AnsweredItem:
    anchor: str  # the element id on the page, e.g. "proposal-12"
    label: str
    url: str  # the item's own page
    stage: str  # where it stands, in words, e.g. "Sent to a committee"
    status: str = ""  # an AnswerStatus value once answered
    answer: str = ""
    answered_on: dt.date | None = None
    answer_due: dt.date | None = None  # while unanswered: when the answer is due
    answer_overdue: bool = False  # while unanswered: the due date has passed
    progress: int | None = None
    progress_note: str = ""
    decisions: tuple[Decision, ...] = ()  # with their body loaded

    @property
    def is_answered(self) -> bool:
        return bool(self.status)

    @property
    def status_label(self) -> str:
        return str(AnswerStatus(self.status).label) if self.status else ""

    @property
    def shows_progress(self) -> bool:
        return self.status in CARRIED_OUT and (self.progress is not None or bool(self.progress_note))


@dataclass(frozen=True)
class AnsweredKind:
    key: str
    heading: Any  # a lazy translation
    items: Callable[[DialogueProcess], list[AnsweredItem]]
    intro: Any = ""  # a lazy translation, one line under the heading
    order: int = 100


_kinds: dict[str, AnsweredKind] = {}


def register(kind: AnsweredKind) -> None:
    _kinds[kind.key] = kind


def unregister(key: str) -> None:
    """For tests that register a kind of their own."""
    _kinds.pop(key, None)


def sections(process: DialogueProcess) -> list[tuple[AnsweredKind, list[AnsweredItem]]]:
    """Each registered kind that has items in this process, with them (each kind asked once)."""
    found = [(kind, kind.items(process)) for kind in sorted(_kinds.values(), key=lambda k: (k.order, k.key))]
    return [(kind, items) for kind, items in found if items]
