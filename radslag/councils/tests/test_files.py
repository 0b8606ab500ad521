"""Uploads are recognised by their content, not their name, and refused with a message that says why."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from radslag.core.errors import DomainError
from radslag.councils.files import DOCX, ODT, PDF, check_upload
from radslag.councils.tests.factories import PDF_BYTES, docx_bytes, odt_bytes


def upload(name, data):
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(("name", "data", "kind"), [
    ("svar.pdf", PDF_BYTES, PDF), ("svar.docx", docx_bytes(), DOCX), ("Svar.ODT", odt_bytes(), ODT)])
def test_pdf_docx_and_odt_are_accepted(name, data, kind):
    assert check_upload(upload(name, data)).content_type == kind


def test_a_program_renamed_to_pdf_is_refused():
    with pytest.raises(DomainError, match="bara filer av typen PDF, DOCX, ODT"):
        check_upload(upload("svar.pdf", b"MZ\x90\x00 not a pdf"))


def test_a_pdf_named_docx_is_refused():
    with pytest.raises(DomainError, match=r"svar\.docx"):
        check_upload(upload("svar.docx", PDF_BYTES))


def test_a_zip_that_is_not_a_document_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hej")
    with pytest.raises(DomainError):
        check_upload(upload("svar.docx", buffer.getvalue()))


def test_a_file_over_the_limit_is_refused_with_the_limit(settings):
    settings.RADSLAG_COUNCIL_ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024
    with pytest.raises(DomainError, match="högst 2 MB"):
        check_upload(upload("stor.pdf", PDF_BYTES + b"0" * (2 * 1024 * 1024)))


def test_only_pdf_where_only_pdf_is_allowed():
    with pytest.raises(DomainError, match="bara filer av typen PDF tas emot"):
        check_upload(upload("protokoll.docx", docx_bytes()), allowed=(PDF,))
