"""The project document as DOCX and PDF, and the logframe and activity plan as XLSX."""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from radslag.planning.document import Section, headers, sections, table_rows, title_in
from radslag.planning.models import Project

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
    """A DOCX with every analysis as a table; the trees as indented tables (DOCX takes no SVG)."""
    from docx import Document

    with override(_interface(mode)):
        document = Document()
        properties = document.core_properties
        properties.title = title_in(project, mode)
        properties.author = ", ".join(o.name for o in project.owners.all())
        properties.language = "sv-SE, en-GB" if mode == "both" else ("en-GB" if mode == "en" else "sv-SE")
        properties.subject = _("Planning with the Logical Framework Approach")
        properties.created = timezone.now()
        document.add_heading(title_in(project, mode), level=0)
        document.add_paragraph(properties.author)
        for section in sections(project, figures=False):
            _docx_section(document, section, mode)
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()


def _docx_section(document: Any, section: Section, mode: str) -> None:
    document.add_heading(section.title, level=1)
    if not section.rows:
        document.add_paragraph(_("Nothing written yet."))
        return
    head = headers(section, mode)
    table = document.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = text
    for row in table_rows(section, mode):
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def document_html(project: Project, mode: str, *, standalone: bool = True) -> str:
    with override(_interface(mode)):
        return render_to_string("planning/document.html", {
            "project": project, "title": title_in(project, mode), "mode": mode, "css": PRINT_CSS,
            "sections": [(s, headers(s, mode), list(table_rows(s, mode))) for s in sections(project)],
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


def render_xlsx(project: Project, which: str) -> bytes:
    """The logframe (`which="logframe"`) or the activity plan, with Swedish and English side by side."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wanted = {"logframe": 4, "activities": 5}[which]
    section = sections(project, figures=False)[wanted]
    book = Workbook()
    sheet = book.active
    sheet.title = section.title[:31]
    sheet.append(headers(section, "both"))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table_rows(section, "both"):
        sheet.append(row)
    sheet.freeze_panes = "A2"
    book.properties.title = f"{title_in(project, 'both')} – {section.title}"
    book.properties.creator = ", ".join(o.name for o in project.owners.all())
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
