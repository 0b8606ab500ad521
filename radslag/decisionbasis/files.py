"""The files of a version: the memo and its attachment 1, each as DOCX and PDF, and all of them in one ZIP.

The memo and its attachment are separate files, as a registry (diarium) and a committee's meeting system
keep each document of a matter separately; the ZIP is for handing over everything at once. Every file is
made from the version's content (`document.document_for`): for a frozen version, the content it was sent
with, attachment included, so the files never change when the dialogue's data does.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO

from django.http import HttpResponse
from django.utils.text import slugify

from radslag.decisionbasis.document import BasisDocument
from radslag.decisionbasis.models import BasisVersion
from radslag.decisionbasis.render_docx import render_attachment_docx, render_basis_docx
from radslag.decisionbasis.render_pdf import render_attachment_pdf, render_basis_pdf

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
ZIP = "application/zip"


@dataclass(frozen=True)
class BasisFile:
    render: Callable[[BasisDocument], bytes]
    content_type: str
    extension: str
    suffix: str = ""  # after the version's file name stem


ATTACHMENT_SUFFIX = "-bilaga-1-sammanstallning"
FILES = {
    "docx": BasisFile(render_basis_docx, DOCX, "docx"),
    "pdf": BasisFile(render_basis_pdf, PDF, "pdf"),
    "attachment": BasisFile(render_attachment_docx, DOCX, "docx", ATTACHMENT_SUFFIX),
    "attachment_pdf": BasisFile(render_attachment_pdf, PDF, "pdf", ATTACHMENT_SUFFIX),
}


def stem(version: BasisVersion) -> str:
    return f"{slugify(version.basis.process.slug)}-beslutsunderlag-v{version.number}"


def _filename(kind: str, name: str) -> str:
    if kind == "zip":
        return f"{name}.zip"
    file = FILES[kind]
    return f"{name}{file.suffix}.{file.extension}"


def _zip(content: BasisDocument, name: str) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for kind, file in FILES.items():
            archive.writestr(_filename(kind, name), file.render(content))
    return buffer.getvalue()


def file_bytes(content: BasisDocument, kind: str, name: str) -> bytes:
    return _zip(content, name) if kind == "zip" else FILES[kind].render(content)


def file_response(content: BasisDocument, version: BasisVersion, kind: str) -> HttpResponse:
    name = stem(version)
    content_type = ZIP if kind == "zip" else FILES[kind].content_type
    response = HttpResponse(file_bytes(content, kind, name), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_filename(kind, name)}"'
    return response
