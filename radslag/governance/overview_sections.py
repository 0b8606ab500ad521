"""Sections of the elected officials' overview that other apps provide (the decision bases waiting, ...).

The overview itself (radslag.overview, at /personal/oversikt/) sits at the top of the layers and shows
processes, participation, answers owed and committee meetings from the apps below it. What an app
between governance and the overview wants to put in front of the officials, it registers here in its
`AppConfig.ready()`; this registry lives in governance because every such app may import governance,
while none may import the overview:

    from radslag.governance import overview_sections

    overview_sections.register(overview_sections.OverviewSection(
        key="decision_bases", title=_("Decision bases waiting for you"),
        empty=_("No decision basis is waiting for a committee."),
        items=decision_bases_waiting, order=10,
    ))

`items(organisation, user)` answers the section's rows for that person, in a fixed number of queries
and scoped to the organisation: things a reader of staff analyses may open (the overview is for those
holding Capability.PROCESS_READ_ANALYSIS). A section with no rows shows its `empty` text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from radslag.organisations.models import Organisation


@dataclass(frozen=True)
class OverviewItem:
    label: str
    url: str
    note: str = ""  # one line beside it, e.g. the committee and what stage it is in
    date: dt.date | None = None  # e.g. the committee meeting it is sent to
    urgent: bool = False  # shown as needing attention (overdue, due this week)


@dataclass(frozen=True)
class OverviewSection:
    key: str
    title: Any  # a lazy translation
    items: Callable[[Organisation, Any], list[OverviewItem]]
    empty: Any = ""  # a lazy translation
    order: int = 100


_sections: dict[str, OverviewSection] = {}


def register(section: OverviewSection) -> None:
    _sections[section.key] = section


def unregister(key: str) -> None:
    """For tests that register a section of their own."""
    _sections.pop(key, None)


def sections() -> list[OverviewSection]:
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))
