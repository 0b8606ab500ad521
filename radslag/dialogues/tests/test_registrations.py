"""Registration for activities: capacity, waiting list, cancellation and promotion, confirmation mail."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from radslag.audit.models import AuditEvent
from radslag.core.errors import DomainError
from radslag.dialogues import services
from radslag.dialogues.models import DialogueProcess, Registration
from radslag.dialogues.tests.factories import ActivityFactory, ProcessFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture
def activity(org):
    return ActivityFactory(process=ProcessFactory(organisation=org), registration_required=True, capacity=2)


def register(activity, n, **kwargs):
    return services.register_for_activity(activity=activity, name=f"Deltagare {n}", email=f"d{n}@example.se", **kwargs)


def test_places_are_confirmed_until_full_then_waiting_list(activity):
    statuses = [register(activity, n).status for n in range(4)]

    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITING, Status.WAITING]
    assert services.places_left(activity) == 0


def test_cancelling_a_place_promotes_the_first_on_the_waiting_list(activity, django_capture_on_commit_callbacks):
    first, _second, waiting_first, waiting_second = [register(activity, n) for n in range(4)]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_registration(registration=first, site_url="https://ale.example.se")

    assert promoted == waiting_first
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {"d0@example.se": Status.CANCELLED, "d1@example.se": Status.CONFIRMED,
                        "d2@example.se": Status.CONFIRMED, "d3@example.se": Status.WAITING}
    assert waiting_second.email not in [m.to[0] for m in mail.outbox]
    assert mail.outbox[0].to == ["d2@example.se"] and "Du har fått en plats" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="registration.promoted").count() == 1


def test_cancelling_from_the_waiting_list_promotes_no_one(activity):
    [register(activity, n) for n in range(3)]
    waiting = Registration.objects.get(status=Status.WAITING)

    assert services.cancel_registration(registration=waiting) is None
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 2


def test_confirmation_mail_is_sent_on_commit_in_swedish(activity, django_capture_on_commit_callbacks,
                                                     steady_signing_clock):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        registration = register(activity, 1, site_url="https://ale.example.se")
    assert mail.outbox == []  # nothing is sent before the transaction commits

    for callback in callbacks:
        callback()

    message = mail.outbox[0]
    assert message.to == ["d1@example.se"]
    assert message.subject == f"Du är anmäld: {activity.title}"
    assert "https://ale.example.se" + services.cancellation_url(registration) in message.body
    assert "Hej Deltagare 1" in message.body


def test_the_same_address_cannot_register_twice(activity):
    register(activity, 1)

    with pytest.raises(DomainError):
        services.register_for_activity(activity=activity, name="Igen", email="D1@example.se")


def test_registration_is_refused_when_not_required_closed_or_started(org):
    activity = ActivityFactory(process=ProcessFactory(organisation=org), registration_required=False)
    with pytest.raises(DomainError):
        register(activity, 1)
    closed = ActivityFactory(registration_required=True,
                             process=ProcessFactory(organisation=org, status=DialogueProcess.Status.CLOSED))
    with pytest.raises(DomainError):
        register(closed, 1)
    started = ActivityFactory(process=ProcessFactory(organisation=org), registration_required=True,
                              starts_at=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(DomainError):
        register(started, 1)


def test_a_cancellation_token_only_opens_its_own_registration(activity, org):
    registration = register(activity, 1)
    token = services.cancellation_token(registration)
    other_activity = ActivityFactory(process=activity.process, registration_required=True)

    assert services.registration_for_token(activity, token) == registration
    assert services.registration_for_token(other_activity, token) is None
    assert services.registration_for_token(activity, token[:-2] + "xx") is None


def test_registration_is_recorded_in_the_audit_log_without_the_address(activity):
    register(activity, 1)

    event = AuditEvent.objects.get(action="registration.created")
    assert "d1@example.se" not in str(event.data) + event.object_repr
