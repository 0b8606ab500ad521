"""Text from people, made safe twice: once where it enters, once where a file is written.

`clean_text` is applied where text enters (forms, imports, the Pol.is import): it drops control
characters that no person means to type (vertical tab and escape from pasted Word text, NUL, DEL,
C1 controls), lone surrogates (unreadable bytes) and the non-characters U+FFFE/U+FFFF, keeps tab and
newline, and writes every line break as a newline.

Writers do not trust that every stored row went through it (older rows, data from the shell), so
`writer_text` drops what XML 1.0 (XLSX, DOCX, the PDF's HTML) and UTF-8 cannot carry, and
`spreadsheet_cell` also neutralises text that a spreadsheet would run as a formula. Every CSV and XLSX
the system writes passes its text cells through `spreadsheet_cell`.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

# C0 controls except tab, newline and carriage return; DEL; C1 controls; surrogates; U+FFFE/U+FFFF.
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# What XML 1.0 forbids and UTF-8 cannot encode (C1 controls are allowed there, so writers keep them).
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAK = re.compile("\r\n?")
# A spreadsheet runs a cell starting with one of these as a formula (tab and CR hide a following one).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

T = TypeVar("T")


def clean_text(value: str) -> str:
    """Text as it should be stored: no control characters but tab and newline, line breaks as newlines."""
    return _UNWANTED.sub("", _LINE_BREAK.sub("\n", value))


def has_unwanted_characters(value: str) -> bool:
    """Whether `clean_text` would change the value: a control character, or a line break written with a
    carriage return (as every browser sends a textarea's, so that a text at its length limit would
    otherwise count each line break twice)."""
    return "\r" in value or _UNWANTED.search(value) is not None


def writer_text(value: str) -> str:
    """Text any file writer can carry: without the characters XML 1.0 forbids and lone surrogates."""
    return _UNWRITABLE.sub("", value)


def neutralise_formula(value: str) -> str:
    """Puts an apostrophe before text a spreadsheet would otherwise read as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def unneutralise_formula(value: str) -> str:
    """Undoes `neutralise_formula`, so that a file we wrote imports back unchanged."""
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def spreadsheet_cell(value: T) -> T | str:
    """A value for a CSV or XLSX cell: text is made writable and neutralised; numbers and dates stay as
    they are (a negative number is a number, not a formula)."""
    if isinstance(value, str):
        return neutralise_formula(writer_text(value))
    return value


def spreadsheet_row(values: list[Any]) -> list[Any]:
    return [spreadsheet_cell(value) for value in values]


def writable_tree(value: T) -> T:
    """The same tree of dataclasses, tuples, lists and dicts with every string passed through `writer_text`."""
    if isinstance(value, str):
        return writer_text(value)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: writable_tree(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple | list):
        return type(value)(writable_tree(item) for item in value)
    if isinstance(value, dict):
        return {writable_tree(key): writable_tree(item) for key, item in value.items()}  # type: ignore[return-value]
    return value
