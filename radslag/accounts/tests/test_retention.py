"""Retention: an administrator sets a period per kind under a decision; the nightly run destroys what is due."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from radslag.audit.models import AuditEvent, RetentionRule
from radslag.audit.tasks import apply_retention_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def evenings(org, resident):
    """A registration for an evening that ended 100 days ago, one for next week, and an old contribution."""
    process = org.processes.create(title="Dialog om Nol", slug="nol", status="published")
    for days, title in ((-100, "Gammal kväll"), (7, "Kommande kväll")):
        starts = timezone.now() + dt.timedelta(days=days)
        activity = process.activities.create(kind="dialogue_evening", title=title, starts_at=starts,
                                             ends_at=starts + dt.timedelta(hours=2))
        activity.registrations.create(name="Kim", email=f"kim{days}@example.se", status="confirmed")
    old = resident.contributions.create(organisation=org, process=process, channel="web", body="Gammalt inspel")
    type(old).objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=4000))
    return process


def registrations(process):
    return sorted(process.activities.filter(registrations__isnull=False).values_list("title", flat=True))


def set_rule(client, days=90):
    return client.post("/personal/gallring/", {
        "kind": "dialogues.registrations", "dialogues-registrations-period_days": days,
        "dialogues-registrations-decision_reference": "KS 2026/123",
        "dialogues-registrations-decision_date": "2026-03-17"})


def test_an_administrator_sets_a_rule_under_a_decision(client_for, org, admin_user, evenings):
    client = client_for(org, admin_user)

    assert set_rule(client).status_code == 302

    rule = RetentionRule.objects.get()
    assert (rule.kind, rule.period_days, rule.decision_reference) == ("dialogues.registrations", 90, "KS 2026/123")
    assert AuditEvent.objects.filter(action="retention.rule_set").exists()
    page = client.get("/personal/gallring/").content.decode()
    assert "KS 2026/123" in page and "1 post skulle gallras i natt" in page


def test_a_rule_without_a_decision_is_refused_beside_the_field(client_for, org, admin_user):
    response = client_for(org, admin_user).post("/personal/gallring/", {
        "kind": "dialogues.registrations", "dialogues-registrations-period_days": 0})

    assert response.status_code == 200 and not RetentionRule.objects.exists()
    assert "Detta fält måste fyllas i." in response.content.decode()


def test_a_dry_run_counts_and_destroys_nothing(client_for, org, admin_user, evenings, capsys):
    set_rule(client_for(org, admin_user))

    call_command("apply_retention", "--dry-run")

    assert "dialogues.registrations\twould destroy 1" in capsys.readouterr().out
    assert registrations(evenings) == ["Gammal kväll", "Kommande kväll"]


def test_the_run_destroys_what_passed_its_period_and_logs_the_count(client_for, org, admin_user, evenings):
    set_rule(client_for(org, admin_user))

    assert apply_retention_task.delay().get() == 1

    assert registrations(evenings) == ["Kommande kväll"]
    event = AuditEvent.objects.get(action="retention.applied")
    assert event.data["destroyed"] == 1 and event.data["decision_reference"] == "KS 2026/123"


def test_what_no_decision_covers_is_never_destroyed(org, evenings, capsys):
    call_command("apply_retention")

    assert "nothing is destroyed" in capsys.readouterr().out
    assert registrations(evenings) == ["Gammal kväll", "Kommande kväll"]
    assert evenings.contributions.filter(body="Gammalt inspel").exists()


def test_the_schedule_runs_retention_nightly(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["apply-retention"]
    assert entry["task"] == apply_retention_task.name


def test_a_rule_destroys_only_its_own_municipalitys_records(client_for, org, other_org, admin_user, evenings):
    neighbour = other_org.processes.create(title="Grannens dialog", slug="granne", status="published")
    starts = timezone.now() - dt.timedelta(days=100)
    activity = neighbour.activities.create(kind="dialogue_evening", title="Grannens kväll", starts_at=starts,
                                           ends_at=starts + dt.timedelta(hours=2))
    activity.registrations.create(name="Bo", email="bo@example.se", status="confirmed")
    set_rule(client_for(org, admin_user))

    call_command("apply_retention")

    assert registrations(evenings) == ["Kommande kväll"]
    assert registrations(neighbour) == ["Grannens kväll"]


def test_a_rule_without_a_reference_is_refused_by_the_service(org, admin_user):
    from radslag.audit.retention import set_retention_rule
    from radslag.core.errors import DomainError

    with pytest.raises(DomainError, match="diarienummer"):
        set_retention_rule(organisation=org, actor=admin_user, kind_key="dialogues.registrations", period_days=30,
                           decision_reference="  ", decision_date=dt.date(2026, 3, 17))
    assert not RetentionRule.objects.exists()
