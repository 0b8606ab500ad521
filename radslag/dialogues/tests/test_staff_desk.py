"""What a new member of staff trips over when planning: addresses, phase numbers, table hosts, and what a
resident sees after registering."""

from __future__ import annotations

import pytest
from django.urls import reverse

from radslag.accounts.tests.factories import UserFactory, user_with_role
from radslag.core.models import Role
from radslag.dialogues import services
from radslag.dialogues.addresses import free_process_slug, slug_from_title
from radslag.dialogues.models import DialogueProcess, Registration, Table
from radslag.dialogues.templatetags.dialogues_tags import where
from radslag.dialogues.tests.factories import ActivityFactory, PhaseFactory, ProcessFactory, TableFactory
from radslag.organisations.tests.factories import LocalityFactory

pytestmark = pytest.mark.django_db


def create(client, **fields):
    return client.post(reverse("dialogues:process_create"), {"accepts_online_input": "on", **fields})


def test_slug_spells_swedish_letters_as_an_address_would():
    assert slug_from_title("Mötesplatser i Nödinge – Ålafors & Älvängen!") == "motesplatser-i-nodinge-alafors-alvangen"
    assert slug_from_title("Ærø og Øresund") == "aero-og-oresund"
    assert slug_from_title("!!!") == ""


def test_empty_short_name_is_made_from_the_title(org, staff, client_for):
    response = create(client_for(org, staff), title="Mötesplatser i Nödinge", slug="")

    assert response.status_code == 302
    assert DialogueProcess.objects.get().slug == "motesplatser-i-nodinge"


def test_a_second_process_with_the_same_title_gets_a_free_address(org, other_org, staff, client_for):
    ProcessFactory(organisation=org, slug="trygga-strak")
    ProcessFactory(organisation=org, slug="trygga-strak-2")
    ProcessFactory(organisation=other_org, slug="trygga-strak-3")  # another municipality's does not count

    create(client_for(org, staff), title="Trygga stråk", slug="")

    assert DialogueProcess.objects.filter(organisation=org).latest("pk").slug == "trygga-strak-3"
    assert free_process_slug(organisation=other_org, title="Trygga stråk") == "trygga-strak"


def test_a_typed_short_name_is_kept_and_spelled_as_an_address(org, staff, client_for):
    create(client_for(org, staff), title="Trygga stråk", slug="Stråk i Älvängen")

    assert DialogueProcess.objects.get().slug == "strak-i-alvangen"


def test_a_typed_short_name_already_in_use_is_refused_in_swedish(org, staff, client_for):
    ProcessFactory(organisation=org, slug="trygga-strak")

    response = create(client_for(org, staff), title="Nytt", slug="trygga-strak")

    assert "En annan process använder redan detta kortnamn. Välj ett annat" in response.content.decode()
    assert DialogueProcess.objects.count() == 1


def test_the_form_shows_the_address_the_page_will_get(org, staff, client_for):
    process = ProcessFactory(organisation=org, slug="motesplatser-i-nodinge")

    page = client_for(org, staff).get(reverse("dialogues:process_edit", kwargs={"pk": process.pk})).content.decode()

    assert "http://ale.example.se/dialoger/<strong" in page and ">motesplatser-i-nodinge</strong>/" in page


def test_a_new_phase_is_numbered_after_the_last(org, staff, client_for):
    process = ProcessFactory(organisation=org)
    PhaseFactory(process=process, order=1)
    PhaseFactory(process=process, order=2)
    client = client_for(org, staff)

    page = client.get(reverse("dialogues:phase_list", kwargs={"pk": process.pk})).content.decode()
    assert 'name="order" value="3"' in page
    phase = process.phases.get(order=1)
    editing = client.get(reverse("dialogues:phase_edit", kwargs={"pk": process.pk, "phase_pk": phase.pk}))
    assert 'name="order" value="1"' in editing.content.decode()


def table_url(activity, table=None):
    kwargs = {"pk": activity.process.pk, "activity_pk": activity.pk}
    if table is None:
        return reverse("dialogues:table_create", kwargs=kwargs)
    return reverse("dialogues:table_edit", kwargs={**kwargs, "table_pk": table.pk})


def test_a_fourth_table_can_be_added_with_its_host_not_decided_yet(org, staff, client_for):
    activity = ActivityFactory(process=ProcessFactory(organisation=org))
    for number in (1, 2, 3):
        TableFactory(activity=activity, name=f"Bord {number}", host_name="Värd")
    client = client_for(org, staff)

    page = client.get(table_url(activity)).content.decode()
    assert "Inte bestämt än" in page
    response = client.post(table_url(activity), {"name": "Bord 4", "host": "later"})

    assert response.status_code == 302
    table = Table.objects.get(name="Bord 4")
    assert table.host is None and table.host_name == ""
    edit_page = client.get(table_url(activity, table)).content.decode()
    assert '<option value="later" selected>' in edit_page  # saving again keeps it open


def test_the_host_list_offers_people_with_a_role_and_registered_residents_by_name_and_address(
    org, other_org, staff, resident, client_for,
):
    activity = ActivityFactory(process=ProcessFactory(organisation=org), registration_required=True)
    official = user_with_role(org, Role.OFFICIAL, display_name="Olle Ordförande", email="olle@ale.se")
    registered = user_with_role(org, Role.RESIDENT, display_name="Rita Resident", email="rita@example.se")
    Registration.objects.create(activity=activity, user=registered, name="Rita", email="rita@example.se",
                                status=Registration.Status.CONFIRMED)
    user_with_role(other_org, Role.STAFF, display_name="Granne Grannsson", email="granne@granne.se")

    page = client_for(org, staff).get(table_url(activity)).content.decode()

    assert f"{staff.display_name} (staff@ale.example.se)" in page
    assert "Olle Ordförande (olle@ale.se)" in page and "Rita Resident (rita@example.se)" in page
    assert '<optgroup label="Förtroendevalda">' in page and '<optgroup label="Anmälda till aktiviteten">' in page
    assert resident.email not in page  # a resident who did not register is not offered
    assert "Granne Grannsson" not in page
    assert official.pk


def test_a_host_from_outside_the_list_is_refused(org, staff, client_for):
    activity = ActivityFactory(process=ProcessFactory(organisation=org))

    response = client_for(org, staff).post(table_url(activity), {"name": "Bord 1", "host": UserFactory().pk})

    assert response.status_code == 200 and not Table.objects.exists()


def activity_url(activity):
    return reverse("dialogues:activity_detail", kwargs={"slug": activity.process.slug, "pk": activity.pk})


def test_a_signed_in_resident_finds_their_name_and_address_filled_in(org, client_for):
    resident = user_with_role(org, Role.RESIDENT, display_name="Anna Berg", email="anna@example.se")
    activity = ActivityFactory(process=ProcessFactory(organisation=org), registration_required=True)

    page = client_for(org, resident).get(activity_url(activity)).content.decode()

    assert 'value="Anna Berg"' in page and 'value="anna@example.se"' in page


def test_after_registering_the_page_shows_the_registration_and_how_to_cancel_instead_of_the_form(org, client_for,
                                                                                             steady_signing_clock):
    activity = ActivityFactory(process=ProcessFactory(organisation=org), registration_required=True)
    client = client_for(org)

    response = client.post(activity_url(activity), {"name": "Bo Ek", "email": "bo@example.se", "needs": ""},
                           follow=True)

    page = response.content.decode()
    registration = Registration.objects.get()
    assert "Du är anmäld" in page and "Anmäld som Bo Ek, bo@example.se." in page
    assert services.cancellation_url(registration) in page
    assert 'name="email"' not in page
    assert 'name="email"' in client_for(org).get(activity_url(activity)).content.decode()  # another browser
    assert 'name="email"' in client.get(activity_url(activity) + "?ny=1").content.decode()


def test_a_cancelled_registration_brings_the_form_back(org, client_for):
    activity = ActivityFactory(process=ProcessFactory(organisation=org), registration_required=True)
    client = client_for(org)
    client.post(activity_url(activity), {"name": "Bo Ek", "email": "bo@example.se"})

    services.cancel_registration(registration=Registration.objects.get())

    assert 'name="email"' in client.get(activity_url(activity)).content.decode()


@pytest.mark.parametrize(("place", "locality", "shown"), [
    ("Nödinge", "Nödinge", "Nödinge"),
    ("Ale gymnasium, Nödinge", "Nödinge", "Ale gymnasium, Nödinge"),
    ("Nödinge bibliotek", "nödinge", "Nödinge bibliotek"),
    ("Medborgarhuset", "Nödinge", "Medborgarhuset, Nödinge"),
    ("Nödingevägen 2", "Nödinge", "Nödingevägen 2, Nödinge"),  # a street named after the place is not the place
    ("", "Nödinge", "Nödinge"),
    ("Medborgarhuset", None, "Medborgarhuset"),
])
def test_the_locality_is_not_repeated_when_the_place_already_names_it(org, place, locality, shown):
    activity = ActivityFactory(process=ProcessFactory(organisation=org), place=place,
                               locality=LocalityFactory(organisation=org, name=locality) if locality else None)

    assert where(activity) == shown
