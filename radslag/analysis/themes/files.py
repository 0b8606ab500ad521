"""Reading texts from CSV, TSV or XLSX files, and writing a theme result as an HTML report."""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path

from radslag.analysis.themes.model import TextItem, ThemeResult
from radslag.analysis.xlsx_reading import XlsxError, iter_first_sheet

_ENCODINGS = ("utf-8-sig", "cp1252")


class InputError(ValueError):
    """The input file cannot be used; the message says why, for a person."""


def read_items(path: Path, text_column: str, id_column: str | None = None) -> list[TextItem]:
    """Rows of a CSV/TSV/XLSX file as items; rows with empty text are skipped, ids default to row numbers."""
    if not path.is_file():
        raise InputError(f"{path}: no such file.")
    rows = _xlsx_rows(path) if path.suffix.lower() in {".xlsx", ".xlsm"} else _delimited_rows(path)
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise InputError(f"{path}: the file is empty.")
    header = [cell.strip() for cell in rows[0]]
    text_index = _column(header, text_column, path)
    id_index = _column(header, id_column, path) if id_column else None
    items: list[TextItem] = []
    seen: set[str] = set()
    for number, row in enumerate(rows[1:], start=2):
        text = row[text_index].strip() if text_index < len(row) else ""
        if not text:
            continue
        item_id = row[id_index].strip() if id_index is not None and id_index < len(row) else str(number)
        if not item_id or item_id in seen:
            raise InputError(f"{path}, row {number}: the id '{item_id}' is empty or used twice.")
        seen.add(item_id)
        items.append(TextItem(id=item_id, text=text))
    if not items:
        raise InputError(f"{path}: the column '{text_column}' has no text.")
    return items


def _column(header: list[str], name: str, path: Path) -> int:
    if name not in header:
        raise InputError(f"{path}: there is no column '{name}'. Columns: {', '.join(header)}.")
    return header.index(name)


def _delimited_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    for encoding in _ENCODINGS:
        try:
            content = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(f"{path}: the text is neither UTF-8 nor Windows-1252; save it as UTF-8.")
    if "\x00" in content:
        raise InputError(f"{path}: this does not look like a text file (CSV or TSV); save it as UTF-8 CSV.")
    if not content.strip():
        return []
    delimiter = "\t" if path.suffix.lower() == ".tsv" else _sniff_delimiter(content)
    return [row for row in csv.reader(io.StringIO(content), delimiter=delimiter) if row]


def _sniff_delimiter(content: str) -> str:
    try:
        return csv.Sniffer().sniff(content[:10_000], delimiters=",;\t").delimiter
    except csv.Error:
        first = content.splitlines()[0]
        return max(",;\t", key=first.count)


def _xlsx_rows(path: Path) -> list[list[str]]:
    """Bounded by the cells present (`analysis.xlsx_reading`), not by the size the sheet declares."""
    try:
        rows = [["" if cell is None else str(cell) for cell in row] for _, row in iter_first_sheet(path.read_bytes())]
    except XlsxError as error:
        raise InputError(f"{path}: cannot read it as an Excel workbook ({error}).") from error
    return [row for row in rows if any(cell.strip() for cell in row)]


def render_html(result: ThemeResult, items: list[TextItem], title: str) -> str:
    """A readable, self-contained report; every text from the input is escaped."""
    texts = {item.id: item.text for item in items}
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="sv"><head><meta charset="utf-8">',
        f"<title>{esc(title)}</title>",
        "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.5;padding:0 1rem}"
        "blockquote{border-left:4px solid #555;margin:.5rem 0;padding-left:1rem}</style>",
        "</head><body><main>",
        f"<h1>{esc(title)}</h1>",
        f"<p>{len(items)} texter, {len(result.themes)} teman, {len(result.outliers)} passar inget tema. "
        f"Metod: {esc(str(result.meta.get('backend')))}, frö {esc(str(result.meta.get('seed')))}.</p>",
    ]
    for theme in result.themes:
        parts.append(f'<section aria-labelledby="{esc(theme.key)}">')
        parts.append(f'<h2 id="{esc(theme.key)}">{esc(theme.label)} ({theme.size} texter)</h2>')
        parts.append(f"<p>Nyckelord: {esc(', '.join(theme.keywords))}</p>")
        parts.append("<h3>Citat</h3>")
        parts.extend(f"<blockquote><p>{esc(texts[quote])}</p></blockquote>" for quote in theme.quotes)
        parts.append("</section>")
    if result.outliers:
        parts.append("<section><h2>Passar inget tema</h2><ul>")
        parts.extend(f"<li>{esc(texts[outlier])}</li>" for outlier in result.outliers)
        parts.append("</ul></section>")
    parts.append("</main></body></html>")
    return "\n".join(parts)
