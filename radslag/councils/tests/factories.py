"""Rows for councils tests: a council with a secretary, a meeting with minutes, a sent consultation."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from radslag.councils.files import DOCX, ODT, PDF
from radslag.councils.models import (
    Attachment,
    Consultation,
    ConsultationAnswer,
    Consultee,
    Council,
    CouncilMeeting,
    CouncilMember,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name: str = "svar.pdf", data: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", ODT)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def make_council(org: Any, *, name: str = "Pensionärsrådet", slug: str = "pensionarsradet",
                 secretary: Any = None, public: bool = True) -> Council:
    council = Council.objects.create(organisation=org, name=name, slug=slug, kind=Council.Kind.PENSIONERS,
                                     public=public, description="Rådet för pensionärsfrågor.")
    if secretary is not None:
        CouncilMember.objects.create(council=council, name="Birgitta Sekreterare", role=CouncilMember.Role.SECRETARY,
                                     user=secretary)
    return council


def make_consultation(process: Any, councils: list[Council], *, sent: bool = True, reply_in_days: int = 14,
                      consultees: list[Consultee] = ()) -> Consultation:  # type: ignore[assignment]
    consultation = Consultation.objects.create(
        organisation=process.organisation, process=process, title="Nya mötesplatser",
        question="Vad tycker rådet om förslaget?", reply_by=timezone.localdate() + dt.timedelta(days=reply_in_days),
        sent_at=timezone.now() if sent else None,
    )
    consultation.councils.set(councils)
    consultation.consultees.set(consultees)
    return consultation


def council_world(org: Any, process: Any) -> dict[str, Any]:
    """What the URL × role matrix needs: every object a councils URL names, visible to the public."""
    council = make_council(org)
    member = CouncilMember.objects.create(council=council, name="Sven Andersson", represents="PRO",
                                          show_publicly=True)
    meeting = CouncilMeeting.objects.create(council=council, starts_at=timezone.now(), place="Kommunhuset",
                                            minutes_published=True)
    meeting.minutes.save("protokoll.pdf", ContentFile(PDF_BYTES))
    consultee = Consultee.objects.create(organisation=org, name="Ale hembygdsförening", email="hembygd@example.se")
    consultation = make_consultation(process, [council], consultees=[consultee])
    answer = ConsultationAnswer.objects.create(consultation=consultation, council=council, text="Rådet tillstyrker.",
                                               submitted_at=timezone.now(), published_at=timezone.now())
    attachment = Attachment(answer=answer, name="svar.pdf", content_type=PDF, size=len(PDF_BYTES))
    attachment.file.save("svar.pdf", ContentFile(PDF_BYTES))
    return {
        "council": council.pk, "council_slug": council.slug, "council_member": member.pk,
        "council_meeting": meeting.pk, "consultee": consultee.pk, "consultation": consultation.pk,
        "council_answer": answer.pk, "council_attachment": attachment.pk,
    }


__all__ = ["DOCX", "PDF", "PDF_BYTES", "council_world", "docx_bytes", "make_consultation", "make_council",
           "odt_bytes", "pdf_upload"]
