"""Uploaded files recognised by their content, not their name: the kinds, and the check with a size limit.

An app names the kinds it accepts and its limit; the check refuses anything else with a message a
person can act on. (councils/files.py predates this module and does the same for its documents.)
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django.utils.translation import gettext as _

from radslag.core.errors import DomainError

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
PNG = "image/png"
JPEG = "image/jpeg"
EXTENSIONS = {".pdf": PDF, ".docx": DOCX, ".pptx": PPTX, ".odt": ODT, ".png": PNG, ".jpg": JPEG, ".jpeg": JPEG}


@dataclass(frozen=True)
class CheckedFile:
    upload: Any  # an UploadedFile
    name: str
    content_type: str
    size: int


def _zip_kind(stream: IO[bytes]) -> str:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
                return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
            if "[Content_Types].xml" in names and "ppt/presentation.xml" in names:
                return PPTX
    except (zipfile.BadZipFile, OSError, KeyError):
        return ""
    return ""


def content_type_of(stream: IO[bytes]) -> str:
    """What the bytes are (one of the kinds above), or "" for anything else, whatever the file is called."""
    stream.seek(0)
    head = stream.read(1024)
    stream.seek(0)
    kind = ""
    if head.lstrip(b"\r\n\t ").startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif head.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(stream)
    stream.seek(0)
    return kind


def check_upload(upload: Any, *, allowed: tuple[str, ...], max_bytes: int) -> CheckedFile:
    """The upload if it is an allowed kind within `max_bytes`; else a DomainError saying what is wrong."""
    name = PurePath(str(upload.name)).name[:200]
    if upload.size > max_bytes:
        raise DomainError(_("The file %(name)s is too large: it may be at most %(limit)d MB.")
                          % {"name": name, "limit": max(1, max_bytes // (1024 * 1024))})
    expected = EXTENSIONS.get(PurePath(name).suffix.lower())
    actual = content_type_of(upload.file)
    if expected is None or expected not in allowed or actual != expected:
        kinds = ", ".join(sorted({ext.lstrip(".").upper() for ext, kind in EXTENSIONS.items() if kind in allowed}))
        raise DomainError(_("The file %(name)s cannot be used: only %(kinds)s files are accepted, and the "
                            "content must match the file's ending.") % {"name": name, "kinds": kinds})
    return CheckedFile(upload=upload, name=name, content_type=actual, size=upload.size)
