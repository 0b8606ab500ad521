"""Reading population figures from CSV: every row is checked before anything is written.

The file has a header row with the columns år;ort;åldersgrupp;kön;antal. Rows are
numbered as in a spreadsheet, so the header is row 1 and the first figure row 2.
Every value is bounded by what the database holds (a year, a count of at most ten million, a
locality name of at most 120 characters), so a bad file gets row-and-column messages, never a 500.
A file replaces the figures of each year it holds: `replacement_preview` tells what would go.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from django.utils.translation import gettext as _

from radslag.analysis.safe_text import clean_text
from radslag.core.models import AgeBand, Sex
from radslag.organisations.models import Organisation, PopulationFigure

T = TypeVar("T")

COLUMNS = ("år", "ort", "åldersgrupp", "kön", "antal")
MAX_ERRORS = 100
MAX_ROWS = 50_000
# More than Sweden's population: a larger count in one group is a mistake, and could not be stored.
MAX_COUNT = 10_000_000
LOCALITY_MAX_LENGTH = 120  # Locality.name
DIGITS = re.compile(r"[0-9]+")

SEX_WORDS = {
    "kvinna": Sex.FEMALE, "kvinnor": Sex.FEMALE, "k": Sex.FEMALE, "female": Sex.FEMALE, "woman": Sex.FEMALE,
    "man": Sex.MALE, "män": Sex.MALE, "m": Sex.MALE, "male": Sex.MALE,
    "annat": Sex.OTHER, "other": Sex.OTHER,
}


@dataclass(frozen=True)
class PopulationRow:
    year: int
    locality: str
    age_band: str
    sex: str
    count: int


@dataclass
class PopulationFile:
    rows: list[PopulationRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return sorted({row.year for row in self.rows})


def decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return clean_text(text)


def cell_error(row: int, column: str, problem: str) -> str:
    return _("Row %(row)s, column “%(column)s”: %(problem)s") % {"row": row, "column": column, "problem": problem}


def parse_year(value: str) -> int:
    if not DIGITS.fullmatch(value) or not 1900 <= int(value) <= 2100:
        raise ValueError(_("“%(value)s” is not a year (e.g. 2024).") % {"value": shown(value)})
    return int(value)


def parse_age_band(value: str) -> str:
    cleaned = value.replace("–", "-").replace("—", "-").replace(" ", "").removesuffix("år")
    if cleaned not in AgeBand.values:
        allowed = ", ".join(AgeBand.values)
        raise ValueError(_("“%(value)s” is not an age band. Use one of: %(allowed)s.") % {
            "value": shown(value), "allowed": allowed})
    return cleaned


def parse_sex(value: str) -> str:
    sex = SEX_WORDS.get(value.lower())
    if sex is None:
        raise ValueError(_("“%(value)s” is not a sex. Write kvinna, man or annat.") % {"value": shown(value)})
    return str(sex)


def parse_count(value: str) -> int:
    cleaned = value.replace(" ", "").replace("\u00a0", "")
    if not DIGITS.fullmatch(cleaned):
        raise ValueError(_("“%(value)s” is not a whole number of zero or more.") % {"value": shown(value)})
    if len(cleaned) > 9 or int(cleaned) > MAX_COUNT:
        raise ValueError(_("%(value)s is more than %(limit)s residents in one group.") % {
            "value": shown(value), "limit": f"{MAX_COUNT:,}".replace(",", " ")})
    return int(cleaned)


def shown(value: str) -> str:
    """A cell as quoted in a message: long junk is cut, so the message stays readable."""
    return value if len(value) <= 40 else value[:40] + "…"


def read_header(reader: Iterator[list[str]]) -> tuple[dict[str, int], list[str]]:
    header = [name.strip().lower() for name in next(reader, [])]
    missing = [name for name in COLUMNS if name not in header]
    errors = [_("Row 1: the column “%(column)s” is missing.") % {"column": name} for name in missing]
    return {name: header.index(name) for name in COLUMNS if name in header}, errors


def parse_row(
    number: int, cells: list[str], positions: dict[str, int], localities: dict[str, str] | None
) -> tuple[PopulationRow | None, list[str]]:
    errors: list[str] = []

    def cell(column: str, parser: Callable[[str], T]) -> T | None:
        index = positions[column]
        value = cells[index].strip() if index < len(cells) else ""
        try:
            if not value:
                raise ValueError(_("the cell is empty."))
            return parser(value)
        except ValueError as problem:
            errors.append(cell_error(number, column, str(problem)))
            return None

    year = cell("år", parse_year)
    locality = cell("ort", lambda value: locality_name(value, localities))
    age_band = cell("åldersgrupp", parse_age_band)
    sex = cell("kön", parse_sex)
    count = cell("antal", parse_count)
    if year is None or locality is None or age_band is None or sex is None or count is None:
        return None, errors
    return PopulationRow(year=year, locality=locality, age_band=age_band, sex=sex, count=count), errors


def locality_name(value: str, localities: dict[str, str] | None) -> str:
    if len(value) > LOCALITY_MAX_LENGTH:
        raise ValueError(_("the locality name is %(length)s characters long; at most %(limit)s are allowed.") % {
            "length": len(value), "limit": LOCALITY_MAX_LENGTH})
    if localities is None:
        return value
    if value.lower() not in localities:
        raise ValueError(_("the locality “%(value)s” does not exist. Add it under Localities first.") % {
            "value": value})
    return localities[value.lower()]


def read_population_csv(data: bytes, *, known_localities: list[str] | None) -> PopulationFile:
    """Parse and check the whole file. `known_localities=None` accepts any locality name."""
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return _read_rows(reader, known_localities)
    except csv.Error as error:  # a field over csv's 131,072 characters, a stray quote
        row = reader.line_num or 1
        return PopulationFile(errors=[_("Row %(row)s cannot be read as CSV (%(reason)s). Save the file as "
                                        "“CSV UTF-8” from Excel.") % {"row": row, "reason": error}])


def _read_rows(reader: Iterator[list[str]], known_localities: list[str] | None) -> PopulationFile:
    positions, errors = read_header(reader)
    result = PopulationFile(errors=errors)
    if errors:
        return result
    localities = None if known_localities is None else {name.lower(): name for name in known_localities}
    seen: dict[tuple[int, str, str, str], int] = {}
    for number, cells in enumerate(reader, start=2):
        if number > MAX_ROWS + 1:
            result.errors.append(_("The file has more than %(limit)s rows. Import one year at a time.") % {
                "limit": MAX_ROWS})
            break
        if not any(cell.strip() for cell in cells):
            continue
        row, row_errors = parse_row(number, cells, positions, localities)
        result.errors.extend(row_errors)
        if row is not None:
            key = (row.year, row.locality.lower(), row.age_band, row.sex)
            if key in seen:
                result.errors.append(cell_error(number, "ort", _("the same group is already on row %(other)s.") % {
                    "other": seen[key]}))
            seen[key] = number
            result.rows.append(row)
        if len(result.errors) >= MAX_ERRORS:
            break
    if not result.rows and not result.errors:
        result.errors.append(_("The file has no rows with figures."))
    return result


@dataclass(frozen=True)
class YearReplacement:
    """What importing a file would do to one year's figures: what is there now and what would go."""

    year: int
    residents_now: int
    residents_in_file: int
    groups_now: int
    groups_in_file: int
    localities_in_file: list[str]
    localities_removed: list[str]  # have figures for the year now, none in the file
    groups_removed: list[tuple[str, str, str]]  # (locality, age band, sex) stored now, not in the file

    @property
    def removes_anything(self) -> bool:
        return bool(self.groups_removed)


def replacement_preview(*, organisation: Organisation, rows: list[PopulationRow]) -> list[YearReplacement]:
    """For each year in the file: its figures now against the file's, naming the localities and groups whose
    figures the import would remove."""
    years = sorted({row.year for row in rows})
    stored = (
        PopulationFigure.objects.filter(organisation=organisation, year__in=years)
        .values_list("year", "locality__name", "age_band", "sex", "count")
        .order_by("year", "locality__name", "age_band", "sex")
    )
    now: dict[int, dict[tuple[str, str, str], tuple[str, int]]] = {year: {} for year in years}
    for year, locality, age_band, sex, count in stored:
        now[year][(locality.lower(), age_band, sex)] = (locality, count)
    return [_year_replacement(year, now[year], [row for row in rows if row.year == year]) for year in years]


def _year_replacement(
    year: int, now: dict[tuple[str, str, str], tuple[str, int]], rows: list[PopulationRow]
) -> YearReplacement:
    in_file = {(row.locality.lower(), row.age_band, row.sex) for row in rows}
    file_localities = {row.locality.lower() for row in rows}
    removed = [key for key in now if key not in in_file]
    return YearReplacement(
        year=year,
        residents_now=sum(count for _name, count in now.values()),
        residents_in_file=sum(row.count for row in rows),
        groups_now=len(now),
        groups_in_file=len(rows),
        localities_in_file=sorted({row.locality for row in rows}, key=str.lower),
        localities_removed=sorted({now[key][0] for key in now if key[0] not in file_localities}, key=str.lower),
        groups_removed=[(now[key][0], key[1], str(Sex(key[2]).label)) for key in removed],
    )
