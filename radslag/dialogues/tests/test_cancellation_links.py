"""Cancellation links are signed, expire when the activity starts or after a year, and never show the address."""

import base64
import datetime as dt

import pytest
from django.core import signing
from django.utils import timezone

from radslag.dialogues import services
from radslag.dialogues.models import Registration
from radslag.dialogues.tests.factories import ActivityFactory, ProcessFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(org):
    return ActivityFactory(process=ProcessFactory(organisation=org), registration_required=True,
                           starts_at=timezone.now() + dt.timedelta(days=10),
                           ends_at=timezone.now() + dt.timedelta(days=10, hours=2))


@pytest.fixture
def anna(activity):
    return services.register_for_activity(activity=activity, name="Anna", email="anna@example.se")


def decoded(token):
    head = token.split(":")[0]
    return base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)).decode("latin-1")


def test_the_link_does_not_carry_the_address(anna):
    url = services.cancellation_url(anna)

    assert "anna@example.se" not in url and "anna" not in decoded(url.rstrip("/").split("/")[-1])


def test_a_genuine_link_opens_the_cancel_page(org, client_for, anna):
    response = client_for(org).get(services.cancellation_url(anna))

    assert response.status_code == 200 and "Avboka anmälan" in response.content.decode()


def test_a_link_older_than_its_maximum_age_gets_a_swedish_expiry_page(org, client_for, anna, monkeypatch):
    url = services.cancellation_url(anna)
    later = timezone.now().timestamp() + services.registrations.CANCEL_LINK_MAX_AGE.total_seconds() + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)

    response = client_for(org).get(url)

    assert response.status_code == 410
    assert "Avbokningslänken har gått ut." in response.content.decode()
    assert client_for(org).post(url).status_code == 410
    assert Registration.objects.get(pk=anna.pk).status == "confirmed"


def test_a_link_stops_working_when_the_activity_starts(org, client_for, activity, anna):
    url = services.cancellation_url(anna)
    type(activity).objects.filter(pk=activity.pk).update(starts_at=timezone.now() - dt.timedelta(minutes=1))

    response = client_for(org).post(url)

    assert response.status_code == 410 and "Aktiviteten har börjat" in response.content.decode()
    assert Registration.objects.get(pk=anna.pk).status == "confirmed"


def test_a_tampered_link_gets_a_swedish_page_not_an_error(org, client_for, anna):
    url = services.cancellation_url(anna)
    token = url.rstrip("/").split("/")[-1]
    forged = signing.TimestampSigner(salt="wrong").sign_object({"r": anna.pk, "a": "0" * 16})

    for bad in (token[:-4] + "abcd", forged, "x", token.replace(":", "")):
        response = client_for(org).get(url.replace(token, bad))
        assert response.status_code == 404
        assert "Avbokningslänken är inte giltig." in response.content.decode()


def test_an_old_style_link_with_the_address_no_longer_works(org, client_for, anna):
    old = signing.dumps({"registration": anna.pk, "email": anna.email},
                        salt="radslag.dialogues.registration.cancel")
    url = services.cancellation_url(anna)
    token = url.rstrip("/").split("/")[-1]

    assert client_for(org).get(url.replace(token, old)).status_code == 404


def test_a_changed_address_voids_the_link(anna):
    token = services.cancellation_token(anna)
    Registration.objects.filter(pk=anna.pk).update(email="ny@example.se")

    assert services.registration_for_token(anna.activity, token) is None
