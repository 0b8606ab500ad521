"""Writing and publishing the municipality's answers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from radslag.audit.services import record_event
from radslag.core.errors import DomainError
from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.notify import process_topics
from radslag.feedback.models import Answer, AnswerStatus, Release
from radslag.governance.models import Decision
from radslag.messaging.outbox import announce
from radslag.themes.models import Theme

ANSWER_FIELDS = ("status", "text", "text_en", "motivation", "motivation_en", "progress", "progress_note",
                 "progress_note_en")


@transaction.atomic
def save_answer(
    *, process: DialogueProcess, theme: Theme, actor: Any, fields: dict[str, Any], decisions: Sequence[Decision] = (),
) -> Answer:
    """Create or change the answer to a theme. A published answer stays published; the change is marked
    so that the next publication announces it."""
    if theme.process_id != process.pk:
        raise DomainError(_("The theme belongs to another dialogue."))
    if fields.get("status") == AnswerStatus.REJECTED and not str(fields.get("motivation") or "").strip():
        raise DomainError(_("Say why, when the answer is no."))
    answer = Answer.objects.filter(theme=theme).first() or Answer(
        organisation=process.organisation, process=process, theme=theme)
    created = answer.pk is None
    for name in ANSWER_FIELDS:
        if name in fields:
            setattr(answer, name, fields[name] if fields[name] is not None or name == "progress" else "")
    answer.updated_by = actor
    if answer.published_at is not None:
        answer.changed_at = timezone.now()
    answer.save()
    answer.decisions.set(decisions)
    record_event(organisation=process.organisation, actor=actor,
                 action="answer.created" if created else "answer.updated", target=answer,
                 data={"theme": theme.pk, "status": answer.status})
    return answer


def unpublished(process: DialogueProcess) -> QuerySet[Answer]:
    """Answers written or changed since they were last published."""
    return Answer.objects.filter(process=process).filter(Q(published_at__isnull=True) | Q(changed_at__isnull=False))


@transaction.atomic
def publish_answers(*, process: DialogueProcess, actor: Any, answer_ids: Sequence[int] | None = None) -> Release:
    """Publish the process's new and changed answers (or those of `answer_ids`) as ONE event: one notice to
    those who follow the process or its focus areas, however many themes it covers."""
    if not process.is_public:
        raise DomainError(_("Publish the dialogue before you publish its answers."))
    pending = unpublished(process).select_for_update(of=("self",))
    if answer_ids is not None:
        pending = pending.filter(pk__in=list(answer_ids))
    answers = list(pending.select_related("theme"))
    if not answers:
        raise DomainError(_("There is no new or changed answer to publish."))
    now = timezone.now()
    for answer in answers:
        answer.published_at = answer.published_at or now
        answer.changed_at = None
    Answer.objects.bulk_update(answers, ["published_at", "changed_at"])
    release = Release.objects.create(organisation=process.organisation, process=process, published_by=actor)
    release.answers.set(answers)
    record_event(organisation=process.organisation, actor=actor, action="answers.published", target=process,
                 data={"answers": [a.pk for a in answers], "release": release.pk})
    _announce(process, release, answers)
    return release


def _announce(process: DialogueProcess, release: Release, answers: list[Answer]) -> None:
    texts: dict[str, tuple[str, str]] = {}
    for language in ("sv", "en"):
        with translation.override(language):
            title = process.title_en if language == "en" and process.title_en else process.title
            texts[language] = (
                _("What happened with the input: %(process)s") % {"process": title},
                ngettext("The municipality has answered %(count)d theme.",
                         "The municipality has answered %(count)d themes.", len(answers)) % {"count": len(answers)}
                + " " + ", ".join(
                    f"{(a.theme.name_en or a.theme.name) if language == 'en' else a.theme.name}: "
                    f"{a.get_status_display()}" for a in answers if a.theme),
            )
    announce(
        organisation=process.organisation, key=f"answers:{process.pk}:{release.pk}",
        topics=process_topics(process.pk),
        title=texts["sv"][0], title_en=texts["en"][0], summary=texts["sv"][1], summary_en=texts["en"][1],
        url=reverse("feedback:what_happened", kwargs={"slug": process.slug}),
    )
