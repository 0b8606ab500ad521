"""Checking every row of an import against the process: columns, channels, activities, tables, profile."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from radslag.analysis.safe_text import clean_text, unneutralise_formula
from radslag.contributions.imports.files import ImportFileError, read_rows
from radslag.contributions.models import BODY_MAX_LENGTH, Channel
from radslag.core.models import AgeBand, Sex
from radslag.dialogues.models import Activity, DialogueProcess, Table
from radslag.governance.models import FocusArea
from radslag.organisations.models import Locality

MAX_REPORTED_ERRORS = 200


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)s, column “%(column)s”: %(message)s") % {
            "row": self.row, "column": self.column, "message": self.message,
        }


@dataclass(frozen=True)
class RowWarning:
    """Something unusual in a row that staff may accept: the row is valid but probably not meant as written."""

    row: int
    column: str
    message: str


@dataclass
class ParsedImport:
    rows: list[RowValues] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    error_row_count: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    warnings: list[RowWarning] = field(default_factory=list)

    @property
    def warned_rows(self) -> set[int]:
        return {warning.row for warning in self.warnings}

    @property
    def is_valid(self) -> bool:
        return self.error_row_count == 0 and bool(self.rows)

    @property
    def errors_truncated(self) -> bool:
        return len(self.errors) >= MAX_REPORTED_ERRORS

    def channel_counts(self) -> list[tuple[str, int]]:
        counts = Counter(row.channel for row in self.rows)
        return [(str(label), counts[value]) for value, label in Channel.choices if counts[value]]


# Header names as users write them (lower case) -> the canonical Swedish column name.
COLUMN_ALIASES: dict[str, str] = {
    "text": "text", "inspel": "text", "body": "text",
    "kanal": "kanal", "channel": "kanal",
    "aktivitet": "aktivitet", "activity": "aktivitet",
    "bord": "bord", "table": "bord", "grupp": "bord",
    "ålder": "ålder", "alder": "ålder", "åldersgrupp": "ålder", "age": "ålder", "age_band": "ålder",
    "kön": "kön", "kon": "kön", "sex": "kön", "gender": "kön",
    "ort": "ort", "locality": "ort",
    "fokusområde": "fokusområde", "fokusområden": "fokusområde", "fokusomrade": "fokusområde",
    "focus_area": "fokusområde", "focus_areas": "fokusområde", "focus area": "fokusområde",
    "datum": "datum", "date": "datum",
    "id": "id", "external_id": "id",
}
CHANNEL_NAMES: dict[str, str] = {
    "webb": Channel.WEB, "webben": Channel.WEB, "digitalt": Channel.WEB,
    "lapp": Channel.SLIP, "lappar": Channel.SLIP, "papperslapp": Channel.SLIP,
    "bordsanteckning": Channel.TABLE_NOTE, "anteckning": Channel.TABLE_NOTE,
    "intervju": Channel.INTERVIEW, "berättelse": Channel.INTERVIEW,
    "brev": Channel.LETTER, "e-post": Channel.LETTER, "mejl": Channel.LETTER,
    "enkät": Channel.SURVEY, "enkätsvar": Channel.SURVEY,
    **{value: value for value in Channel.values},
}
CHANNEL_HINT = "webb, lapp, bordsanteckning, intervju, brev, enkät"
SEX_NAMES: dict[str, str] = {
    "kvinna": Sex.FEMALE, "k": Sex.FEMALE, "woman": Sex.FEMALE, "female": Sex.FEMALE,
    "man": Sex.MALE, "m": Sex.MALE, "male": Sex.MALE,
    "annat": Sex.OTHER, "annan": Sex.OTHER, "vill inte svara": Sex.OTHER, "other": Sex.OTHER,
}
AGE_BANDS = frozenset(AgeBand.values)
UNREADABLE = re.compile("[\udc80-\udcff]")
LETTER = re.compile(r"[^\W\d_]")
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")


@dataclass
class RowValues:
    """One checked row, as it will be stored."""

    body: str
    channel: str
    row_number: int = 0
    activity: Activity | None = None
    table: Table | None = None
    age_band: str = ""
    sex: str = ""
    locality: Locality | None = None
    focus_areas: list[FocusArea] = field(default_factory=list)
    external_id: str = ""
    given_at: dt.datetime | None = None

    @property
    def channel_label(self) -> str:
        return str(Channel(self.channel).label)

    @property
    def sex_label(self) -> str:
        return str(Sex(self.sex).label) if self.sex else ""


class CellError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class ProcessLookups:
    """What names in a file can refer to, loaded once per file."""

    activities: dict[str, Activity | None]  # id or lower-case title -> activity; None when a title is ambiguous
    tables: dict[tuple[int, str], Table]
    localities: dict[str, Locality]
    focus_areas: dict[str, FocusArea]

    @classmethod
    def for_process(cls, process: DialogueProcess) -> ProcessLookups:
        activities: dict[str, Activity | None] = {}
        for activity in Activity.objects.filter(process=process):
            activities[str(activity.pk)] = activity
            title = activity.title.strip().lower()
            activities[title] = None if title in activities else activity
        tables = {
            (table.activity_id, table.name.strip().lower()): table
            for table in Table.objects.filter(activity__process=process)
        }
        in_organisation = {"organisation_id": process.organisation_id}
        localities = {loc.name.strip().lower(): loc for loc in Locality.objects.filter(**in_organisation)}
        areas: dict[str, FocusArea] = {}
        for area in FocusArea.objects.filter(**in_organisation):
            areas[area.slug.lower()] = area
            areas[area.name.strip().lower()] = area
        return cls(activities=activities, tables=tables, localities=localities, focus_areas=areas)


def check_row(
    cells: dict[str, str], *, lookups: ProcessLookups, default_channel: str
) -> tuple[RowValues | None, list[tuple[str, str]]]:
    """Checks one row's cells (canonical column -> text). Returns the values or (column, message) problems."""
    unreadable = [column for column, value in cells.items() if UNREADABLE.search(value)]
    if unreadable:
        message = _("some characters could not be read. Save the file as “CSV UTF-8” and try again.")
        return None, [(column, message) for column in unreadable]
    values = RowValues(body="", channel=default_channel)
    problems: list[tuple[str, str]] = []
    for column, check in CELL_CHECKS:
        if column in cells or column == "text":
            try:
                check(values, clean_text(unneutralise_formula(cells.get(column, ""))).strip(), lookups, cells)
            except CellError as error:
                problems.append((column, error.message))
    return (None, problems) if problems else (values, [])


def _check_text(values: RowValues, value: str, lookups: ProcessLookups, cells: dict[str, str]) -> None:
    if not value:
        raise CellError(_("the text is empty."))
    if len(value) > BODY_MAX_LENGTH:
        raise CellError(
            _("the text is %(length)s characters long; at most %(max)s are allowed.")
            % {"length": len(value), "max": BODY_MAX_LENGTH}
        )
    values.body = value


def _check_channel(values: RowValues, value: str, lookups: ProcessLookups, cells: dict[str, str]) -> None:
    if not value:
        return
    channel = CHANNEL_NAMES.get(value.lower())
    if channel is None:
        message = _("unknown channel “%(value)s”. Allowed: %(allowed)s.")
        raise CellError(message % {"value": value, "allowed": CHANNEL_HINT})
    values.channel = channel


def _check_activity(values: RowValues, value: str, lookups: ProcessLookups, cells: dict[str, str]) -> None:
    if not value:
        return
    key = value.lower()
    if key not in lookups.activities:
        raise CellError(_("the process has no activity “%(value)s”. Write its title or id.") % {"value": value})
    activity = lookups.activities[key]
    if activity is None:
        raise CellError(_("several activities are called “%(value)s”. Write the activity's id.") % {"value": value})
    values.activity = activity


def _check_table(values: RowValues, value: str, lookups: ProcessLookups, cells: dict[str, str]) -> None:
    if not value:
        return
    if values.activity is None:
        if not cells.get("aktivitet", "").strip():
            raise CellError(_("a table needs an activity in the column “aktivitet”."))
        return  # the activity's own error is already reported
    table = lookups.tables.get((values.activity.pk, value.lower()))
    if table is None:
        message = _("the activity “%(activity)s” has no table “%(value)s”.")
        raise CellError(message % {"activity": values.activity.title, "value": value})
    values.table = table


def _check_age(values: RowValues, value: str, lookups: ProcessLookups, cells: dict[str, str]) -> None:
    if not value:
        return
    band = re.sub(r"\s", "", value.lower().replace("–", "-").replace("—", "-")).removesuffix("år")
    if band not in AGE_BANDS:
        allowed = ", ".join(AgeBand.values)
        raise CellError(_("unknown age band “%(value)s”. Allowed: %(allowed)s.") % {"value": value, "allowed": allowed})
    values.age_band = band


def _check_sex(values: RowValues, value: str, lookups: ProcessLookups, cells: dict[str, str]) -> None:
    if not value:
        return
    sex = SEX_NAMES.get(value.lower())
    if sex is None:
        raise CellError(_("unknown value “%(value)s”. Allowed: kvinna, man, annat.") % {"value": value})
    values.sex = sex


def _check_locality(values: RowValues, value: str, lookups: ProcessLookups, cells: dict[str, str]) -> None:
    if not value:
        return
    locality = lookups.localities.get(value.lower())
    if locality is None:
        raise CellError(_("the municipality has no locality “%(value)s”.") % {"value": value})
    values.locality = locality


def _check_focus_areas(values: RowValues, value: str, lookups: ProcessLookups, cells: dict[str, str]) -> None:
    names = [name.strip() for name in value.split(";") if name.strip()]
    unknown = [name for name in names if name.lower() not in lookups.focus_areas]
    if unknown:
        raise CellError(
            _("no focus area called “%(names)s”. Separate several with “;”.") % {"names": "”, ”".join(unknown)}
        )
    areas = {area.pk: area for area in (lookups.focus_areas[name.lower()] for name in names)}
    values.focus_areas = list(areas.values())


def _check_date(values: RowValues, value: str, lookups: ProcessLookups, cells: dict[str, str]) -> None:
    """The date (and time, if written) the input was given, in the municipality's time zone."""
    if not value:
        return
    for pattern in DATE_FORMATS:
        try:
            moment = dt.datetime.strptime(value, pattern)  # noqa: DTZ007  (made aware just below)
        except ValueError:
            continue
        given = timezone.make_aware(moment)
        if given > timezone.now() + dt.timedelta(days=1):
            raise CellError(_("the date %(value)s lies in the future.") % {"value": value})
        values.given_at = given
        return
    raise CellError(_("“%(value)s” is not a date written as YYYY-MM-DD (or YYYY-MM-DD HH:MM).") % {"value": value})


def _check_id(values: RowValues, value: str, lookups: ProcessLookups, cells: dict[str, str]) -> None:
    if len(value) > 100:
        raise CellError(_("the id is longer than 100 characters."))
    values.external_id = value


CELL_CHECKS = [
    ("text", _check_text), ("kanal", _check_channel), ("aktivitet", _check_activity), ("bord", _check_table),
    ("ålder", _check_age), ("kön", _check_sex), ("ort", _check_locality), ("fokusområde", _check_focus_areas),
    ("datum", _check_date), ("id", _check_id),
]


# --- Checking the rows ------------------------------------------------------------------------------


def map_header(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Canonical column name -> index, and the names of columns that are not used."""
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, raw in enumerate(header):
        name = raw.strip().lstrip("\ufeff").strip().lower()
        canonical = COLUMN_ALIASES.get(name)
        if canonical is None:
            if name:
                ignored.append(raw.strip())
            continue
        if canonical in columns:
            raise ImportFileError(
                _("The column “%(column)s” appears twice in the first row.") % {"column": canonical}
            )
        columns[canonical] = index
    if "text" not in columns:
        raise ImportFileError(
            _("The file has no column “text” (or “inspel”). The first row must name the columns.")
        )
    return columns, ignored


def parse_import(
    data: bytes, *, process: DialogueProcess, default_channel: str = Channel.SLIP, check_size: bool = True
) -> ParsedImport:
    """Reads and checks the whole file. Raises ImportFileError when the file as a whole is unusable.

    `check_size=False` is for the CSV that `normalise_upload` made of an XLSX upload already checked."""
    header, rows = read_rows(data, check_size=check_size)
    columns, ignored = map_header(header)
    result = ParsedImport(ignored_columns=ignored)
    lookups = ProcessLookups.for_process(process)
    rows_of_id: dict[str, int] = {}
    for number, cells in rows:
        cell_values = {name: (cells[index] if index < len(cells) else "") for name, index in columns.items()}
        values, problems = check_row(cell_values, lookups=lookups, default_channel=default_channel)
        if values is not None and values.external_id:
            first = rows_of_id.setdefault(values.external_id, number)
            if first != number:
                message = _("the id “%(value)s” is already on row %(row)s; each row needs its own id.")
                problems = [("id", message % {"value": values.external_id, "row": first})]
        if problems:
            result.error_row_count += 1
            room = MAX_REPORTED_ERRORS - len(result.errors)
            result.errors.extend(RowError(number, column, message) for column, message in problems[:room])
        elif values is not None:
            values.row_number = number
            result.rows.append(values)
            if not LETTER.search(values.body):
                result.warnings.append(RowWarning(number, "text", _(
                    "the text “%(text)s” has no letters. Is it a number or id that belongs in another column?"
                ) % {"text": values.body[:60]}))
    if not result.rows and not result.error_row_count:
        raise ImportFileError(_("The file has no rows with contributions below the first row."))
    return result
