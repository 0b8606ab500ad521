"""Writes on councils and consultations: each one transaction, audited, with mail sent after commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.contributions.services import receive_council_answer
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.councils.files import PDF, CheckedFile
from radslag.councils.models import (
    MINOR_NAME_REFUSED,
    Attachment,
    Consultation,
    ConsultationAnswer,
    Consultee,
    Council,
    CouncilMeeting,
    CouncilMember,
)
from radslag.councils.permissions import councils_user_answers_for, is_staff
from radslag.dialogues.models import DialogueProcess
from radslag.messaging.consent import recipient_for
from radslag.messaging.outbox import send_direct
from radslag.organisations.models import Organisation


def _require_staff(user: Any, organisation: Organisation) -> None:
    if not is_staff(user, organisation):
        raise PermissionDeniedError(_("You may not manage councils and consultations."))


def _assign(instance: Any, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(instance, name, value)


@transaction.atomic
def save_council(*, organisation: Organisation, actor: Any, fields: dict[str, Any],
                 council: Council | None = None) -> Council:
    _require_staff(actor, organisation)
    council = council or Council(organisation=organisation)
    _assign(council, fields)
    if Council.objects.filter(organisation=organisation, slug=council.slug).exclude(pk=council.pk).exists():
        raise DomainError(_("Another council already uses this short name."))
    council.save()
    record_event(organisation=organisation, actor=actor, action="council.saved", target=council,
                 data={"name": council.name})
    return council


@transaction.atomic
def save_member(*, council: Council, actor: Any, fields: dict[str, Any],
                member: CouncilMember | None = None) -> CouncilMember:
    _require_staff(actor, council.organisation)
    member = member or CouncilMember(council=council)
    _assign(member, fields)
    if member.show_publicly and not member.name_is_public:
        raise DomainError(str(MINOR_NAME_REFUSED))
    member.save()
    record_event(organisation=council.organisation, actor=actor, action="council.member_saved", target=member,
                 data={"council": council.pk, "role": member.role, "has_account": member.user_id is not None,
                       "minor": member.under_18, "name_public": member.name_is_public})
    return member


@transaction.atomic
def save_meeting(*, council: Council, actor: Any, fields: dict[str, Any], minutes: CheckedFile | None = None,
                 meeting: CouncilMeeting | None = None) -> CouncilMeeting:
    _require_staff(actor, council.organisation)
    meeting = meeting or CouncilMeeting(council=council)
    _assign(meeting, fields)
    if minutes is not None:
        if minutes.content_type != PDF:
            raise DomainError(_("Minutes must be a PDF file."))
        meeting.minutes.save(minutes.name, minutes.upload, save=False)
    if meeting.minutes_published and not meeting.minutes:
        raise DomainError(_("Upload the minutes before publishing them."))
    meeting.save()
    record_event(organisation=council.organisation, actor=actor, action="council.meeting_saved", target=meeting,
                 data={"council": council.pk, "minutes_published": meeting.minutes_published})
    return meeting


@transaction.atomic
def save_consultee(*, organisation: Organisation, actor: Any, fields: dict[str, Any],
                   consultee: Consultee | None = None) -> Consultee:
    _require_staff(actor, organisation)
    consultee = consultee or Consultee(organisation=organisation)
    _assign(consultee, fields)
    consultee.save()
    record_event(organisation=organisation, actor=actor, action="council.consultee_saved", target=consultee)
    return consultee


def _attach(files: Iterable[CheckedFile], **owner: Any) -> None:
    for checked in files:
        attachment = Attachment(name=checked.name, content_type=checked.content_type, size=checked.size, **owner)
        attachment.file.save(checked.name, checked.upload, save=False)
        attachment.save()


@transaction.atomic
def save_consultation(
    *, process: DialogueProcess, actor: Any, fields: dict[str, Any], councils: Iterable[Council],
    consultees: Iterable[Consultee], documents: Iterable[CheckedFile] = (), consultation: Consultation | None = None,
) -> Consultation:
    """Create or change a consultation before it is sent; after sending only documents can be added."""
    _require_staff(actor, process.organisation)
    if consultation is not None and consultation.is_sent:
        raise DomainError(_("The consultation has been sent and can no longer be changed."))
    councils, consultees = list(councils), list(consultees)
    if any(c.organisation_id != process.organisation_id for c in councils) or any(
            c.organisation_id != process.organisation_id for c in consultees):
        raise DomainError(_("Choose the municipality's own councils and consultees."))
    consultation = consultation or Consultation(organisation=process.organisation, process=process,
                                                created_by=actor)
    _assign(consultation, fields)
    consultation.save()
    consultation.councils.set(councils)
    consultation.consultees.set(consultees)
    _attach(documents, consultation=consultation)
    record_event(organisation=process.organisation, actor=actor, action="consultation.saved",
                 target=consultation, data={"process": process.pk})
    return consultation


def _recipients(consultation: Consultation) -> list[Any]:
    organisation = consultation.organisation
    secretaries = CouncilMember.objects.filter(
        council__in=consultation.councils.all(), role=CouncilMember.Role.SECRETARY, user__isnull=False,
    ).select_related("user")
    people: list[tuple[str, Any]] = [(seat.user.email, seat.user) for seat in secretaries
                                     if seat.user and seat.user.email]
    people += [(consultee.email, None) for consultee in consultation.consultees.all() if consultee.email]
    return [recipient_for(organisation=organisation, email=email, user=user) for email, user in people]


@transaction.atomic
def send_consultation(*, consultation: Consultation, actor: Any, answer_url: str) -> Consultation:
    """Send the question to the councils' secretaries and the consultees, once. `answer_url` is where
    secretaries answer (the view knows the site's address)."""
    _require_staff(actor, consultation.organisation)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.is_sent:
        raise DomainError(_("The consultation has already been sent."))
    if not consultation.councils.exists() and not consultation.consultees.exists():
        raise DomainError(_("Choose at least one council or consultee before sending."))
    consultation.sent_at = timezone.now()
    consultation.save(update_fields=["sent_at", "updated_at"])
    body = _("%(question)s\n\nPlease reply by %(date)s. Council secretaries answer here: %(url)s\n"
             "Associations may reply to the municipality by e-mail.") % {
        "question": consultation.question, "date": consultation.reply_by.strftime("%Y-%m-%d"), "url": answer_url}
    subject = f"{consultation.get_kind_display()}: {consultation.title}"
    send_direct(organisation=consultation.organisation, key=f"consultation:{consultation.pk}:sent",
                recipients=_recipients(consultation), subject=subject, body=body, created_by=actor)
    record_event(organisation=consultation.organisation, actor=actor, action="consultation.sent",
                 target=consultation, data={"process": consultation.process_id})
    return consultation


def _check_responder(actor: Any, consultation: Consultation, council: Council | None,
                     consultee: Consultee | None) -> None:
    if (council is None) == (consultee is None):
        raise DomainError(_("Choose who the answer is from."))
    if council is not None and council not in councils_user_answers_for(actor, consultation):
        raise PermissionDeniedError(_("You may not answer for this council."))
    if consultee is not None and (not is_staff(actor, consultation.organisation)
                                  or not consultation.consultees.filter(pk=consultee.pk).exists()):
        raise PermissionDeniedError(_("Only staff enter answers from consultees that were asked."))


@transaction.atomic
def submit_answer(
    *, consultation: Consultation, actor: Any, text: str, council: Council | None = None,
    consultee: Consultee | None = None, attachments: Iterable[CheckedFile] = (), now: dt.datetime | None = None,
) -> ConsultationAnswer:
    """A council's (or, entered by staff, a consultee's) answer. Accepted after the reply-by date, marked late."""
    _check_responder(actor, consultation, council, consultee)
    if not consultation.is_sent:
        raise DomainError(_("The consultation has not been sent yet."))
    text = text.strip()
    if not text:
        raise DomainError(_("Write the answer before you send it."))
    Consultation.objects.select_for_update().filter(pk=consultation.pk).first()
    if consultation.answers.filter(council=council, consultee=consultee).exists():
        raise DomainError(_("An answer from %(name)s has already been submitted.")
                          % {"name": council or consultee})
    moment = now or timezone.now()
    answer = ConsultationAnswer.objects.create(
        consultation=consultation, council=council, consultee=consultee, text=text, submitted_by=actor,
        submitted_at=moment, late=consultation.is_late_at(moment),
    )
    _attach(attachments, answer=answer)
    record_event(organisation=consultation.organisation, actor=actor, action="consultation.answered",
                 target=answer, data={"consultation": consultation.pk, "late": answer.late})
    return answer


@transaction.atomic
def publish_answer(*, answer: ConsultationAnswer, actor: Any) -> ConsultationAnswer:
    """Publish the answer on the process; it becomes input of the process on the council channel."""
    consultation = answer.consultation
    _require_staff(actor, consultation.organisation)
    answer = ConsultationAnswer.objects.select_for_update().get(pk=answer.pk)
    if answer.is_published:
        raise DomainError(_("The answer is already published."))
    answer.contribution = receive_council_answer(
        process=consultation.process, body=answer.text, published_by=actor, given_at=answer.submitted_at,
        external_id=f"consultation-answer-{answer.pk}",
    )
    answer.published_at = timezone.now()
    answer.save(update_fields=["contribution", "published_at"])
    record_event(organisation=consultation.organisation, actor=actor, action="consultation.answer_published",
                 target=answer, data={"consultation": consultation.pk, "contribution": answer.contribution.pk})
    return answer
