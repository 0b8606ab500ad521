"""Importing contributions from CSV or XLSX files typed in by staff (paper slips, table notes, letters).

`parse_import` reads and checks every row and returns what would be stored, or the errors with row
(as Excel numbers them: the header is row 1) and column. `import_contributions` writes a checked
file in one transaction. Nothing is written unless every row is valid.

The package: `files` reads the bytes into rows, `rows` checks them, `writing` stores them.
"""

from radslag.contributions.imports.files import (
    ImportFileError,
    decode_text,
    normalise_upload,
    read_rows,
    too_big_message,
)
from radslag.contributions.imports.rows import (
    MAX_REPORTED_ERRORS,
    ParsedImport,
    RowError,
    RowValues,
    RowWarning,
    map_header,
    parse_import,
)
from radslag.contributions.imports.writing import already_imported, import_contributions

__all__ = [
    "MAX_REPORTED_ERRORS",
    "ImportFileError",
    "ParsedImport",
    "RowError",
    "RowValues",
    "RowWarning",
    "already_imported",
    "decode_text",
    "import_contributions",
    "map_header",
    "normalise_upload",
    "parse_import",
    "read_rows",
    "too_big_message",
]
