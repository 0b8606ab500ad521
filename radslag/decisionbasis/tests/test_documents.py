"""The Word document in the shape of a tjänsteskrivelse, read back with python-docx; its attachment and PDF."""

import datetime as dt
import re
import shutil
import subprocess
import zipfile
import zlib
from io import BytesIO

import pytest
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn

from radslag.contributions.models import Contribution
from radslag.contributions.tests.factories import ContributionFactory
from radslag.decisionbasis.document import document_for
from radslag.decisionbasis.files import file_bytes
from radslag.decisionbasis.models import BasisVersion
from radslag.decisionbasis.render_docx import render_attachment_docx, render_basis_docx
from radslag.decisionbasis.render_pdf import render_attachment_pdf, render_basis_pdf
from radslag.decisionbasis.services import freeze_version, save_comment, save_version, start_basis
from radslag.decisionbasis.tests.conftest import next_week

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(dialogue, staff, committee):
    version = start_basis(process=dialogue, actor=staff)
    save_comment(version=version, actor=staff, part="themes", text="Temat bekräftar tidigare dialoger.")
    return save_version(version=version, actor=staff, values={
        "registration_number": "KS 2026/117", "case_officer": "Lena Berg, processledare",
        "committee": committee, "meeting_date": next_week(), "summary": "Invånarna vill ha en öppen lokal.",
        "proposed_decision": "Kommunstyrelsen beslutar att ge förvaltningen i uppdrag att öppna en lokal.",
        "child_impact": "Unga använder torget efter skolan; lokalen ska vara öppen för dem."})


def headings(document):
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def test_the_word_document_has_the_sections_of_a_tjansteskrivelse(version):
    document = Document(BytesIO(render_basis_docx(document_for(version))))
    found = headings(document)
    level_1 = [text for style, text in found if style == "Heading 1"]
    assert level_1 == ["Sammanfattning", "Bakgrund", "Medborgardialogens resultat", "Förvaltningens bedömning",
                       "Konsekvenser", "Förslag till beslut", "Bilagor"]
    assert ("Title", "Mötesplatser i Nödinge") in found
    assert ("Heading 2", "Barnkonsekvensanalys") in found
    parts = [text for style, text in found if style == "Heading 2"]
    assert parts[:6] == ["Vad dialogen gällde", "Vilka deltog", "Teman", "Prioritering", "Åsiktsgrupper och samsyn",
                         "Svar från råd och remissinstanser"]
    header = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert header["Ärende"] == "Mötesplatser i Nödinge" and header["Diarienummer"] == "KS 2026/117"
    assert header["Handläggare"] == "Lena Berg, processledare"
    assert header["Till"].startswith("Kommunstyrelsen, ")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Ale kommun" in text and "Tjänsteskrivelse" in text
    assert "Förvaltningens kommentar: Temat bekräftar tidigare dialoger." in text
    assert "Rådet tillstyrker förslaget." in text and "Hemlig" not in text
    assert "Perspektivsammanställning: Mötesplatser i Nödinge" in text
    assert document.sections[0].header.paragraphs[0].text == "Ale kommun · KS 2026/117"


def test_the_word_document_is_swedish_with_real_metadata(version):
    data = render_basis_docx(document_for(version))
    document = Document(BytesIO(data))
    properties = document.core_properties
    assert properties.language == "sv-SE"
    assert properties.title == "Beslutsunderlag: Mötesplatser i Nödinge"
    assert properties.author == "Ale kommun" and properties.comments == ""
    created = properties.created.replace(tzinfo=dt.UTC)
    assert abs(created - timezone.now()) < dt.timedelta(minutes=5) and properties.modified == properties.created
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "sv-SE"
    with zipfile.ZipFile(BytesIO(data)) as package:
        assert not [name for name in package.namelist() if b"python-docx" in package.read(name)]
        assert not [name for name in package.namelist() if b"2013-12-23" in package.read(name)]


def test_no_part_of_the_word_documents_says_en_us_and_both_open_again(version):
    """Issue 13 audit: settings.xml (themeFontLang) and stylesWithEffects.xml still said en-US."""
    content = document_for(version)
    for data in (render_basis_docx(content), render_attachment_docx(content)):
        with zipfile.ZipFile(BytesIO(data)) as package:
            assert package.testzip() is None
            assert [name for name in package.namelist() if b"en-US" in package.read(name)] == []
        reopened = Document(BytesIO(data))
        assert reopened.settings.element.find(qn("w:themeFontLang")).get(qn("w:val")) == "sv-SE"
        assert reopened.paragraphs


def test_a_frozen_version_is_dated_when_it_was_sent_and_made_again_the_same(version, staff):
    frozen = freeze_version(version=version, actor=staff)
    first = Document(BytesIO(render_basis_docx(document_for(frozen))))
    second = Document(BytesIO(render_basis_docx(document_for(frozen))))
    sent = frozen.frozen_at.astimezone(dt.UTC).replace(microsecond=0, tzinfo=None)
    assert first.core_properties.created.replace(tzinfo=None) == sent
    assert [p.text for p in first.paragraphs] == [p.text for p in second.paragraphs]
    header = {row.cells[0].text: row.cells[1].text for row in first.tables[0].rows}
    assert header["Version"] == "Version 1, skickad till nämnden"


def test_the_attachment_is_the_full_compilation_in_swedish(version):
    document = Document(BytesIO(render_attachment_docx(document_for(version))))
    assert document.core_properties.language == "sv-SE"
    assert ("Title", "Perspektivsammanställning: Mötesplatser i Nödinge") in headings(document)
    assert any(p.text.startswith("Bilaga 1 till ”Mötesplatser i Nödinge”, version 1") for p in document.paragraphs)


def test_the_pdf_and_the_zip_of_everything(version):
    content = document_for(version)
    assert render_basis_pdf(content).startswith(b"%PDF-")
    with zipfile.ZipFile(BytesIO(file_bytes(content, "zip", "underlag"))) as archive:
        assert sorted(archive.namelist()) == ["underlag-bilaga-1-sammanstallning.docx",
                                              "underlag-bilaga-1-sammanstallning.pdf", "underlag.docx",
                                              "underlag.pdf"]
        assert archive.read("underlag-bilaga-1-sammanstallning.pdf").startswith(b"%PDF-")


def pdf_text(pdf: bytes, tmp_path) -> str:
    """The PDF's text as poppler's pdftotext reads it, on one line."""
    if shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils' pdftotext (make system-deps)")
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    command = [str(shutil.which("pdftotext")), "-enc", "UTF-8", str(path), "-"]
    result = subprocess.run(command, capture_output=True, check=True)  # noqa: S603  (our own file, fixed program)
    return " ".join(result.stdout.decode().split())


def test_attachment_1_as_pdf_is_the_full_compilation_of_the_dialogue(version, tmp_path):
    pdf = render_attachment_pdf(document_for(version))
    assert pdf_metadata(pdf)["title"] == "Perspektivsammanställning: Mötesplatser i Nödinge"
    text = pdf_text(pdf, tmp_path)
    assert "Perspektivsammanställning: Mötesplatser i Nödinge" in text
    assert "Bilaga 1 till ”Mötesplatser i Nödinge”, version 1" in text
    assert "En öppen lokal" in text and "Vi behöver en öppen lokal vid torget" in text
    assert "Hemlig" not in text


def test_a_frozen_versions_attachment_is_made_from_what_was_frozen_in_both_formats(version, staff, dialogue,
                                                                                    tmp_path):
    """Later input and a renamed dialogue change neither the PDF nor the Word file of attachment 1."""
    frozen = freeze_version(version=version, actor=staff)
    pdf, docx = render_attachment_pdf(document_for(frozen)), render_attachment_docx(document_for(frozen))
    ContributionFactory.create_batch(3, process=dialogue, status=Contribution.Status.PUBLISHED,
                                     body="Ett sent inspel om en ny skatepark.")
    dialogue.title = "Ett nytt namn på dialogen"
    dialogue.save(update_fields=["title"])

    again = document_for(BasisVersion.objects.get(pk=frozen.pk))
    assert render_attachment_pdf(again) == pdf
    sent = frozen.frozen_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert (pdf_metadata(pdf)["created"], pdf_metadata(pdf)["modified"]) == (sent, sent)
    word = Document(BytesIO(render_attachment_docx(again)))
    assert [p.text for p in word.paragraphs] == [p.text for p in Document(BytesIO(docx)).paragraphs]
    assert ("Title", "Perspektivsammanställning: Mötesplatser i Nödinge") in headings(word)
    assert word.core_properties.language == "sv-SE"
    text = pdf_text(pdf, tmp_path)
    assert "Mötesplatser i Nödinge" in text and "skatepark" not in text and "Ett nytt namn" not in text


def pdf_metadata(pdf: bytes) -> dict[str, str]:
    """The document language and the XMP metadata (title, author, dates), read from the PDF's unpacked streams."""
    streams = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            streams.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    text = b"\n".join(streams).decode("latin-1")
    found = {"lang": re.search(r"/Lang\s*\(([^)]*)\)", text)}
    xmp = re.search(r"<x:xmpmeta.*?</x:xmpmeta>", b"\n".join(streams).decode("utf-8", "replace"), re.DOTALL)
    assert xmp is not None, "the PDF has no XMP metadata"
    for key, pattern in (("title", r"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>"),
                         ("author", r"<dc:creator>.*?<rdf:li[^>]*>(.*?)</rdf:li>"),
                         ("created", r"<xmp:CreateDate>(.*?)</xmp:CreateDate>"),
                         ("modified", r"<xmp:ModifyDate>(.*?)</xmp:ModifyDate>")):
        found[key] = re.search(pattern, xmp.group(0), re.DOTALL)
    return {key: match.group(1) if match else "" for key, match in found.items()}


def test_the_pdf_says_swedish_its_title_the_municipality_and_when_the_version_was_sent(version, staff):
    """Issue 13 audit: the PDF said lang "sv" and had no dates."""
    frozen = freeze_version(version=version, actor=staff)
    metadata = pdf_metadata(render_basis_pdf(document_for(frozen)))
    sent = frozen.frozen_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert metadata == {"lang": "sv-SE", "title": "Beslutsunderlag: Mötesplatser i Nödinge", "author": "Ale kommun",
                        "created": sent, "modified": sent}


def test_a_drafts_pdf_is_dated_when_it_was_made(version):
    metadata = pdf_metadata(render_basis_pdf(document_for(version)))
    made = dt.datetime.fromisoformat(metadata["created"].replace("Z", "+00:00"))
    assert abs(made - timezone.now()) < dt.timedelta(minutes=5) and metadata["modified"] == metadata["created"]


def test_the_list_of_attachments_numbers_attachment_1_once(version):
    """Word shows "1. 1. Perspektivsammanställning" if a paragraph that writes its number also has a numbered style."""
    document = Document(BytesIO(render_basis_docx(document_for(version))))
    listed = [p for p in document.paragraphs if "Perspektivsammanställning: Mötesplatser i Nödinge" in p.text]
    assert [p.text for p in listed] == ["1. Perspektivsammanställning: Mötesplatser i Nödinge"]
    paragraph = listed[0]
    numbered = [element for element in (paragraph._p.pPr, paragraph.style.element.pPr)
                if element is not None and element.find(qn("w:numPr")) is not None]
    assert numbered == []
