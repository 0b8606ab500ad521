"""The files of a version: the memo as DOCX and PDF, its attachment, and all of them in one ZIP.

The memo and its attachment are separate files, as a registry (diarium) and a committee's meeting system
keep each document of a matter separately; the ZIP is for handing over everything at once.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from django.http import HttpResponse
from django.utils.text import slugify

from radslag.decisionbasis.document import BasisDocument
from radslag.decisionbasis.models import BasisVersion
from radslag.decisionbasis.render_docx import render_attachment_docx, render_basis_docx
from radslag.decisionbasis.render_pdf import render_basis_pdf

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KINDS = {"docx": DOCX, "pdf": "application/pdf", "attachment": DOCX, "zip": "application/zip"}
EXTENSIONS = {"docx": "docx", "pdf": "pdf", "attachment": "docx", "zip": "zip"}


def stem(version: BasisVersion) -> str:
    return f"{slugify(version.basis.process.slug)}-beslutsunderlag-v{version.number}"


def _zip(content: BasisDocument, name: str) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{name}.docx", render_basis_docx(content))
        archive.writestr(f"{name}.pdf", render_basis_pdf(content))
        archive.writestr(f"{name}-bilaga-1-sammanstallning.docx", render_attachment_docx(content))
    return buffer.getvalue()


def file_bytes(content: BasisDocument, kind: str, name: str) -> bytes:
    if kind == "docx":
        return render_basis_docx(content)
    if kind == "pdf":
        return render_basis_pdf(content)
    if kind == "attachment":
        return render_attachment_docx(content)
    return _zip(content, name)


def file_response(content: BasisDocument, version: BasisVersion, kind: str) -> HttpResponse:
    name = stem(version)
    filename = f"{name}-bilaga-1-sammanstallning" if kind == "attachment" else name
    response = HttpResponse(file_bytes(content, kind, name), content_type=KINDS[kind])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{EXTENSIONS[kind]}"'
    return response
