"""What may be published: no published table lets a reader who knows the rules work out a small group."""

from __future__ import annotations

import itertools
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from radslag.analysis.disclosure import (
    SMALL_GROUP_THRESHOLD,
    Form,
    Table,
    exact_table,
    hidden_ranges,
    percent,
    published_table,
    published_tables,
    share_step,
)

T = SMALL_GROUP_THRESHOLD
counts_lists = st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=8)


def keyed(values: list[int] | tuple[int, ...]) -> list[tuple[str, int]]:
    return [(f"g{i}", value) for i, value in enumerate(values)]


def test_halves_are_rounded_up_as_people_expect() -> None:
    """23 of 40 is 57.5 %, published as 58 %; 1 of 8 is 12.5 %, published as 13 %."""
    assert percent(23, 40) == 58
    assert percent(1, 8) == 13
    assert exact_table(keyed([23, 17])).cells[0].percent == 58
    assert exact_table(keyed([1, 7])).cells[0].percent == 13


@given(st.integers(min_value=0, max_value=5000), st.integers(min_value=1, max_value=5000),
       st.sampled_from([1, 5, 10, 20, 25, 50]))
def test_percent_is_half_up_like_decimal(part: int, whole: int, step: int) -> None:
    """Compared with the standard library's decimal ROUND_HALF_UP on the exact fraction."""
    exact = Fraction(100 * part, whole * step)
    expected = Decimal(exact.numerator) / Decimal(exact.denominator)
    assert percent(part, whole, step) == int(expected.quantize(Decimal(1), rounding=ROUND_HALF_UP)) * step


def test_vote_page_example_one_hidden_locality_cannot_be_subtracted() -> None:
    """Total 23, two localities of 10 and 9 and one of 4: the 4 is not 23 - 10 - 9 for a reader."""
    table = published_table(keyed([10, 9, 4]))
    assert table.cells[2].form is Form.FEW
    assert all(cell.count is None for cell in table.cells)  # no exact count beside the total
    low, high = hidden_ranges(table)["g2"]
    assert low < high


def test_one_small_and_one_large_group_of_six_is_withheld() -> None:
    """Five and one: knowing the rule, the hidden group can only be one, so nothing is published."""
    table = published_table(keyed([5, 1]))
    assert table.withheld and all(cell.form is Form.WITHHELD for cell in table.cells)


def test_tables_without_small_groups_are_exact() -> None:
    table = published_table(keyed([12, 0, 30]))
    assert [cell.count for cell in table.cells] == [12, 0, 30]
    assert [cell.percent for cell in table.cells] == [29, 0, 71]


def test_fewer_than_threshold_in_all_withholds_the_table() -> None:
    assert published_table(keyed([2, 2])).withheld


def test_tables_published_together_must_count_the_same_people() -> None:
    with pytest.raises(ValueError):
        published_tables([keyed([5, 5]), keyed([6, 5])])
    by_age, by_place = published_tables([keyed([8, 3, 9]), keyed([15, 5])])
    assert by_age.total == by_place.total == 20


def _published(values: tuple[int, ...], always_round: bool) -> Table:
    return published_table(keyed(values), always_round=always_round)


def _vectors(categories: int, largest_total: int) -> list[tuple[int, ...]]:
    """Every count vector of `categories` cells whose total is at most `largest_total`."""
    return [v for v in itertools.product(range(largest_total + 1), repeat=categories) if sum(v) <= largest_total]


@pytest.mark.parametrize(("categories", "largest_total"), [(2, 60), (3, 36), (4, 20)])
@pytest.mark.parametrize("always_round", [False, True])
def test_no_published_table_gives_away_a_small_group(categories: int, largest_total: int,
                                                     always_round: bool) -> None:
    """Every count vector up to a total: all vectors that publish the same table are what a reader who
    knows the rules cannot tell apart. In each such set every "fewer than 5" cell takes two values or
    more, and `hidden_ranges` says exactly what the reader can work out."""
    seen: dict[Table, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for values in _vectors(categories, largest_total):
        table = _published(values, always_round)
        for cell, value in zip(table.cells, values, strict=True):
            seen[table][cell.key].add(value)
    for table, values_by_key in seen.items():
        ranges = hidden_ranges(table)
        for cell in table.cells:
            if cell.form is Form.FEW:
                possible = values_by_key[cell.key]
                assert len(possible) >= 2, (table, possible)
                assert (min(possible), max(possible)) == ranges[cell.key]


@settings(max_examples=300)
@given(counts_lists, st.booleans())
def test_no_published_cell_is_below_the_threshold(values: list[int], always_round: bool) -> None:
    table = published_table(keyed(values), always_round=always_round)
    for cell, value in zip(table.cells, values, strict=True):
        if cell.form is Form.EXACT:
            assert cell.count == value and (value == 0 or value >= T)
        elif cell.form is Form.ROUNDED:
            assert value >= T and cell.count is None
        else:
            assert cell.count is None and cell.percent is None
    assert table.withheld or table.total == sum(values)


@settings(max_examples=300)
@given(counts_lists, st.booleans())
def test_a_hidden_cell_always_has_another_possible_value(values: list[int], always_round: bool) -> None:
    """Beyond the exhaustive sizes: build the other table a reader could not tell from this one."""
    table = published_table(keyed(values), always_round=always_round)
    for key, (low, high) in hidden_ranges(table).items():
        assert low < high
        index = int(key[1:])
        other = low if values[index] != low else high
        alternative = _with_cell(values, index, other, table)
        assert alternative is not None
        assert published_table(keyed(alternative), always_round=always_round) == table


def _with_cell(values: list[int], index: int, value: int, table: Table) -> list[int] | None:
    """`values` with cell `index` set to `value` and the difference taken up by cells that can move
    without changing what is published (hidden cells within 1-4, rounded ones within their step)."""
    result = list(values)
    result[index] = value
    debt = value - values[index]
    for position, cell in enumerate(table.cells):
        if position == index or cell.form is Form.EXACT:
            continue
        while debt:
            nudged = result[position] - (1 if debt > 0 else -1)
            if nudged < 1 or (cell.form is Form.FEW and nudged >= T):
                break
            trial = list(result)
            trial[position] = nudged
            if cell.form is Form.ROUNDED and (nudged < T or percent(nudged, sum(values), table.step) != cell.percent):
                break
            result = trial
            debt += 1 if debt < 0 else -1
    return result if not debt else None


@settings(max_examples=300)
@given(counts_lists)
def test_published_shares_add_up_sensibly(values: list[int]) -> None:
    """Exact shares add up to 100 give or take half a per cent a cell; rounded ones give or take half a step."""
    table = published_table(keyed(values))
    if table.withheld:
        return
    shown = sum(cell.percent or 0 for cell in table.cells)
    slack = table.step * len(table.cells) / 2
    if any(cell.hidden for cell in table.cells):
        assert shown <= 100 + slack
    else:
        assert abs(shown - 100) <= slack
    staff = exact_table(keyed(values))
    assert abs(sum(cell.percent or 0 for cell in staff.cells) - 100) <= len(values) / 2


def test_rounding_step_stands_for_at_least_two_people() -> None:
    for total in range(T, 500):
        step = share_step(total)
        assert step * total >= 200 or step == 50


@settings(max_examples=300)
@given(counts_lists, st.booleans())
def test_the_hidden_cells_sum_is_never_known_when_one_cell_is_hidden(values: list[int], always_round: bool) -> None:
    """Either two or more cells are hidden, or the one hidden cell's count (their sum) has several possibilities."""
    table = published_table(keyed(values), always_round=always_round)
    few = [cell for cell in table.cells if cell.form is Form.FEW]
    if len(few) == 1:
        low, high = hidden_ranges(table)[few[0].key]
        assert low < high
    if not table.withheld and any(0 < value < T for value in values):
        assert len(few) >= 1 and all(cell.count is None for cell in table.cells if cell.form is not Form.EXACT)
        assert all(cell.count in (0, None) for cell in table.cells)  # beside a small group: no exact count
