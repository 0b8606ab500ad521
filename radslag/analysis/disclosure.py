"""Who is counted and what may be published: the one place that turns counts into published figures.

Every page, file and API that shows a breakdown (how many of some people fall in each category)
goes through here. Counts per category go in; cells come out, each one of:

- exact: the count and its share, as they are;
- rounded: no count, only the share rounded to a step that stands for at least two people;
- few: "fewer than 5" (1 to `SMALL_GROUP_THRESHOLD` - 1 people), neither count nor share;
- withheld: the whole table is withheld, so nothing about the cell is shown.

Two forms, chosen by name so that a caller has to say which it means:

- `exact_table`: for staff pages that have always shown the register as it is;
- `published_table` (and `published_tables` for one population split several ways): for every public
  page, document and API.

Why not hide just the small cells? The total is published, so one hidden cell is the total minus the
others, and hiding one more cell, as statistics tables often do, can still be undone when the rule is
known. So when a table has a small group, the other groups show only rounded shares, and the table is
checked the way a reader who knows this rule would work on it (`hidden_ranges`): every hidden cell must
still have at least two possible values. If one does not, the whole table is withheld. The check uses
only what the table publishes, so that its passing tells a reader nothing new, and the rounding step
depends only on the (published) total. The same holds for several tables of one population (by age,
by locality): they share nothing but their total, which each table's check already takes as known.

Shares are rounded half up (23 of 40 is 58 %, 1 of 8 is 13 %) with integer arithmetic, never with
Python's `round()`, which rounds halves to even and works on inexact floats.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

SMALL_GROUP_THRESHOLD = 5  # groups of fewer people than this are never published as a number
SHARE_STEPS = (5, 10, 20, 25, 50)  # per cent; the rounding steps a published share may use
ROUNDING_PEOPLE = 2  # a rounding step stands for at least this many people

Counts = Sequence[tuple[str, int]]  # (category key, count), in the order to show


def percent(part: int, whole: int, step: int = 1) -> int:
    """`part` of `whole` in per cent, rounded half up to a multiple of `step` (integer arithmetic)."""
    if whole <= 0:
        raise ValueError("whole must be positive")
    return (200 * part + whole * step) // (2 * whole * step) * step


def share_percent(share: float, step: int = 1) -> int:
    """A share (0..1) known only as a float, in per cent rounded half up: via its shortest decimal form,
    so that 0.575 is 57.5 % and rounds to 58 (as a float times 100 it would be 57.49999...)."""
    return int((Decimal(repr(share)) * 100 / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * step


def share_step(total: int) -> int:
    """The rounding step (per cent) for a table of `total` people: the smallest that is two people or more."""
    return next((step for step in SHARE_STEPS if step * total >= 100 * ROUNDING_PEOPLE), SHARE_STEPS[-1])


class Form(StrEnum):
    EXACT = "exact"
    ROUNDED = "rounded"
    FEW = "few"
    WITHHELD = "withheld"


@dataclass(frozen=True)
class Cell:
    key: str
    form: Form
    count: int | None  # only for exact cells
    percent: int | None  # of the table's total; exact cells to 1 %, rounded ones to the table's step

    @property
    def few(self) -> bool:
        return self.form is Form.FEW

    @property
    def rounded(self) -> bool:
        return self.form is Form.ROUNDED

    @property
    def hidden(self) -> bool:
        return self.form in (Form.FEW, Form.WITHHELD)


@dataclass(frozen=True)
class Table:
    cells: tuple[Cell, ...]
    total: int | None  # the people the shares are of; None when the table is withheld
    step: int  # the rounding step of the rounded cells' shares (1 when none is rounded)
    threshold: int = SMALL_GROUP_THRESHOLD

    @property
    def withheld(self) -> bool:
        return self.total is None

    def cell(self, key: str) -> Cell:
        return next(cell for cell in self.cells if cell.key == key)


def exact_table(counts: Counts) -> Table:
    """For staff pages only: every count as it is, shares rounded half up to whole per cent."""
    total = sum(count for _key, count in counts)
    cells = tuple(Cell(key, Form.EXACT, count, percent(count, total) if total else None) for key, count in counts)
    return Table(cells, total, 1)


def _withheld(counts: Counts, threshold: int) -> Table:
    return Table(tuple(Cell(key, Form.WITHHELD, None, None) for key, _count in counts), None, 1, threshold)


def _candidate(counts: Counts, total: int, threshold: int, always_round: bool) -> Table:
    small = any(0 < count < threshold for _key, count in counts)
    if not small and not always_round:
        return Table(tuple(Cell(key, Form.EXACT, count, percent(count, total)) for key, count in counts),
                     total, 1, threshold)
    step = share_step(total)
    cells = []
    for key, count in counts:
        if count == 0:
            cells.append(Cell(key, Form.EXACT, 0, 0))  # nobody: nothing to protect
        elif count < threshold:
            cells.append(Cell(key, Form.FEW, None, None))
        else:
            cells.append(Cell(key, Form.ROUNDED, None, percent(count, total, step)))
    return Table(tuple(cells), total, step, threshold)


def published_table(counts: Counts, *, threshold: int = SMALL_GROUP_THRESHOLD, always_round: bool = False) -> Table:
    """The table as it may be published (see the module docstring).

    `always_round` rounds every non-empty cell even when no group is small: for tables whose columns
    could otherwise be subtracted from one another (such as opinion groups beside everyone).
    """
    if any(count < 0 for _key, count in counts):
        raise ValueError("counts cannot be negative")
    total = sum(count for _key, count in counts)
    if total < threshold:
        return _withheld(counts, threshold)
    table = _candidate(counts, total, threshold, always_round)
    if any(low == high for low, high in hidden_ranges(table).values()):
        return _withheld(counts, threshold)
    return table


def published_tables(tables: Sequence[Counts], *, threshold: int = SMALL_GROUP_THRESHOLD,
                     always_round: bool = False) -> list[Table]:
    """Several tables of the same people split different ways (by age, by locality), published together.

    Marginal tables of one population share only their total; every table's check already takes its
    total as known, so each is made safe on its own. The totals must agree (each table has a category
    for those who did not say), or a reader could subtract one table's total from another's.
    """
    totals = {sum(count for _key, count in counts) for counts in tables}
    if len(totals) > 1:
        raise ValueError("tables published together must count the same people")
    return [published_table(counts, threshold=threshold, always_round=always_round) for counts in tables]


def _rounded_interval(share: int, step: int, total: int, threshold: int) -> tuple[int, int]:
    """The counts (at least `threshold`) whose share of `total` rounds half up to `share` in `step`s."""
    # percent(c) == share  <=>  (2 share - step) total <= 200 c < (2 share + step) total
    low = -(-(2 * share - step) * total // 200)
    high = -(-(2 * share + step) * total // 200) - 1
    return max(low, threshold), min(high, total)


def _interval(cell: Cell, table: Table) -> tuple[int, int]:
    total = table.total or 0
    if cell.form is Form.EXACT:
        return cell.count or 0, cell.count or 0
    if cell.form is Form.FEW:
        return 1, table.threshold - 1
    if cell.form is Form.ROUNDED:
        return _rounded_interval(cell.percent or 0, table.step, total, table.threshold)
    return 0, total


def hidden_ranges(table: Table) -> dict[str, tuple[int, int]]:
    """What a reader who knows the rules can work out about each hidden cell: its lowest and highest
    possible count, given the published total and every other cell. The counts consistent with one cell
    are an interval and the only link between cells is their sum, so these bounds are exact.
    """
    if table.total is None:
        return {}  # nothing is published, so nothing can be worked out
    intervals = [_interval(cell, table) for cell in table.cells]
    lows, highs = sum(low for low, _high in intervals), sum(high for _low, high in intervals)
    ranges = {}
    for cell, (low, high) in zip(table.cells, intervals, strict=True):
        if cell.form is Form.FEW:
            ranges[cell.key] = (max(low, table.total - (highs - high)), min(high, table.total - (lows - low)))
    return ranges
