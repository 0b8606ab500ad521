"""Uploaded documents: PDF, DOCX or ODT only, recognised by their content, within a size limit."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from radslag.core.errors import DomainError

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
EXTENSIONS = {".pdf": PDF, ".docx": DOCX, ".odt": ODT}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class CheckedFile:
    upload: Any  # an UploadedFile
    name: str
    content_type: str
    size: int


def max_bytes() -> int:
    return int(getattr(settings, "RADSLAG_COUNCIL_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def _zip_kind(stream: IO[bytes]) -> str:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
                return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
    except (zipfile.BadZipFile, OSError, KeyError):
        return ""
    return ""


def content_type_of(stream: IO[bytes]) -> str:
    """What the bytes are (PDF, DOCX or ODT), or "" for anything else, whatever the file is called."""
    stream.seek(0)
    head = stream.read(1024)
    stream.seek(0)
    if head.lstrip(b"\r\n\t ").startswith(b"%PDF-"):
        return PDF
    kind = _zip_kind(stream) if head.startswith(b"PK\x03\x04") else ""
    stream.seek(0)
    return kind


def check_upload(upload: Any, *, allowed: tuple[str, ...] = (PDF, DOCX, ODT)) -> CheckedFile:
    """The upload if it is an allowed kind within the size limit; else a DomainError saying what is wrong."""
    name = PurePath(str(upload.name)).name[:200]
    limit = max_bytes()
    if upload.size > limit:
        raise DomainError(_("The file %(name)s is too large: it may be at most %(limit)d MB.")
                          % {"name": name, "limit": limit // (1024 * 1024)})
    expected = EXTENSIONS.get(PurePath(name).suffix.lower())
    actual = content_type_of(upload.file)
    if expected is None or expected not in allowed or actual != expected:
        kinds = ", ".join(ext.lstrip(".").upper() for ext, kind in EXTENSIONS.items() if kind in allowed)
        raise DomainError(_("The file %(name)s cannot be used: only %(kinds)s files are accepted, and the "
                            "content must match the file's ending.") % {"name": name, "kinds": kinds})
    return CheckedFile(upload=upload, name=name, content_type=actual, size=upload.size)
