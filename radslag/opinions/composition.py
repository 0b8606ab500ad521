"""Who is in each opinion group: age bands and localities per group, with small numbers withheld.

A dialogue team wants to know whether an opinion group is, say, mostly young people from one
locality, and whether the conversation reached the whole municipality. The answers come from the
optional profile questions. Numbers under SMALL_GROUP_THRESHOLD are withheld ("fewer than 5"). Since
each group's size is published with the map, one withheld number in a column could be worked out
from the others, so the smallest other non-zero number in that column is withheld as well
(secondary suppression, as statistics offices do).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from radslag.core.models import SMALL_GROUP_THRESHOLD, AgeBand
from radslag.opinions.models import Conversation


@dataclass(frozen=True)
class Cell:
    count: int | None  # None: withheld
    share: int | None  # per cent of the column, None when withheld


@dataclass(frozen=True)
class CompositionTable:
    caption: str
    dimension: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]]


def _withheld(counts: list[int]) -> set[int]:
    """Row indices to withhold in one column: small numbers, plus one more where a single one is small."""
    small = {i for i, n in enumerate(counts) if 0 < n < SMALL_GROUP_THRESHOLD}
    if len(small) == 1:
        others = [(n, i) for i, n in enumerate(counts) if n > 0 and i not in small]
        if others:
            small.add(min(others)[1])
    return small


def _table(caption: str, dimension: str, categories: Sequence[str], columns: list[tuple[str, list[str]]],
           category_of: dict[str, str]) -> CompositionTable:
    counted = [Counter(category_of.get(pid, _("Not stated")) for pid in members) for _label, members in columns]
    present = [c for c in categories if any(counter[c] for counter in counted)]
    cells: list[list[Cell]] = [[] for _category in present]
    for counter, (_label, members) in zip(counted, columns, strict=True):
        counts = [counter[c] for c in present]
        hidden = _withheld(counts)
        for row, n in enumerate(counts):
            withheld = row in hidden
            share = round(100 * n / len(members)) if members and not withheld else None
            cells[row].append(Cell(None if withheld else n, share))
    return CompositionTable(caption, dimension, [label for label, _members in columns],
                            list(zip(present, cells, strict=True)))


def composition(conversation: Conversation, groups: Sequence[tuple[str, list[str]]]) -> list[CompositionTable]:
    """Age and locality tables, one column per (label, participant ids) group plus everyone who answered.

    Empty when nobody has answered the profile questions.
    """
    rows = list(conversation.participants.filter(votes__isnull=False).distinct()
                .values_list("pk", "age_band", "locality__name"))
    if not any(age or place for _pk, age, place in rows):
        return []
    not_stated = _("Not stated")
    ages = dict(AgeBand.choices)
    age_of = {str(pk): str(ages[age]) if age else not_stated for pk, age, _place in rows}
    place_of = {str(pk): place or not_stated for pk, _age, place in rows}
    columns = [*groups, (_("Everyone who answered"), [str(pk) for pk, _age, _place in rows])]
    localities = sorted({place for place in place_of.values() if place != not_stated})
    return [
        _table(_("Age in the groups"), _("Age"), [str(label) for _value, label in AgeBand.choices] + [not_stated],
               columns, age_of),
        _table(_("Where in the municipality the groups live"), _("Locality"), [*localities, not_stated], columns,
               place_of),
    ]
