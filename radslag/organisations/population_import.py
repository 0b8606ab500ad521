"""Reading population figures from CSV: every row is checked before anything is written.

The file has a header row with the columns år;ort;åldersgrupp;kön;antal. Rows are
numbered as in a spreadsheet, so the header is row 1 and the first figure row 2.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from django.utils.translation import gettext as _

from radslag.core.models import AgeBand, Sex

T = TypeVar("T")

COLUMNS = ("år", "ort", "åldersgrupp", "kön", "antal")
MAX_ERRORS = 100

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
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def cell_error(row: int, column: str, problem: str) -> str:
    return _("Row %(row)s, column “%(column)s”: %(problem)s") % {"row": row, "column": column, "problem": problem}


def parse_year(value: str) -> int:
    if not value.isdigit() or not 1900 <= int(value) <= 2100:
        raise ValueError(_("“%(value)s” is not a year (e.g. 2024).") % {"value": value})
    return int(value)


def parse_age_band(value: str) -> str:
    cleaned = value.replace("–", "-").replace("—", "-").replace(" ", "").removesuffix("år")
    if cleaned not in AgeBand.values:
        allowed = ", ".join(AgeBand.values)
        raise ValueError(_("“%(value)s” is not an age band. Use one of: %(allowed)s.") % {
            "value": value, "allowed": allowed})
    return cleaned


def parse_sex(value: str) -> str:
    sex = SEX_WORDS.get(value.lower())
    if sex is None:
        raise ValueError(_("“%(value)s” is not a sex. Write kvinna, man or annat.") % {"value": value})
    return str(sex)


def parse_count(value: str) -> int:
    cleaned = value.replace(" ", "").replace("\u00a0", "")
    if not cleaned.isdigit():
        raise ValueError(_("“%(value)s” is not a whole number of zero or more.") % {"value": value})
    return int(cleaned)


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
    positions, errors = read_header(reader)
    result = PopulationFile(errors=errors)
    if errors:
        return result
    localities = None if known_localities is None else {name.lower(): name for name in known_localities}
    seen: dict[tuple[int, str, str, str], int] = {}
    for number, cells in enumerate(reader, start=2):
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
