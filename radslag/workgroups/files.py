"""Meeting materials: documents, slides and photos (of a wall of notes, say), recognised by their content."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from radslag.core.uploads import DOCX, JPEG, ODT, PDF, PNG, PPTX, CheckedFile, check_upload

MATERIAL_KINDS = (PDF, DOCX, PPTX, ODT, PNG, JPEG)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def max_bytes() -> int:
    return int(getattr(settings, "RADSLAG_WORKGROUP_MATERIAL_MAX_BYTES", DEFAULT_MAX_BYTES))


def check_material(upload: Any) -> CheckedFile:
    return check_upload(upload, allowed=MATERIAL_KINDS, max_bytes=max_bytes())
