"""The audit log is a hash chain the database guards: edits outside the application are refused or detected."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from radslag.audit.chain import verify_chain
from radslag.audit.models import GENESIS_HASH, AuditEvent
from radslag.audit.services import record_event

pytestmark = pytest.mark.django_db


def write_events(org, actor, count=5):
    return [record_event(organisation=org, actor=actor, action=f"test.{n}", data={"n": n, "ord": "åäö"})
            for n in range(count)]


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def without_guard(sql, params=()):
    """Edit the table as someone with direct database access would, with the trigger switched off."""
    if connection.vendor == "postgresql":
        raw("SET LOCAL session_replication_role = replica")  # a superuser's way round ordinary triggers
        raw(sql, params)
        raw("SET LOCAL session_replication_role = DEFAULT")
    else:
        raw("DROP TRIGGER audit_event_no_update")
        raw(sql, params)


def test_each_event_links_to_the_one_before(org, admin_user):
    first, second, *_ = write_events(org, admin_user)

    assert (first.sequence, first.previous_hash) == (1, GENESIS_HASH)
    assert (second.sequence, second.previous_hash) == (2, first.hash)
    assert AuditEvent.objects.get(pk=second.pk).computed_hash() == second.hash
    assert verify_chain().intact


def test_verify_audit_reports_an_intact_chain(org, admin_user, capsys):
    write_events(org, admin_user)

    call_command("verify_audit")

    assert "intact: 5 events" in capsys.readouterr().out


def test_a_raw_update_is_refused_by_the_database(org, admin_user):
    event = write_events(org, admin_user, 1)[0]

    with pytest.raises(DatabaseError), transaction.atomic():
        raw("UPDATE audit_auditevent SET reason = 'efterhand' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


def test_an_edit_with_the_trigger_off_is_found_by_verify_audit(org, admin_user):
    events = write_events(org, admin_user)
    without_guard("UPDATE audit_auditevent SET object_repr = 'något annat' WHERE id = %s", [events[2].pk])

    report = verify_chain()
    assert report.first_break.sequence == 3 and "changed" in report.first_break.problem
    with pytest.raises(CommandError, match="broken at event #3") as failure:
        call_command("verify_audit")
    assert failure.value.returncode == 1


def test_rewriting_an_event_with_a_fresh_hash_breaks_the_next_link(org, admin_user):
    events = write_events(org, admin_user)
    forged = AuditEvent.objects.get(pk=events[1].pk)
    forged.reason = "tillagt i efterhand"
    without_guard("UPDATE audit_auditevent SET reason = %s, hash = %s WHERE id = %s",
                  [forged.reason, forged.computed_hash(), forged.pk])

    assert verify_chain().first_break.sequence == 3


def test_the_account_of_an_actor_can_be_deleted_and_the_chain_stays_intact(org):
    person = get_user_model().objects.create_user("tillfallig@ale.example.se")
    event = record_event(organisation=org, actor=person, action="test.actor")

    person.delete()

    kept = AuditEvent.objects.get(pk=event.pk)
    assert kept.actor_id is None and kept.actor_label == "tillfallig@ale.example.se"
    assert verify_chain().intact


@pytest.mark.postgres
def test_a_raw_delete_is_refused_on_postgresql(org, admin_user):
    event = write_events(org, admin_user, 1)[0]

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.postgres
def test_a_deleted_event_in_the_middle_is_found(org, admin_user):
    events = write_events(org, admin_user)
    without_guard("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])

    report = verify_chain()
    assert report.first_break.sequence == 3 and "missing" in report.first_break.problem


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain(org, admin_user):
    failures = []

    def writer(number):
        try:
            for n in range(15):
                with transaction.atomic():
                    record_event(organisation=org, actor=None, action=f"parallel.{number}.{n}")
        except Exception as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(number,)) for number in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert list(AuditEvent.objects.order_by("sequence").values_list("sequence", flat=True)) == list(range(1, 91))
    assert verify_chain().intact
