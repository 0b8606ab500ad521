"""Reading an import file: CSV (UTF-8 or Windows-1252; comma, semicolon or tab) or XLSX, into rows of text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from radslag.analysis.xlsx_reading import XlsxError, XlsxLimits, iter_first_sheet
from radslag.core.errors import DomainError

# A well-formed multi-byte UTF-8 sequence; its presence means the file is UTF-8 even where some rows are not.
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
XLSX_MAGIC = b"PK\x03\x04"
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"
QUOTED = re.compile(r'"[^"]*"')
# Columns an import reads at most: ours has ten; a value further right is a stray, refused by name.
MAX_COLUMNS = 200


class ImportFileError(DomainError):
    """The file as a whole cannot be imported (type, size, encoding of the header, missing columns)."""


def read_rows(data: bytes, *, check_size: bool = True) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """Returns the header and the data rows (row number, cells), whatever the file type."""
    if check_size and len(data) > settings.RADSLAG_IMPORT_MAX_BYTES:
        raise ImportFileError(too_big_message())
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    if data.startswith(XLSX_MAGIC):
        rows = _xlsx_rows(data)
    elif data.startswith(OLD_EXCEL_MAGIC) or data.startswith(b"%PDF") or b"\x00" in data[:8192]:
        raise ImportFileError(_wrong_type_message())
    else:
        rows = _csv_rows(data)
    header = next(rows, None)
    if header is None or not any(cell.strip() for cell in header):
        raise ImportFileError(_("The first row must name the columns, for example “text” and “kanal”."))
    return header, _limited(_numbered(rows))


def normalise_upload(data: bytes) -> bytes:
    """An XLSX upload becomes CSV (same rows, same row numbers), so that reading it again at confirmation
    costs a fraction of unpacking the workbook twice. CSV comes back as it is."""
    if not data.startswith(XLSX_MAGIC):
        return data
    header, rows = read_rows(data)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    last = 1
    for number, cells in rows:
        writer.writerows([[]] * (number - last - 1))  # blank rows keep Excel's row numbers
        writer.writerow(cells)
        last = number
    return out.getvalue().encode()


def too_big_message() -> str:
    megabytes = settings.RADSLAG_IMPORT_MAX_BYTES // (1024 * 1024)
    return _("The file is larger than %(mb)s MB. Split it into smaller files.") % {"mb": megabytes}


def _wrong_type_message() -> str:
    return _("The file is not a CSV or XLSX file. Save it from Excel as “CSV UTF-8” or “Excel workbook (.xlsx)”.")


def _numbered(rows: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    for number, cells in enumerate(rows, start=2):
        if any(cell.strip() for cell in cells):
            yield number, cells


def _limited(rows: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    limit = settings.RADSLAG_IMPORT_MAX_ROWS
    for count, row in enumerate(rows, start=1):
        if count > limit:
            raise ImportFileError(
                _("The file has more than %(limit)s rows. Split it into files of at most %(limit)s rows.")
                % {"limit": limit}
            )
        yield row


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252. Unreadable bytes stay as surrogates to be reported."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    encoding = "utf-8" if UTF8_SEQUENCE.search(data) else "cp1252"
    return data.decode(encoding, errors="surrogateescape")


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    text = decode_text(data)
    first_line = QUOTED.sub("", text.split("\n", 1)[0])
    delimiter = max([";", ",", "\t"], key=first_line.count) if first_line else ","
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as error:
        raise ImportFileError(_("The file could not be read as CSV: %(reason)s") % {"reason": error}) from error


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    """The first sheet's rows, with blank rows where the sheet skips some (Excel's row numbers stay).
    The work is bounded by the cells really present, not by the size the sheet declares."""
    limits = XlsxLimits(
        max_unpacked=settings.RADSLAG_IMPORT_MAX_UNPACKED_BYTES, max_columns=MAX_COLUMNS,
        max_rows=settings.RADSLAG_IMPORT_MAX_ROWS * 2 + 1,
    )
    last = 0
    try:
        for number, values in iter_first_sheet(data, limits):
            yield from [[]] * (number - last - 1)
            last = number
            yield [_cell_text(value) for value in values]
    except XlsxError as error:
        raise ImportFileError(_xlsx_problem(error)) from error


def _xlsx_problem(error: XlsxError) -> str:
    where = {"row": error.row, "column": error.column, "limit": error.limit}
    if error.reason == "unpacked_size":
        megabytes = error.limit // (1024 * 1024)
        return _("The workbook unpacks to more than %(mb)s MB. Save only the sheet with the input, or split it.") % {
            "mb": megabytes}
    if error.reason == "columns":
        return _("Row %(row)s has a value in column %(column)s; at most %(limit)s columns can be imported. "
                 "Remove what lies to the right of the input.") % where
    if error.reason == "rows":
        return _("The sheet has a value in row %(row)s; at most %(limit)s rows can be read. "
                 "Remove what lies below the input or split the file.") % where
    if error.reason == "cell_size":
        if error.row:
            return _("Row %(row)s, column %(column)s holds more than %(limit)s characters, more than Excel allows "
                     "in a cell.") % where
        return _("A cell holds more than %(limit)s characters, more than Excel allows in a cell.") % where
    return _wrong_type_message()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
