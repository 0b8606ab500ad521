"""The PDF and the Word document: Swedish text intact, real headings and tables, nothing fetched from outside."""

import re
import shutil
import subprocess
import zlib
from io import BytesIO

import pytest
from docx import Document
from docx.oxml.ns import qn

from radslag.reports.assembly import assemble_compilation
from radslag.reports.render_docx import render_docx
from radslag.reports.render_pdf import local_fetcher_class, local_file_for, render_pdf
from radslag.reports.services import compilation_for


@pytest.fixture
def content(input_and_themes, dialogue):
    compilation = compilation_for(dialogue)
    compilation.introduction = "Här är vad över 200 invånare i Ale berättade."
    compilation.closing = "Kommunfullmäktige väljer ett tema för nästa dialog."
    return assemble_compilation(process=dialogue, compilation=compilation, themes=input_and_themes["themes"])


def _inflated(pdf: bytes) -> bytes:
    """The PDF with its compressed streams unpacked, so that object streams (fonts, structure) can be searched."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def _pdf_text(pdf: bytes, tmp_path) -> str | None:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return None
    path = tmp_path / "compilation.pdf"
    path.write_bytes(pdf)
    command = [pdftotext, "-enc", "UTF-8", str(path), "-"]
    result = subprocess.run(command, capture_output=True, check=True)  # noqa: S603  (our own file, fixed program)
    return result.stdout.decode()


def test_the_pdf_has_the_swedish_text_headings_and_quotes(content, tmp_path):
    pdf = render_pdf(content)
    assert pdf.startswith(b"%PDF-")
    assert b"DejaVu" in _inflated(pdf)  # the fonts are embedded, not looked up on the reader's machine
    text = _pdf_text(pdf, tmp_path)
    if text is None:  # without poppler-utils: at least the pages and the embedded fonts
        assert len(re.findall(rb"/Type\s*/Page\b", _inflated(pdf))) >= 2
        return
    text = " ".join(text.split())
    for expected in (
        "Perspektivsammanställning: Ale i 360 grader", "Syfte och metod", "Vilka som deltog", "Teman",
        "1. Det mänskliga mötet", "Jag vill bli bemött som en människa", "Nödinge", "Älvängen",
        "Här är vad över 200 invånare i Ale berättade.", "färre än 5", "Förhandsvisning",
    ):
        assert expected in text
    assert "Hemlig text" not in text


def test_the_pdf_is_tagged_with_its_language_and_title(content):
    pdf = _inflated(render_pdf(content))
    assert b"/StructTreeRoot" in pdf
    assert b"/Lang (sv)" in pdf or b"/Lang(sv)" in pdf
    assert b"pdfuaid" in pdf  # the PDF/UA identification in the XMP metadata


def test_the_pdf_fetcher_serves_only_the_projects_own_files():
    from weasyprint.urls import URLFetchingError

    fetcher = local_fetcher_class()()
    with pytest.raises(URLFetchingError):
        fetcher.fetch("https://example.com/tracker.css")
    with pytest.raises(URLFetchingError):
        fetcher.fetch("file:///etc/passwd")
    assert local_file_for("file:///static/radslag/reports.css").name == "reports.css"
    assert b"@page" in fetcher.fetch(local_file_for_print_css()).read()


def local_file_for_print_css() -> str:
    from radslag.reports.render_pdf import PRINT_CSS

    assert local_file_for(PRINT_CSS.as_uri()) == PRINT_CSS
    return PRINT_CSS.as_uri()


def test_the_word_document_has_headings_header_rows_and_quote_style(content):
    document = Document(BytesIO(render_docx(content)))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert ("Title", "Perspektivsammanställning: Ale i 360 grader") in headings
    assert ("Heading 1", "Syfte och metod") in headings
    assert ("Heading 1", "Vilka som deltog") in headings
    assert ("Heading 2", "1. Det mänskliga mötet") in headings
    assert ("Heading 1", "Vad händer nu") in headings
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert any(q.startswith("Jag vill bli bemött som en människa") for q in quotes)
    assert not any("Hemlig" in q for q in quotes)
    first = document.tables[0]
    assert first.rows[0].cells[0].text == "Aktivitet"
    assert first.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert first.rows[1].cells[0].text == "Dialogkväll om det mänskliga mötet"
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "färre än 5" in cells and "Älvängen" in cells
    assert document.core_properties.language == "sv"


def test_both_documents_are_made_from_text_with_control_characters(content):
    from dataclasses import replace

    dirty = replace(content, introduction="Ett\x0b två\x1b tre\x00 fyra\udcff", title="Titel\x0c")
    document = Document(BytesIO(render_docx(dirty)))
    assert any("Ett två tre fyra" in p.text for p in document.paragraphs)
    assert render_pdf(dirty).startswith(b"%PDF-")
