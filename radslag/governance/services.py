"""Writes for decisions and the municipality's direction, each with its audit event."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.forms import ModelForm
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.governance import links
from radslag.governance.models import BodyMeeting, Decision, DecisionLink
from radslag.messaging.outbox import announce
from radslag.organisations.models import Organisation

ANSWERING_ROLES = (DecisionLink.Role.OUTCOME, DecisionLink.Role.PARTIAL)


@transaction.atomic
def record_decision(
    *, organisation: Organisation, actor: Any, form: ModelForm, links_to: Sequence[tuple[str, int, str]] | None = None
) -> Decision:
    """Create or update a decision from a valid form; logs `decision.created` or `decision.updated`.

    With `links_to` ((kind, object id, role), ...) the decision's links are set to exactly those; a
    published dialogue that newly gets the decision as its outcome (or partial answer) is announced to
    those who follow it.
    """
    decision: Decision = save_item(organisation=organisation, actor=actor, form=form, kind="decision")
    if links_to is not None:
        set_links(organisation=organisation, actor=actor, decision=decision, links_to=links_to)
    return decision


@transaction.atomic
def set_links(
    *, organisation: Organisation, actor: Any, decision: Decision, links_to: Sequence[tuple[str, int, str]]
) -> list[DecisionLink]:
    wanted = {(kind, object_id): role for kind, object_id, role in links_to}
    current = {(link.kind, link.object_id): link for link in decision.links.all()}
    removed = [link for key, link in current.items() if key not in wanted]
    DecisionLink.objects.filter(pk__in=[link.pk for link in removed]).delete()
    newly_answering: list[int] = []
    for (kind, object_id), role in wanted.items():
        link = current.get((kind, object_id))
        was_answering = link is not None and link.role in ANSWERING_ROLES
        if link is None:
            DecisionLink.objects.create(decision=decision, kind=kind, object_id=object_id, role=role)
        elif link.role != role:
            link.role = role
            link.save(update_fields=["role"])
        if kind == links.PROCESS and role in ANSWERING_ROLES and not was_answering:
            newly_answering.append(object_id)
    added = [key for key in wanted if key not in current]
    if added or removed:
        record_event(
            organisation=organisation, actor=actor, action="decision.links_changed", target=decision,
            data={"added": [f"{k}:{i}" for k, i in added], "removed": [f"{r.kind}:{r.object_id}" for r in removed]},
        )
    for process_id in newly_answering:
        announce_outcome(organisation=organisation, decision=decision, process_id=process_id)
    return list(decision.links.all())


def announce_outcome(*, organisation: Organisation, decision: Decision, process_id: int) -> None:
    """Tell those who follow a published dialogue that a decision answers it (once per decision and dialogue)."""
    process_kind = links.kind(links.PROCESS)
    if process_kind is None:
        return
    texts: dict[str, str] = {}
    for language in ("sv", "en"):
        with translation.override(language):  # the dialogue's title in that language, where one was written
            target = links.resolve(organisation, links.PROCESS, [process_id]).get(process_id)
            if target is None:
                return  # not a public dialogue: nobody has been told about it, so nobody is told now
            texts[language] = _("A decision on “%(process)s”: %(decision)s") % {
                "process": target.label, "decision": decision.title}
    topics = process_kind.topics(organisation, process_id) if process_kind.topics else []
    announce(
        organisation=organisation, key=f"decision:{decision.pk}:outcome:{process_id}", topics=topics,
        title=texts["sv"], title_en=texts["en"], summary=decision.summary,
        url=reverse("governance:decision_detail", kwargs={"pk": decision.pk}),
    )


@transaction.atomic
def save_direction(*, organisation: Organisation, actor: Any, form: ModelForm, kind: str) -> Any:
    """Save a vision, strategic plan or focus area; `kind` names the audit action (`vision`, `plan`, ...)."""
    return save_item(organisation=organisation, actor=actor, form=form, kind=kind)


def save_item(*, organisation: Organisation, actor: Any, form: ModelForm, kind: str) -> Any:
    created = form.instance.pk is None
    instance = form.save(commit=False)
    instance.organisation = organisation
    instance.save()
    form.save_m2m()
    record_event(
        organisation=organisation, actor=actor, action=f"{kind}.{'created' if created else 'updated'}",
        target=instance, data={"changed": form.changed_data},
    )
    return instance


@transaction.atomic
def save_meeting(*, organisation: Organisation, actor: Any, form: ModelForm) -> BodyMeeting:
    """Add (or change) a meeting of a deciding body; logs `body_meeting.created` or `.updated`."""
    meeting: BodyMeeting = save_item(organisation=organisation, actor=actor, form=form, kind="body_meeting")
    return meeting


@transaction.atomic
def remove_meeting(*, organisation: Organisation, actor: Any, meeting: BodyMeeting) -> None:
    record_event(organisation=organisation, actor=actor, action="body_meeting.removed", target=meeting,
                 data={"body": meeting.body_id, "date": meeting.date.isoformat()})
    meeting.delete()
