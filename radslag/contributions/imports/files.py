"""Reading an import file: CSV (UTF-8 or Windows-1252; comma, semicolon or tab) or XLSX, into rows of text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from radslag.core.errors import DomainError

# A well-formed multi-byte UTF-8 sequence; its presence means the file is UTF-8 even where some rows are not.
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
XLSX_MAGIC = b"PK\x03\x04"
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"
QUOTED = re.compile(r'"[^"]*"')


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
    from openpyxl import load_workbook  # imported here: only XLSX uploads pay for it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise ImportFileError(_wrong_type_message()) from error
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield [_cell_text(value) for value in values]
    finally:
        workbook.close()


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
