"""Retention of the audit log itself removes the oldest events and leaves a checkpoint the chain links to."""

import datetime as dt

import pytest
from django.utils import timezone

from radslag.audit.chain import CHECKPOINT_ACTION, verify_chain
from radslag.audit.models import AuditEvent
from radslag.audit.retention import destroy_audit_events_before
from radslag.audit.services import record_event

pytestmark = pytest.mark.django_db


def test_destroying_the_oldest_events_keeps_the_chain_verifiable(org, admin_user):
    for n in range(4):
        record_event(organisation=org, actor=admin_user, action=f"old.{n}")
    cutoff = timezone.now() + dt.timedelta(microseconds=1)
    record_event(organisation=org, actor=admin_user, action="kept")
    AuditEvent.objects.filter(action="kept").first()  # written after the cutoff
    later = [e for e in AuditEvent.objects.order_by("sequence") if e.at >= cutoff]

    destroyed = destroy_audit_events_before(cutoff=cutoff, decision_reference="KS 2026/9")

    assert destroyed == 5 - len(later)
    checkpoint = AuditEvent.objects.get(action=CHECKPOINT_ACTION)
    assert checkpoint.data["through_sequence"] == destroyed
    assert verify_chain().intact
    record_event(organisation=org, actor=admin_user, action="after")
    assert verify_chain().intact


def test_without_a_checkpoint_a_missing_start_is_reported(org, admin_user):
    for n in range(3):
        record_event(organisation=org, actor=admin_user, action=f"old.{n}")
    from django.db import connection

    if connection.vendor == "postgresql":
        pytest.skip("the trigger refuses the delete; covered by test_chain")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE sequence = 1")

    assert verify_chain().first_break.sequence == 2
