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
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from radslag.analysis.safe_text import writable_tree
from radslag.workgroups.report import GroupReport

PRINT_CSS = Path(__file__).resolve().parent / "report_print.css"
LANGUAGE_TAGS = {"sv": "sv-SE", "en": "en-GB"}
PDF_VARIANT = "pdf/ua-1"


def language_tag(language: str) -> str:
    return LANGUAGE_TAGS.get(language, language)


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> Any:
    raise ValueError(f"A working group report loads nothing, not {url}")


def render_pdf(report: GroupReport) -> bytes:
    """PDF bytes of the report, with its headings as bookmarks."""
    from weasyprint import CSS, HTML

    report = writable_tree(report)
    with override(report.language):
        html = render_to_string("workgroups/report_pdf.html", {"report": report,
                                                               "lang": language_tag(report.language)})
    document = HTML(string=html, url_fetcher=_no_fetching)
    pdf: bytes = document.write_pdf(stylesheets=[CSS(string=PRINT_CSS.read_text(encoding="utf-8"))],
                                    pdf_variant=PDF_VARIANT)
    return pdf


def _set_language(document: DocumentObject, tag: str) -> None:
    """The language of the text itself (Word's proofing language), in the default run properties."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), tag)


def _core_properties(document: DocumentObject, report: GroupReport, tag: str) -> None:
    made = dt.datetime.combine(report.made_on, dt.time(12, 0), tzinfo=dt.UTC)
    properties = document.core_properties
    properties.title = report.title
    properties.subject = report.process
    properties.author = report.organisation
    properties.last_modified_by = report.organisation
    properties.comments = ""
    properties.keywords = _("working group; citizen dialogue")
    properties.language = tag
    properties.created = made
    properties.modified = made
    properties.revision = 1


def _build(report: GroupReport) -> DocumentObject:
    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    tag = language_tag(report.language)
    _core_properties(document, report, tag)
    _set_language(document, tag)
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
