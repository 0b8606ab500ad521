"""The activity page: details, registration form, waiting list and cancellation link."""

import pytest
from django.urls import reverse

from radslag.dialogues import services
from radslag.dialogues.models import Registration
from radslag.dialogues.tests.factories import ActivityFactory, ProcessFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(org):
    return ActivityFactory(process=ProcessFactory(organisation=org), registration_required=True, capacity=1,
                           accessibility_info="Hörslinga och entré utan trappsteg.")


def url(activity):
    return reverse("dialogues:activity_detail", kwargs={"slug": activity.process.slug, "pk": activity.pk})


def test_activity_page_shows_place_accessibility_and_places_left(org, client_for, activity):
    page = client_for(org).get(url(activity)).content.decode()

    assert "Ale gymnasium, Nödinge" in page
    assert "Hörslinga och entré utan trappsteg." in page
    assert "1 av 1 platser kvar" in page


def test_registering_confirms_then_puts_the_next_on_the_waiting_list(org, client_for, activity):
    client = client_for(org)
    first = client.post(url(activity), {"name": "Anna", "email": "anna@example.se"}, follow=True)
    second = client.post(url(activity), {"name": "Bo", "email": "bo@example.se"}, follow=True)

    assert "Du är anmäld" in first.content.decode()
    assert "väntelistan" in second.content.decode()
    assert list(Registration.objects.values_list("status", flat=True)) == ["confirmed", "waiting"]


def test_registration_form_errors_are_shown_in_swedish(org, client_for, activity):
    response = client_for(org).post(url(activity), {"name": "", "email": "inte-en-adress"})

    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page and "Fyll i en giltig e-postadress." in page
    assert not Registration.objects.exists()


def test_cancellation_link_frees_the_place_for_the_waiting_list(org, client_for, activity):
    anna = services.register_for_activity(activity=activity, name="Anna", email="anna@example.se")
    services.register_for_activity(activity=activity, name="Bo", email="bo@example.se")
    cancel = services.cancellation_url(anna)
    client = client_for(org)

    assert "Avboka anmälan" in client.get(cancel).content.decode()
    response = client.post(cancel, follow=True)

    assert "Din anmälan är avbokad" in response.content.decode()
    assert Registration.objects.get(email="bo@example.se").status == "confirmed"


def test_a_tampered_cancellation_link_is_404(org, client_for, activity):
    anna = services.register_for_activity(activity=activity, name="Anna", email="anna@example.se")

    assert client_for(org).get(services.cancellation_url(anna)[:-3] + "xx/").status_code == 404
