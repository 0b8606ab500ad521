"""The compilation as a Word document (python-docx): real headings, tables with header rows, quotes."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override, pgettext
from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from radslag.analysis.safe_text import writable_tree
from radslag.core.word_document import new_word_document
from radslag.reports.content import CompilationContent, ShareTable, ThemeSection
from radslag.reports.render_text import (
    document_title,
    participation_text,
    share_cells,
    share_headers,
    table_note,
    theme_size_text,
    version_text,
)


def _paragraphs(document: DocumentObject, text: str, style: str | None = None) -> None:
    for block in (part.strip() for part in text.split("\n\n")):
        if block:
            document.add_paragraph(block, style=style)


def _mark_header_row(row: object) -> None:
    """Marks the row as a header that repeats on each page (and that assistive technology announces)."""
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def add_table(document: DocumentObject, caption: str, headers: list[str], rows: list[list[str]]) -> None:
    """A captioned table whose first row is a header row (also used by the decision basis)."""
    document.add_paragraph(caption, style="Caption")
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    _mark_header_row(table.rows[0])
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text


def _share_table(document: DocumentObject, table: ShareTable) -> None:
    add_table(document, table.title, share_headers(table), [share_cells(table, row) for row in table.rows])
    note = table_note(table)
    if note:
        document.add_paragraph(note)


def _method(document: DocumentObject, content: CompilationContent) -> None:
    document.add_heading(_("Purpose and method"), level=1)
    for item in content.mandate:
        document.add_heading(item.label, level=3)
        _paragraphs(document, item.text)
    if content.activities:
        headers = [_("Activity"), _("Kind"), _("Date"), _("Place"), _("Took part")]
        rows = [
            [a.title, a.kind, a.when, a.place or "–", "–" if a.attendance is None else str(a.attendance)]
            for a in content.activities
        ]
        add_table(document, _("Activities"), headers, rows)
    if content.channels_used:
        document.add_paragraph(f"{_('Input came in through:')} {', '.join(content.channels_used)}.")
    if content.focus_areas:
        document.add_paragraph(f"{_('Focus areas of the strategic plan:')} {'; '.join(content.focus_areas)}.")


def _theme(document: DocumentObject, theme: ThemeSection) -> None:
    document.add_heading(f"{theme.number}. {theme.label}", level=2)
    document.add_paragraph(theme_size_text(theme))
    _paragraphs(document, theme.description)
    if theme.keywords:
        document.add_paragraph(f"{_('Keywords:')} {', '.join(theme.keywords)}")
    if theme.focus_areas:
        document.add_paragraph(f"{_('Focus areas:')} {'; '.join(theme.focus_areas)}")
    if theme.quotes:
        document.add_heading(_("In the participants' words"), level=3)
        for quote in theme.quotes:
            document.add_paragraph(quote, style="Quote")
    document.add_heading(_("Who said it"), level=3)
    for table in theme.breakdowns:
        _share_table(document, table)


def _themes(document: DocumentObject, content: CompilationContent) -> None:
    document.add_heading(_("Themes"), level=1)
    if not content.themes:
        document.add_paragraph(_("No themes have been worked out for this dialogue yet."))
        return
    count = len(content.themes)
    intro = ngettext("The input forms %(counter)s theme.", "The input forms %(counter)s themes.", count)
    document.add_paragraph(intro % {"counter": count})
    for theme in content.themes:
        _theme(document, theme)


def _build(content: CompilationContent, created: dt.datetime | None) -> DocumentObject:
    document = new_word_document(title=document_title(content), author=content.organisation,
                                 language=content.language, subject=content.summary, created=created)
    document.styles["Normal"].font.size = Pt(11)
    document.add_paragraph(content.organisation)
    document.add_heading(document_title(content), level=0)
    document.add_paragraph(version_text(content))
    _paragraphs(document, content.summary)
    if content.introduction:
        document.add_heading(_("Introduction"), level=1)
        _paragraphs(document, content.introduction)
    _method(document, content)
    document.add_heading(pgettext("compilation", "Who took part"), level=1)
    document.add_paragraph(participation_text(content))
    for table in (content.participation.channels, *content.participation.comparisons):
        _share_table(document, table)
    _themes(document, content)
    if content.closing:
        document.add_heading(_("What happens next"), level=1)
        _paragraphs(document, content.closing)
    return document


def render_docx(content: CompilationContent, *, created: dt.datetime | None = None) -> bytes:
    """The Word file; `created` (a published version's time, by default now) dates its properties."""
    # python-docx refuses text XML cannot hold (a vertical tab pasted from Word, an escape character).
    content = writable_tree(content)
    with override(content.language):
        document = _build(content, created)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
