"""A working group's report as a tagged PDF (WeasyPrint) and a Word document (python-docx).

Both carry the document's language (sv-SE for Swedish), its title, the municipality as author and the
day it was made; nothing is fetched from the network (the PDF's stylesheet is this module's own).
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from itertools import groupby
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override
from docx.document import Document as DocumentObject
from docx.shared import Pt

from radslag.analysis.safe_text import writable_tree
from radslag.core.word_document import new_word_document, word_language
from radslag.workgroups.report import GroupReport

PRINT_CSS = Path(__file__).resolve().parent / "report_print.css"
PDF_VARIANT = "pdf/ua-1"


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> Any:
    raise ValueError(f"A working group report loads nothing, not {url}")


def render_pdf(report: GroupReport) -> bytes:
    """PDF bytes of the report, with its headings as bookmarks."""
    from weasyprint import CSS, HTML

    report = writable_tree(report)
    with override(report.language):
        html = render_to_string("workgroups/report_pdf.html", {"report": report,
                                                               "lang": word_language(report.language)})
    document = HTML(string=html, url_fetcher=_no_fetching)
    pdf: bytes = document.write_pdf(stylesheets=[CSS(string=PRINT_CSS.read_text(encoding="utf-8"))],
                                    pdf_variant=PDF_VARIANT)
    return pdf


def _build(report: GroupReport) -> DocumentObject:
    document = new_word_document(
        title=report.title, author=report.organisation, language=report.language, subject=report.process,
        created=dt.datetime.combine(report.made_on, dt.time(12, 0), tzinfo=dt.UTC))
    document.core_properties.keywords = _("working group; citizen dialogue")
    document.styles["Normal"].font.size = Pt(11)
    document.add_paragraph(report.organisation)
    document.add_heading(report.title, level=0)
    document.add_paragraph(_("Dialogue: %(process)s. Made on %(date)s.")
                           % {"process": report.process, "date": report.made_on.isoformat()})
    if report.purpose:
        document.add_heading(_("Purpose"), level=1)
        document.add_paragraph(report.purpose)
    document.add_heading(_("Who took part"), level=1)
    document.add_paragraph("; ".join(f"{label}: {count}" for label, count in report.members))
    document.add_heading(_("Meetings"), level=1)
    for meeting in report.meetings:
        document.add_heading(f"{meeting.number}. {meeting.title}", level=2)
        facts = [meeting.day.isoformat(), meeting.place, meeting.approach]
        document.add_paragraph(" · ".join(part for part in facts if part))
    bullet = document.styles["List Bullet"]  # looked up once: a lookup by name reads every style
    for section in report.sections:
        document.add_heading(section.heading, level=1)
        if not section.entries:
            document.add_paragraph(_("Nothing written yet."))
        for meeting, entries in groupby(section.entries, key=lambda entry: entry.meeting):
            document.add_heading(_("After meeting %(meeting)s") % {"meeting": meeting} if meeting
                                 else _("Between meetings"), level=2)
            for entry in entries:
                document.add_paragraph(entry.text, style=bullet)
    return document


def render_docx(report: GroupReport) -> bytes:
    report = writable_tree(report)
    with override(report.language):
        document = _build(report)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
