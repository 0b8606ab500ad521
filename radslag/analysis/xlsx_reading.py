"""Reading the first sheet of an XLSX file with the work bounded by what the file really holds.

openpyxl's read-only mode trusts the sheet's `<dimension ref="A1:XFD1048576"/>` and pads every row
to it (a 1.6 KB file then costs minutes), and it loads a 200 MB cell whole. Here the sheet's XML is
read as a stream, cell by cell: only cells that are present cost anything, and the file is refused
before parsing when its parts unpack to more than `max_unpacked` bytes (a zip bomb), and while
parsing at the first cell past `max_columns`, past row `max_rows` or longer than `max_cell_chars`.
A refusal is an `XlsxError` whose `reason` the caller turns into a message in its own language.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from lxml import etree

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
EXCEL_MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
BUILTIN_DATE_FORMATS = {14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57}


class XlsxError(ValueError):
    """`reason`: "damaged", "unpacked_size", "columns", "rows" or "cell_size"; `row` and `column` where known."""

    def __init__(self, reason: str, *, row: int = 0, column: int = 0, limit: int = 0) -> None:
        super().__init__(f"{reason} (rad {row}, kolumn {column}, gräns {limit})")
        self.reason, self.row, self.column, self.limit = reason, row, column, limit


@dataclass(frozen=True)
class XlsxLimits:
    max_unpacked: int = 200 * 1024 * 1024
    max_columns: int = 200
    max_rows: int = 1_048_576
    max_cell_chars: int = EXCEL_MAX_CELL_CHARS


@dataclass
class _Book:
    archive: zipfile.ZipFile
    sheet: str
    shared: list[str] = field(default_factory=list)
    date_styles: set[int] = field(default_factory=set)
    epoch: dt.datetime = dt.datetime(1899, 12, 30)  # noqa: DTZ001  (Excel serial dates have no zone)


def iter_first_sheet(data: bytes, limits: XlsxLimits | None = None) -> Iterator[tuple[int, list[Any]]]:
    """Yields (row number, values) for each row present in the first sheet: text, int, float, bool,
    date or datetime, None for an empty cell; the list is as long as the row's last present cell."""
    limits = limits or XlsxLimits()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as error:
        raise XlsxError("damaged") from error
    with archive:
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > limits.max_unpacked:
            raise XlsxError("unpacked_size", limit=limits.max_unpacked)
        try:
            book = _open_book(archive, limits)
            yield from _rows(book, limits)
        except XlsxError:
            raise
        except etree.XMLSyntaxError as error:
            # libxml2 refuses a text node over 10 MB ("huge text node") before it is built whole.
            raise XlsxError("cell_size" if "huge" in str(error) else "damaged", limit=limits.max_cell_chars) from error
        except (KeyError, IndexError, zipfile.BadZipFile, ValueError, OverflowError, OSError) as error:
            raise XlsxError("damaged") from error


def _open(archive: zipfile.ZipFile, name: str) -> IO[bytes]:
    return archive.open(name)


def _parse(archive: zipfile.ZipFile, name: str) -> etree._Element:
    with _open(archive, name) as handle:
        return etree.parse(handle, etree.XMLParser(resolve_entities=False, no_network=True)).getroot()


def _relations(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in archive.namelist():
        return {}
    relations = {}
    for rel in _parse(archive, rels_name).iter(f"{RELS}Relationship"):
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        relations[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], path)
    return relations


def _open_book(archive: zipfile.ZipFile, limits: XlsxLimits) -> _Book:
    workbook_part = "xl/workbook.xml"
    workbook = _parse(archive, workbook_part)
    relations = _relations(archive, workbook_part)
    first = workbook.find(f"{MAIN}sheets/{MAIN}sheet")
    if first is None:
        raise XlsxError("damaged")
    book = _Book(archive=archive, sheet=relations[first.get(f"{OFFICE_REL}id", "")][1])
    properties = workbook.find(f"{MAIN}workbookPr")
    if properties is not None and properties.get("date1904") in ("1", "true"):
        book.epoch = dt.datetime(1904, 1, 1)  # noqa: DTZ001
    for kind, path in relations.values():
        if kind == "sharedStrings":
            book.shared = _shared_strings(archive, path, limits)
        elif kind == "styles":
            book.date_styles = _date_styles(archive, path)
    return book


def _text_of(element: etree._Element) -> str:
    """The text of a string item: its <t> runs, without phonetic guides (<rPh>)."""
    return "".join(t.text or "" for t in element.iter(f"{MAIN}t") if t.getparent().tag != f"{MAIN}rPh")


def _shared_strings(archive: zipfile.ZipFile, path: str, limits: XlsxLimits) -> list[str]:
    strings: list[str] = []
    with _open(archive, path) as handle:
        for _event, item in etree.iterparse(handle, tag=f"{MAIN}si", resolve_entities=False, no_network=True):
            strings.append(_text_of(item))
            item.clear(keep_tail=False)
    return strings


def _date_styles(archive: zipfile.ZipFile, path: str) -> set[int]:
    from openpyxl.styles.numbers import is_date_format

    styles = _parse(archive, path)
    custom = {int(fmt.get("numFmtId", "0")): fmt.get("formatCode", "") for fmt in styles.iter(f"{MAIN}numFmt")}
    cell_formats = styles.find(f"{MAIN}cellXfs")
    dates = set()
    for index, xf in enumerate([] if cell_formats is None else cell_formats.iter(f"{MAIN}xf")):
        number_format = int(xf.get("numFmtId", "0"))
        if number_format in BUILTIN_DATE_FORMATS or (number_format in custom and is_date_format(custom[number_format])):
            dates.add(index)
    return dates


def _column_number(reference: str) -> int:
    number = 0
    for letter in reference:
        if not letter.isalpha():
            break
        number = number * 26 + (ord(letter.upper()) - 64)
    return number


def _rows(book: _Book, limits: XlsxLimits) -> Iterator[tuple[int, list[Any]]]:
    row_number = 0
    with _open(book.archive, book.sheet) as handle:
        for _event, row in etree.iterparse(handle, tag=f"{MAIN}row", resolve_entities=False, no_network=True):
            row_number = int(row.get("r") or row_number + 1)
            if row_number > limits.max_rows:
                raise XlsxError("rows", row=row_number, limit=limits.max_rows)
            values: list[Any] = []
            for cell in row.iter(f"{MAIN}c"):
                column = _column_number(cell.get("r", "")) or len(values) + 1
                if column > limits.max_columns:
                    raise XlsxError("columns", row=row_number, column=column, limit=limits.max_columns)
                value = _cell_value(book, cell)
                if isinstance(value, str) and len(value) > limits.max_cell_chars:
                    raise XlsxError("cell_size", row=row_number, column=column, limit=limits.max_cell_chars)
                values.extend([None] * (column - len(values) - 1))
                values.append(value)
            row.clear(keep_tail=False)
            while row.getprevious() is not None:
                del row.getparent()[0]
            while values and values[-1] is None:
                values.pop()  # cells without a value at the end of a row are no columns
            yield row_number, values


def _cell_value(book: _Book, cell: etree._Element) -> Any:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = cell.find(f"{MAIN}is")
        return None if inline is None else _text_of(inline)
    raw = cell.findtext(f"{MAIN}v")
    if raw is None or (raw == "" and kind != "str"):
        return None  # no value, or a formula saved without its result (as openpyxl reads it: empty)
    if kind == "s":
        return book.shared[int(raw)]
    if kind in ("str", "e", "d"):  # a formula's text, an error such as #N/A, an ISO 8601 date
        return raw
    if kind == "b":
        return raw.strip() in ("1", "true")
    number = float(raw)
    if int(cell.get("s", "0")) in book.date_styles:
        moment = book.epoch + dt.timedelta(days=number)
        return moment.date() if moment.time() == dt.time() else moment.replace(microsecond=0)
    return int(number) if number.is_integer() else number
