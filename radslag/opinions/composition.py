"""Who is in each opinion group: age bands and localities per group, as rounded shares.

A dialogue team wants to know whether an opinion group is, say, mostly young people from one
locality, and whether the conversation reached the whole municipality. The answers come from the
optional profile questions.

Because the groups' sizes are published with the map, exact counts per group could be subtracted
from one another (across a row, or down a column from the group's size) to recover a withheld small
number, and with it what a few identifiable people think. So no count is shown here: each cell is the
share of its column, rounded to whole steps of 10 per cent (columns of 20–39 people) or 5 per cent (40
or more), so that a step always stands for at least two people; cells that stand for one to four people
say only "fewer than 5", and columns of fewer than 20 people are left out. The rules are those of
`radslag.analysis.disclosure`: when a column's small cells could still be worked out from the rounded
shares and the group's size, the column shows no figures at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from radslag.analysis import disclosure
from radslag.core.models import AgeBand
from radslag.opinions.models import Conversation

MIN_COLUMN = 20  # people; smaller groups get no column


@dataclass(frozen=True)
class Cell:
    share: int | None  # rounded per cent of the column; None when the cell is hidden
    few: bool = False  # stands for 1-4 people
    withheld: bool = False  # the column shows no figures (its small cells could be worked out)


@dataclass(frozen=True)
class CompositionTable:
    caption: str
    dimension: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]]


def rounded_share(count: int, size: int) -> int:
    """Per cent of the column in steps of 5 (40 people or more) or 10 (20-39), halves rounded up."""
    return disclosure.percent(count, size, disclosure.share_step(size))


def _column(counter: Counter[str], present: list[str]) -> list[Cell]:
    table = disclosure.published_table([(category, counter[category]) for category in present], always_round=True)
    return [Cell(cell.percent, few=cell.few, withheld=cell.form is disclosure.Form.WITHHELD) for cell in table.cells]


def _table(caption: str, dimension: str, categories: Sequence[str], columns: list[tuple[str, list[str]]],
           category_of: dict[str, str]) -> CompositionTable:
    counted = [Counter(category_of.get(pid, _("Not stated")) for pid in members) for _label, members in columns]
    present = [c for c in categories if any(counter[c] for counter in counted)]
    by_column = [_column(counter, present) for counter in counted]
    rows = [(category, [cells[row] for cells in by_column]) for row, category in enumerate(present)]
    return CompositionTable(caption, dimension, [label for label, _members in columns], rows)


def composition(conversation: Conversation, groups: Sequence[tuple[str, list[str]]]) -> list[CompositionTable]:
    """Age and locality tables: a column per (label, participant ids) group of at least MIN_COLUMN people,
    plus everyone who answered. Empty when nobody answered the profile questions or too few took part.
    """
    rows = list(conversation.participants.filter(votes__isnull=False).distinct()
                .values_list("pk", "age_band", "locality__name"))
    if len(rows) < MIN_COLUMN or not any(age or place for _pk, age, place in rows):
        return []
    not_stated = _("Not stated")
    ages = dict(AgeBand.choices)
    age_of = {str(pk): str(ages[age]) if age else not_stated for pk, age, _place in rows}
    place_of = {str(pk): place or not_stated for pk, _age, place in rows}
    shown = [(label, members) for label, members in groups if len(members) >= MIN_COLUMN]
    columns = [*shown, (_("Everyone who answered"), [str(pk) for pk, _age, _place in rows])]
    localities = sorted({place for place in place_of.values() if place != not_stated})
    return [
        _table(_("Age in the groups"), _("Age"), [str(label) for _value, label in AgeBand.choices] + [not_stated],
               columns, age_of),
        _table(_("Where in the municipality the groups live"), _("Locality"), [*localities, not_stated], columns,
               place_of),
    ]
