"""A version of a decision basis as one tree of display text, shared by the HTML, DOCX and PDF renderers.

A draft is assembled live from the process's data (`live_document`); a frozen version is read back from
its snapshot (`frozen_document`), so the documents of a version sent to a committee are made again from
exactly what was sent. `document_for` picks the right one.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from radslag.analysis.safe_text import writable_tree
from radslag.decisionbasis.models import BasisVersion
from radslag.decisionbasis.parts import Block, PartSource, block_from_json, block_to_json, registered_parts
from radslag.reports.assembly import assemble_compilation
from radslag.reports.content import CompilationContent
from radslag.reports.content import from_snapshot as compilation_from_snapshot
from radslag.reports.content import to_snapshot as compilation_to_snapshot
from radslag.reports.models import Compilation
from radslag.reports.render_text import document_title as compilation_title

SNAPSHOT_FORMAT = 1
TEXT_FIELDS = ("summary", "background", "assessment", "consequences", "child_impact", "proposed_decision")


@dataclass(frozen=True)
class DocumentPart:
    key: str
    title: str
    blocks: tuple[Block, ...]
    comment: str = ""


@dataclass(frozen=True)
class BasisDocument:
    language: str
    organisation: str
    process_title: str
    title: str
    registration_number: str
    document_date: str
    case_officer: str
    committee: str
    meeting_date: str
    version: int
    frozen: bool
    made_at: str  # ISO 8601: when this content was fixed (frozen), or assembled (a draft)
    summary: str
    background: str
    assessment: str
    consequences: str
    child_impact: str
    proposed_decision: str
    parts: tuple[DocumentPart, ...]
    attachment: CompilationContent

    @property
    def attachment_title(self) -> str:
        """Translated when asked: call it in the document's language."""
        return compilation_title(self.attachment)


def _day(value: Any) -> str:
    return formats.date_format(value, "j F Y") if value else ""


def _compile(version: BasisVersion, language: str) -> CompilationContent:
    process = version.basis.process
    compilation = Compilation.objects.filter(process=process).first()
    return assemble_compilation(process=process, compilation=compilation, language=language)


def live_document(version: BasisVersion, *, language: str | None = None) -> BasisDocument:
    """The version as its parts read now: staff's texts and comments, the live data, the compilation."""
    process = version.basis.process
    language = language or process.organisation.default_language or "sv"
    made_at = timezone.now()
    with override(language):
        source = PartSource(process=process, language=language, compile=lambda: _compile(version, language))
        comments = dict(version.comments.values_list("part", "text"))
        parts = tuple(
            DocumentPart(key=part.key, title=str(part.title), blocks=tuple(part.assemble(source)),
                         comment=comments.get(part.key, ""))
            for part in registered_parts()
        )
        title = version.title or process.title
        status = _("Attachment 1 to “%(title)s”, version %(number)s, %(date)s") % {
            "title": title, "number": version.number, "date": _day(timezone.localdate(made_at))}
        attachment = replace(source.compilation, version=None, published_on="", extra={"status": status})
        document = BasisDocument(
            language=language, organisation=process.organisation.name, process_title=process.title, title=title,
            registration_number=version.registration_number, document_date=_day(version.document_date),
            case_officer=version.case_officer, committee=str(version.committee or ""),
            meeting_date=_day(version.meeting_date), version=version.number, frozen=version.is_frozen,
            made_at=made_at.isoformat(), parts=parts, attachment=attachment,
            **{name: getattr(version, name) for name in TEXT_FIELDS},
        )
    # Frozen as JSON (PostgreSQL refuses NUL there) and written to DOCX and PDF, which refuse control characters.
    return writable_tree(document)


def to_snapshot(document: BasisDocument) -> dict[str, Any]:
    """The whole tree as plain JSON values, exactly as the database gives it back."""
    data = asdict(document)
    data["parts"] = [
        {"key": p.key, "title": p.title, "comment": p.comment, "blocks": [block_to_json(b) for b in p.blocks]}
        for p in document.parts
    ]
    data["attachment"] = compilation_to_snapshot(document.attachment)
    stored: dict[str, Any] = json.loads(json.dumps({"format": SNAPSHOT_FORMAT, **data}))
    return stored


def from_snapshot(data: dict[str, Any]) -> BasisDocument:
    values = {key: value for key, value in data.items() if key != "format"}
    parts = tuple(
        DocumentPart(key=p["key"], title=p["title"], comment=p.get("comment", ""),
                     blocks=tuple(block_from_json(b) for b in p["blocks"]))
        for p in values.pop("parts")
    )
    attachment = compilation_from_snapshot(values.pop("attachment"))
    return BasisDocument(**values, parts=parts, attachment=attachment)


def document_for(version: BasisVersion) -> BasisDocument:
    """A frozen version as it was sent; a draft as it reads now."""
    if version.is_frozen and version.snapshot:
        return from_snapshot(version.snapshot)
    return live_document(version)
