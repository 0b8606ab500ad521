"""The files of a version: the memo and its attachment 1, each as DOCX and PDF, and all of them in one ZIP.

The memo and its attachment are separate files, as a registry (diarium) and a committee's meeting system
keep each document of a matter separately; the ZIP is for handing over everything at once. Every file is
made from the version's content (`document.document_for`): for a frozen version, the content it was sent
with, attachment included, so the files never change when the dialogue's data does. A frozen version's
files are made once, at their first download, and kept (`models.SentFile`): every later download, the
public one included, gets those same bytes without making them again.
"""

from __future__ import annotations

import hashlib
import logging
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpResponse
from django.utils.text import slugify

from radslag.decisionbasis.document import BasisDocument, document_for
from radslag.decisionbasis.models import BasisVersion, SentFile
from radslag.decisionbasis.render_docx import render_attachment_docx, render_basis_docx
from radslag.decisionbasis.render_pdf import render_attachment_pdf, render_basis_pdf

logger = logging.getLogger(__name__)

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


def _zip(files: dict[str, bytes], name: str) -> bytes:
    """Word and PDF files are compressed already: the archive stores them as they are."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for kind, data in files.items():
            archive.writestr(_filename(kind, name), data)
    return buffer.getvalue()


def file_bytes(content: BasisDocument, kind: str, name: str) -> bytes:
    """The file made from `content` now (a draft's, or a preview)."""
    if kind == "zip":
        return _zip({each: file.render(content) for each, file in FILES.items()}, name)
    return FILES[kind].render(content)


def version_file(version: BasisVersion, kind: str) -> bytes:
    """A draft's file made from its live content; a frozen version's as it was first made (kept)."""
    name = stem(version)
    if not version.is_frozen:
        return file_bytes(document_for(version), kind, name)
    if kind == "zip":
        return _zip({each: sent_file(version, each) for each in FILES}, name)
    return sent_file(version, kind)


def sent_file(version: BasisVersion, kind: str) -> bytes:
    """The frozen version's file of this kind: as kept, or made and kept at its first download."""
    data = _kept(version, kind)
    if data is not None:
        return data
    with transaction.atomic():
        BasisVersion.objects.select_for_update().get(pk=version.pk)  # one request makes the files at a time
        data = _kept(version, kind)  # made by another request while this one waited
        if data is not None:
            return data
        if SentFile.objects.filter(version=version, kind=kind).delete()[0]:
            logger.error("The kept %s of decision basis version %s was missing or changed in storage; made again "
                         "from the frozen content.", kind, version.pk)
        data = FILES[kind].render(document_for(version))
        sent = SentFile(version=version, kind=kind, sha256=hashlib.sha256(data).hexdigest())
        sent.file.save(_filename(kind, stem(version)), ContentFile(data), save=False)
        sent.save()
        return data


def _kept(version: BasisVersion, kind: str) -> bytes | None:
    """The kept file's bytes, where it is in storage and still the file that was kept (its SHA-256)."""
    sent = SentFile.objects.filter(version=version, kind=kind).first()
    if sent is None:
        return None
    try:
        with sent.file.open("rb") as handle:
            data = bytes(handle.read())
    except FileNotFoundError:
        return None
    return data if hashlib.sha256(data).hexdigest() == sent.sha256 else None


def file_response(version: BasisVersion, kind: str) -> HttpResponse:
    name = stem(version)
    content_type = ZIP if kind == "zip" else FILES[kind].content_type
    response = HttpResponse(version_file(version, kind), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_filename(kind, name)}"'
    return response
