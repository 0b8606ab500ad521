"""Where a process stands in time: which phases are done, current or coming."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils import timezone

from radslag.dialogues.models import Activity, DialogueProcess, Phase
from radslag.governance.models import Decision


class PhaseState(StrEnum):
    DONE = "done"
    CURRENT = "current"
    COMING = "coming"


@dataclass(frozen=True)
class TimelineEntry:
    phase: Phase
    state: PhaseState

    @property
    def is_current(self) -> bool:
        return self.state is PhaseState.CURRENT


def today() -> dt.date:
    """Today's date in the municipality's time zone (Europe/Stockholm)."""
    return timezone.localdate()


def phase_state(phase: Phase, on: dt.date) -> PhaseState:
    if phase.ends < on:
        return PhaseState.DONE
    if phase.starts > on:
        return PhaseState.COMING
    return PhaseState.CURRENT


def build_timeline(phases: Iterable[Phase], on: dt.date) -> list[TimelineEntry]:
    return [TimelineEntry(phase=phase, state=phase_state(phase, on)) for phase in phases]


def current_entry(timeline: list[TimelineEntry]) -> TimelineEntry | None:
    return next((entry for entry in timeline if entry.is_current), None)


def next_activity(activities: Iterable[Activity], now: dt.datetime) -> Activity | None:
    """The first activity still to start; when none is, one going on now (a long online activity). Never a
    cancelled one. An activity that started weeks ago must not hide the evening coming up next week."""
    live = [activity for activity in activities if activity.ends_at >= now and activity.cancelled_at is None]
    coming = [activity for activity in live if activity.starts_at >= now]
    return min(coming or live, key=lambda activity: activity.starts_at, default=None)


@dataclass(frozen=True)
class ProcessOverview:
    """What happens now in a process, for lists: the current phase and the next activity."""

    process: DialogueProcess
    current_phase: Phase | None
    next_activity: Activity | None
    outcome: tuple[Decision, ...] = ()  # for a finished process: the decisions that came out of it


def overview_of(
    process: DialogueProcess, on: dt.date, now: dt.datetime, outcome: Iterable[Decision] = ()
) -> ProcessOverview:
    """Expects the phases and `upcoming_activities` prefetched (see querysets.with_overview)."""
    if process.status == DialogueProcess.Status.CLOSED:
        return ProcessOverview(process=process, current_phase=None, next_activity=None, outcome=tuple(outcome))
    entry = current_entry(build_timeline(process.phases.all(), on))
    upcoming = getattr(process, "upcoming_activities", None)
    activities = upcoming if upcoming is not None else process.activities.all()
    return ProcessOverview(
        process=process,
        current_phase=entry.phase if entry else None,
        next_activity=next_activity(activities, now),
    )
