"""Registration mail reaches a real SMTP server, in Swedish, with a working cancellation link."""

import pytest

from radslag.dialogues import services
from radslag.dialogues.tests.factories import ActivityFactory, ProcessFactory

pytestmark = pytest.mark.django_db


def test_confirmation_and_promotion_mails_are_delivered_over_smtp(org, smtp_server, django_capture_on_commit_callbacks):
    activity = ActivityFactory(process=ProcessFactory(organisation=org), registration_required=True, capacity=1,
                               title="Dialogkväll i Nol")
    with django_capture_on_commit_callbacks(execute=True):
        first = services.register_for_activity(activity=activity, name="Anna", email="anna@example.se",
                                               site_url="http://ale.example.se")
    with django_capture_on_commit_callbacks(execute=True):
        services.register_for_activity(activity=activity, name="Bo", email="bo@example.se",
                                       site_url="http://ale.example.se")
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=first, site_url="http://ale.example.se")

    recipients = [m["to"] for m in smtp_server.messages]
    assert recipients[0] == ["anna@example.se"]
    assert ["bo@example.se"] in recipients[1:]
    confirmation = smtp_server.messages[0]
    assert "Dialogkväll i Nol" in confirmation["subject"] or "Dialogkväll i Nol" in confirmation["body"]
    assert "http://ale.example.se/dialoger/" in confirmation["body"]
    assert "avboka" in confirmation["body"]


def test_a_refused_address_still_leaves_the_registration_stored(org, smtp_server, django_capture_on_commit_callbacks):
    activity = ActivityFactory(process=ProcessFactory(organisation=org), registration_required=True)
    smtp_server.refused.add("stavfel@example.se")
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register_for_activity(activity=activity, name="Anna", email="stavfel@example.se",
                                                      site_url="http://ale.example.se")
    assert activity.registrations.get(pk=registration.pk).email == "stavfel@example.se"
    assert smtp_server.messages == []
