"""The decision basis as a Word document in the shape of a tjänsteskrivelse, and its attachment.

The header block names the municipality, the matter, the registration number, the date and the case
officer; then Sammanfattning, Bakgrund, Medborgardialogens resultat (one sub-section per part, each with
staff's comment), Förvaltningens bedömning, Konsekvenser (with Barnkonsekvensanalys), Förslag till beslut
and the list of attachments. The attachment (the full compilation) is its own file: a registry records
each document of a matter separately, and committee systems attach them one by one.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext
from docx.document import Document as DocumentObject
from docx.shared import Pt

from radslag.core.word_document import new_word_document
from radslag.decisionbasis.document import BasisDocument, DocumentPart
from radslag.decisionbasis.parts import BULLETS, FACTS, HEADING, QUOTE, TABLE, Block
from radslag.decisionbasis.render_text import document_title, header_rows, missing_text
from radslag.reports.render_docx import add_table
from radslag.reports.render_docx import render_docx as render_compilation_docx


def _paragraphs(document: DocumentObject, text: str, *, placeholder: str = "") -> None:
    blocks = [part.strip() for part in text.split("\n\n") if part.strip()]
    if not blocks and placeholder:
        document.add_paragraph().add_run(placeholder).italic = True
    for block in blocks:
        document.add_paragraph(block)


def _block(document: DocumentObject, block: Block) -> None:
    if block.kind == HEADING:
        document.add_heading(block.text, level=3)
    elif block.kind == QUOTE:
        document.add_paragraph(block.text, style="Quote")
        if block.cite:
            document.add_paragraph(f"– {block.cite}")
    elif block.kind == BULLETS:
        for item in block.items:
            document.add_paragraph(item, style="List Bullet")
    elif block.kind == FACTS:
        for label, value in block.rows:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(value)
    elif block.kind == TABLE:
        add_table(document, block.text, list(block.headers), [list(row) for row in block.rows])
        if block.note:
            document.add_paragraph(block.note)
    else:
        _paragraphs(document, block.text)


def _part(document: DocumentObject, part: DocumentPart) -> None:
    document.add_heading(part.title, level=2)
    if not part.blocks:
        document.add_paragraph(_("Nothing to report from this part of the dialogue."))
    for block in part.blocks:
        _block(document, block)
    if part.comment:
        paragraph = document.add_paragraph()
        paragraph.add_run(_("The administration's comment:") + " ").bold = True
        paragraph.add_run(part.comment)


def _header(document: DocumentObject, content: BasisDocument) -> None:
    page_header = document.sections[0].header.paragraphs[0]
    page_header.text = " · ".join(p for p in (content.organisation, content.registration_number) if p)
    organisation = document.add_paragraph().add_run(content.organisation)
    organisation.bold, organisation.font.size = True, Pt(14)
    document.add_paragraph(_("Official memorandum (tjänsteskrivelse)"))
    rows = header_rows(content)
    table = document.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value
    document.add_heading(content.title, level=0)


def _build(content: BasisDocument) -> DocumentObject:
    document = new_word_document(
        title=document_title(content), author=content.organisation, language=content.language,
        subject=content.process_title, created=dt.datetime.fromisoformat(content.made_at))
    document.styles["Normal"].font.size = Pt(11)
    _header(document, content)
    document.add_heading(pgettext("memo", "Summary"), level=1)
    _paragraphs(document, content.summary, placeholder=missing_text())
    document.add_heading(_("Background"), level=1)
    _paragraphs(document, content.background, placeholder=missing_text())
    document.add_heading(_("Results of the citizen dialogue"), level=1)
    document.add_paragraph(_("Drawn from the dialogue “%(process)s”. The full compilation is attachment 1.")
                           % {"process": content.process_title})
    for part in content.parts:
        _part(document, part)
    document.add_heading(_("The administration's assessment"), level=1)
    _paragraphs(document, content.assessment, placeholder=missing_text())
    document.add_heading(_("Consequences"), level=1)
    _paragraphs(document, content.consequences, placeholder=missing_text())
    document.add_heading(_("Child impact assessment"), level=2)
    _paragraphs(document, content.child_impact, placeholder=missing_text())
    document.add_heading(_("Proposed decision"), level=1)
    _paragraphs(document, content.proposed_decision, placeholder=missing_text())
    document.add_heading(_("Attachments"), level=1)
    # The number is written out: a numbered style ("List Number") would add a second "1." in Word.
    document.add_paragraph(f"1. {content.attachment_title}")
    return document


def render_basis_docx(content: BasisDocument) -> bytes:
    with override(content.language):
        document = _build(content)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_attachment_docx(content: BasisDocument) -> bytes:
    """Attachment 1: the full compilation, as frozen with the version (or as it reads now, for a draft)."""
    return render_compilation_docx(content.attachment, created=dt.datetime.fromisoformat(content.made_at))
