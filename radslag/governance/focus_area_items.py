"""What is tied to a focus area, registered by the apps that own it (proposals, surveys, ...).

Governance sits below every participation app, so it cannot read their models. An app whose items
can be tied to a focus area registers a *kind* here in its `AppConfig.ready()`:

    from radslag.governance import focus_area_items

    focus_area_items.register(focus_area_items.FocusAreaKind(
        key="proposal", label=_("Proposals"), empty=_("No proposal is tied to this focus area yet."),
        items=proposals_by_focus_area, order=30,
    ))

`items(organisation, area_ids)` answers, for several focus areas at once and in a fixed number of
queries, `{area_id: [FocusAreaItem, ...]}`: only what a resident may see (published), newest first,
each with its outcome in words. The public focus-area and vision pages (radslag.overview) show every
registered kind after the dialogues and themes, in `order`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from radslag.organisations.models import Organisation


@dataclass(frozen=True)
class FocusAreaItem:
    label: str
    url: str
    outcome: str = ""  # where it stands or what came of it, in words ("Answered: being carried out")
    date: dt.date | None = None
    done: bool = False  # it has its outcome (answered, decided, results published)


ItemsByArea = dict[int, list[FocusAreaItem]]


@dataclass(frozen=True)
class FocusAreaKind:
    key: str
    label: Any  # a lazy translation: the section's heading, e.g. "Proposals"
    items: Callable[[Organisation, Sequence[int]], ItemsByArea]
    empty: Any = ""  # a lazy translation, shown when a focus area has none of this kind
    order: int = 100


_kinds: dict[str, FocusAreaKind] = {}


def register(kind: FocusAreaKind) -> None:
    _kinds[kind.key] = kind


def unregister(key: str) -> None:
    """For tests that register a kind of their own."""
    _kinds.pop(key, None)


def kinds() -> list[FocusAreaKind]:
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.key))


def collect(organisation: Organisation, area_ids: Sequence[int]) -> list[tuple[FocusAreaKind, ItemsByArea]]:
    """Every registered kind with its items for the given focus areas (each kind asked once)."""
    ids = list(area_ids)
    return [(kind, kind.items(organisation, ids) if ids else {}) for kind in kinds()]
