"""Publishing and closing a process, phases and updates (services against the database)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from radslag.audit.models import AuditEvent
from radslag.core.errors import DomainError
from radslag.dialogues import services
from radslag.dialogues.models import DialogueProcess, ProcessUpdate
from radslag.dialogues.tests.factories import PhaseFactory, ProcessFactory

pytestmark = pytest.mark.django_db


def draft(org, **kwargs):
    return ProcessFactory(organisation=org, status=DialogueProcess.Status.DRAFT, published_at=None, **kwargs)


def test_publish_is_refused_and_lists_exactly_the_missing_fields(org, staff):
    process = draft(org, purpose="", deciding_body=None, feedback_due=None)

    with pytest.raises(services.PublicationRefusedError) as refused:
        services.publish_process(process=process, actor=staff)

    assert refused.value.details == ["Syfte", "Beslutande organ", "Återkoppling senast"]
    process.refresh_from_db()
    assert process.status == DialogueProcess.Status.DRAFT
    assert not AuditEvent.objects.filter(action="process.published").exists()


def test_publish_is_allowed_once_the_mandate_is_complete(org, staff):
    process = draft(org)

    services.publish_process(process=process, actor=staff)

    process.refresh_from_db()
    assert process.status == DialogueProcess.Status.PUBLISHED
    assert process.published_at is not None
    event = AuditEvent.objects.get(action="process.published")
    assert event.actor == staff and event.object_id == str(process.pk)


def test_closing_keeps_the_process_public(org, staff):
    process = ProcessFactory(organisation=org)

    services.close_process(process=process, actor=staff)

    process.refresh_from_db()
    assert process.status == DialogueProcess.Status.CLOSED and process.is_public
    assert AuditEvent.objects.filter(action="process.closed").exists()


def test_a_draft_cannot_be_closed(org, staff):
    with pytest.raises(DomainError):
        services.close_process(process=draft(org), actor=staff)


def test_create_process_starts_as_a_draft_with_audit(org, staff):
    process = services.create_process(organisation=org, actor=staff, fields={"title": "Ny dialog", "slug": "ny"})

    assert process.status == DialogueProcess.Status.DRAFT
    assert AuditEvent.objects.filter(action="process.created", object_id=str(process.pk)).exists()


def test_phase_ending_before_it_starts_is_refused(org, staff):
    process = ProcessFactory(organisation=org)
    fields = {"order": 1, "name": "Samtal", "starts": dt.date(2026, 5, 1), "ends": dt.date(2026, 4, 1)}

    with pytest.raises(ValidationError) as refused:
        services.save_phase(process=process, actor=staff, fields=fields)

    assert "Slutdatumet kan inte vara före startdatumet." in refused.value.message_dict["ends"]
    assert not process.phases.exists()


def test_updates_are_listed_newest_first(org, staff):
    process = ProcessFactory(organisation=org)
    services.post_update(process=process, actor=staff, fields={"title": "Första", "body": "a"})
    services.post_update(process=process, actor=staff, fields={"title": "Andra", "body": "b"})

    assert [u.title for u in ProcessUpdate.objects.filter(process=process)] == ["Andra", "Första"]
    assert AuditEvent.objects.filter(action="process_update.posted").count() == 2


def test_update_cannot_point_at_another_process_phase(org, staff):
    process = ProcessFactory(organisation=org)
    foreign_phase = PhaseFactory(process=ProcessFactory(organisation=org))

    with pytest.raises(DomainError):
        services.post_update(process=process, actor=staff, fields={"title": "x", "body": "y", "phase": foreign_phase})
