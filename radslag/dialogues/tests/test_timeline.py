"""Which phases are done, current or coming on a given day."""

import datetime as dt

from radslag.dialogues.models import Phase
from radslag.dialogues.timeline import PhaseState, build_timeline, current_entry


def phases():
    return [
        Phase(name="Intervjuer", order=1, starts=dt.date(2026, 1, 1), ends=dt.date(2026, 2, 28)),
        Phase(name="Öppet möte", order=2, starts=dt.date(2026, 3, 1), ends=dt.date(2026, 3, 31)),
        Phase(name="Återkoppling", order=3, starts=dt.date(2026, 4, 1), ends=dt.date(2026, 5, 31)),
    ]


def test_phases_are_done_current_and_coming_by_date():
    timeline = build_timeline(phases(), dt.date(2026, 3, 15))

    assert [entry.state for entry in timeline] == [PhaseState.DONE, PhaseState.CURRENT, PhaseState.COMING]
    assert current_entry(timeline).phase.name == "Öppet möte"


def test_first_and_last_day_belong_to_the_phase():
    assert build_timeline(phases(), dt.date(2026, 3, 1))[1].state is PhaseState.CURRENT
    assert build_timeline(phases(), dt.date(2026, 3, 31))[1].state is PhaseState.CURRENT


def test_no_current_phase_between_or_after_phases():
    timeline = build_timeline(phases(), dt.date(2026, 6, 1))

    assert all(entry.state is PhaseState.DONE for entry in timeline)
    assert current_entry(timeline) is None
