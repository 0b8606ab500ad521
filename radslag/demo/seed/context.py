"""What the seed modules hand each other while the demo is loaded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from radslag.accounts.models import User
from radslag.dialogues.models import Activity, DialogueProcess, Table
from radslag.governance.models import Decision, FocusArea
from radslag.organisations.models import Body, Locality, Organisation

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """An aware datetime for a wall-clock time in the municipality."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


@dataclass
class DemoContext:
    """Rows created so far, looked up by the short keys the seed modules and data files use."""

    organisation: Organisation
    today: dt.date
    localities: dict[str, Locality] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    focus_areas: dict[str, FocusArea] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    processes: dict[str, DialogueProcess] = field(default_factory=dict)
    activities: dict[tuple[str, str], Activity] = field(default_factory=dict)
    tables: dict[tuple[str, str, str], Table] = field(default_factory=dict)

    def days_from_today(self, days: int, hour: int = 0, minute: int = 0) -> dt.datetime:
        """An aware datetime `days` after today (negative: before), at a local wall-clock time."""
        day = self.today + dt.timedelta(days=days)
        return local(day.year, day.month, day.day, hour, minute)
