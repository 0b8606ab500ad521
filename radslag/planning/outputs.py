"""The project document as DOCX and PDF, and the stakeholders, logframe, activity plan and risks as XLSX."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from radslag.analysis.safe_text import spreadsheet_cell, spreadsheet_row, writer_text
from radslag.core.word_document import new_word_document
from radslag.planning.document import (
    LANGUAGE_NAMES,
    Section,
    figure_languages,
    headers,
    sections,
    table_rows,
    table_values,
    title_in,
)
from radslag.planning.models import Project

if TYPE_CHECKING:  # pictures imports Pillow: only when a DOCX is made
    from radslag.planning.pictures import Picture

PRINT_CSS = """
@page { size: A4 landscape; margin: 15mm; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9pt; color: #111; }
h1 { font-size: 18pt; } h2 { font-size: 13pt; margin-top: 14pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; }
th, td { border: 0.5pt solid #777; padding: 3pt; vertical-align: top; text-align: left; }
th { background: #eee; }
figure { margin: 6pt 0; } figure svg { max-width: 100%; height: auto; }
"""


def _interface(mode: str) -> str:
    return "en" if mode == "en" else "sv"


def render_docx(project: Project, mode: str) -> bytes:
    """A DOCX with every analysis as a table; each figure (the trees, the stakeholder grid, the timeline) as
    a picture before its table (one per language in "both") with alt text and a caption, the table being
    its text alternative."""
    with override(_interface(mode)):
        # Every text goes through `writer_text`: a character pasted from Word that XML cannot carry is dropped.
        document = new_word_document(
            title=writer_text(title_in(project, mode)),
            author=writer_text(", ".join(o.name for o in project.owners.all())),
            language=_interface(mode), subject=_("Planning with the Logical Framework Approach"),
        )
        properties = document.core_properties
        if mode == "both":  # the proofing language is Swedish; the document holds both
            properties.language = "sv-SE, en-GB"
        document.add_heading(writer_text(title_in(project, mode)), level=0)
        document.add_paragraph(properties.author)
        for section in sections(project):
            _docx_section(document, section, mode)
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()


def _docx_section(document: Any, section: Section, mode: str) -> None:
    from radslag.planning.pictures import section_picture

    document.add_heading(section.title, level=1)
    if not section.rows:
        document.add_paragraph(_("Nothing written yet."))
        return
    for language in figure_languages(mode):
        picture = section_picture(section, language)
        if picture is not None:
            _docx_picture(document, picture, named_language=language if mode == "both" else "")
    head = headers(section, mode)
    table = document.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = writer_text(text)
    for row in table_rows(section, mode):
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = writer_text(text)


def _docx_picture(document: Any, picture: Picture, *, named_language: str) -> None:
    """The picture no wider than the page, with its alt text (Word's picture description) and a caption under
    it: its title, and its language where the document has both."""
    shape = document.add_picture(io.BytesIO(picture.png))
    page = document.sections[-1]
    room = page.page_width - page.left_margin - page.right_margin
    if shape.width > room:
        shape.height, shape.width = int(shape.height * room / shape.width), room
    # python-docx has no property for alt text: it is the drawing's docPr description (and title).
    properties = shape._inline.docPr
    properties.set("descr", writer_text(picture.alt))
    properties.set("title", writer_text(picture.title))
    caption = f"{picture.title} ({LANGUAGE_NAMES[named_language]})" if named_language else picture.title
    document.add_paragraph(writer_text(caption), style="Caption")


def document_html(project: Project, mode: str, *, standalone: bool = True) -> str:
    with override(_interface(mode)):
        return render_to_string("planning/document.html", {
            "project": project, "title": title_in(project, mode), "mode": mode, "css": PRINT_CSS,
            "sections": [(s, headers(s, mode), list(table_rows(s, mode)))
                         for s in sections(project, figure_languages=figure_languages(mode))],
            "owners": project.owners.all(), "lang": "en" if mode == "en" else "sv"})


def render_pdf(project: Project, mode: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetchingError

    class NoFetching(URLFetcher):
        """Everything the PDF needs is in its HTML: nothing is fetched, from the network or the disk."""

        def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
            raise URLFetchingError(f"Nothing is fetched for a planning document, not {url}")

    pdf: bytes = HTML(string=document_html(project, mode), url_fetcher=NoFetching()).write_pdf()
    return pdf


# Which section each spreadsheet holds (the order of `document.sections`).
SPREADSHEETS = {"stakeholders": 1, "logframe": 4, "activities": 5, "risks": 6}
DATE_FORMAT = "yyyy-mm-dd"  # ISO dates read the same in Ale and in Ghanzi
# A whole cell that is a number: digits, perhaps grouped in threes by spaces ("120 000"), or with a decimal
# comma or point. "1,500" or "1.500" (a thousands separator or three decimals?) stays text: no guessing.
# A leading zero ("0012", "007") marks a code, not an amount: it stays text.
_INTEGER = re.compile(r"-?(?:[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+|[1-9]\d*|0)")
_DECIMAL = re.compile(r"-?(?:[1-9]\d*|0)[.,](?:\d{1,2}|\d{4,})")


def spreadsheet_value(value: Any) -> Any:
    """An amount cell (a column in `Section.amounts`) as the spreadsheet should hold it: a text that is plainly
    a number (resources written as "120 000") becomes that number, so that it sorts and sums; any other text
    passes `spreadsheet_cell`, as every text the system writes to a spreadsheet does (no formula runs,
    nothing XML cannot carry)."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if _INTEGER.fullmatch(text):
        return int(re.sub(r"\s", "", text))
    if _DECIMAL.fullmatch(text):
        return float(text.replace(",", "."))
    return spreadsheet_cell(value)


def _as_written(value: Any) -> Any:
    """A cell that is not an amount: text stays text (a phone number or "007" keeps its digits), safely."""
    return spreadsheet_cell(value) if isinstance(value, str) else value


def render_xlsx(project: Project, which: str) -> bytes:
    """One analysis as a sheet (see `SPREADSHEETS`), Swedish and English side by side: numbers as numbers and
    dates as dates, with a filter on the headings, so that a partner can sort and filter."""
    from openpyxl import Workbook

    section = sections(project)[SPREADSHEETS[which]]
    book = Workbook()
    sheet = book.active
    sheet.title = section.title[:31]
    sheet.append(spreadsheet_row(headers(section, "both")))
    amounts = [index in section.amounts for index, (_label, bilingual) in enumerate(section.columns)
               for _cell in range(2 if bilingual else 1)]  # one flag per cell of a "both" row
    for row in table_values(section, "both"):
        sheet.append([spreadsheet_value(value) if amount else _as_written(value)
                      for value, amount in zip(row, amounts, strict=True)])
    _format_sheet(sheet)
    book.properties.title = writer_text(f"{title_in(project, 'both')} – {section.title}")
    book.properties.creator = writer_text(", ".join(o.name for o in project.owners.all()))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _format_sheet(sheet: Any) -> None:
    """Bold headings that stay in view and filter, ISO dates, and columns wide enough for what they hold
    (a date in a narrow column shows as ########)."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, column in enumerate(sheet.iter_cols(), start=1):
        for cell in column:
            if cell.is_date:
                cell.number_format = DATE_FORMAT
        longest = max(len(DATE_FORMAT) if cell.is_date else len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[get_column_letter(number)].width = min(max(longest + 2, 10), 60)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
