"""What a decision links to, registered by the apps that own those things.

Governance sits below dialogues, themes, voting, opinions and reports, so it cannot import their
models. Instead each of those apps registers a *kind* here in its `AppConfig.ready()`:

    register(LinkKind(key="theme", label=_("Themes"), choices=..., resolve=..., topics=...))

- `choices(organisation)` lists (id, label) pairs staff may link a decision to;
- `resolve(organisation, ids)` gives a `Target` (label, url, process id) for each id a *resident* may
  see: something unpublished is left out, so a public page never shows or links to it. The label is in
  the interface language where one was written, else the Swedish original with `lang="sv"` (see
  `radslag.core.localized`);
- `topics(organisation, id)` (only for processes) names what someone may follow about it, so that
  linking a decision as a process's outcome can be announced to them.

A decision then stores `DecisionLink(decision, kind, object_id, role)` rows. The kind "process" carries
a role (commissioning, outcome, partial); every other kind is something the decision rests on (basis).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

PROCESS = "process"


@dataclass(frozen=True)
class Target:
    label: str
    url: str
    process_id: int | None = None
    lang: str = ""  # the label's language where it is not the page's (a Swedish original on an English page)


@dataclass(frozen=True)
class LinkKind:
    key: str
    label: Any  # a lazy translation
    choices: Callable[[Any], Iterable[tuple[int, str]]]
    resolve: Callable[[Any, Sequence[int]], dict[int, Target]]
    topics: Callable[[Any, int], list[tuple[str, int | None]]] | None = field(default=None)
    order: int = 100


_kinds: dict[str, LinkKind] = {}


def register(kind: LinkKind) -> None:
    _kinds[kind.key] = kind


def kind(key: str) -> LinkKind | None:
    return _kinds.get(key)


def basis_kinds() -> list[LinkKind]:
    """The kinds a decision can rest on (everything but processes), in a stable order."""
    return sorted((k for k in _kinds.values() if k.key != PROCESS), key=lambda k: (k.order, k.key))


def resolve(organisation: Any, key: str, ids: Sequence[int]) -> dict[int, Target]:
    registered = _kinds.get(key)
    if registered is None or not ids:
        return {}
    return registered.resolve(organisation, list(ids))
