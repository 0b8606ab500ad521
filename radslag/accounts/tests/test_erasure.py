"""A resident asks for erasure; an administrator sees what each kind would do, decides, and the person is told."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from radslag.accounts.models import User
from radslag.audit.chain import verify_chain
from radslag.audit.models import AuditEvent, ErasureRequest

pytestmark = pytest.mark.django_db

STAFF_URLS = ["/personal/radering/", "/personal/gallring/"]


@pytest.fixture
def involved(org, resident):
    """The resident sent a contribution and registered for an evening."""
    resident.display_name, resident.age_band = "Kim Svensson", "30-44"
    resident.save()
    process = org.processes.create(title="Dialog om Nol", slug="nol", status="published")
    resident.contributions.create(organisation=org, process=process, channel="web", body="Fler bänkar längs älven")
    starts = timezone.now() + dt.timedelta(days=3)
    activity = process.activities.create(kind="dialogue_evening", title="Kväll i Nol", starts_at=starts,
                                         ends_at=starts + dt.timedelta(hours=2))
    activity.registrations.create(user=resident, name="Kim", email=resident.email, needs="Hörslinga",
                                  status="confirmed")
    return resident


def file(client_for, org, person, message="Radera allt"):
    return client_for(org, person).post("/mina-uppgifter/radering/", {"message": message}, follow=True)


def test_my_data_lists_every_kind_of_record_with_what_erasure_does(client_for, org, involved):
    page = client_for(org, involved).get("/mina-uppgifter/").content.decode()

    for label in ("Konto och profil", "Inspel", "Anmälningar till aktiviteter", "Medlemskap i medborgarpanelen",
                  "Röster lagda som inloggad", "Logg över vad som gjorts i systemet"):
        assert label in page
    assert "Sparas som allmän handling" in page


def test_a_resident_files_one_request_at_a_time(client_for, org, involved):
    response = file(client_for, org, involved)

    assert "Din begäran om radering har tagits emot" in response.content.decode()
    request = ErasureRequest.objects.get()
    assert (request.email, request.message, request.status) == (involved.email, "Radera allt", "received")
    again = file(client_for, org, involved).content.decode()
    assert "Du har redan begärt radering" in again
    assert ErasureRequest.objects.count() == 1


def test_signed_out_visitors_cannot_file_and_are_sent_to_sign_in(client_for, org):
    response = client_for(org).post("/mina-uppgifter/radering/", {"message": ""})
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")
    assert not ErasureRequest.objects.exists()


@pytest.mark.parametrize("person", ["resident", "staff", "moderator"])
def test_only_administrators_open_the_staff_pages(client_for, org, person, request, involved):
    file(client_for, org, involved)
    user = request.getfixturevalue(person)
    for url in [*STAFF_URLS, f"/personal/radering/{ErasureRequest.objects.get().pk}/"]:
        assert client_for(org, user).get(url).status_code == 403
    page = client_for(org, user).get("/personal/").content.decode() if person != "resident" else ""
    assert "/personal/radering/" not in page and "/personal/gallring/" not in page


def test_administrators_find_the_pages_from_the_staff_start_page(client_for, org, admin_user):
    page = client_for(org, admin_user).get("/personal/").content.decode()
    assert 'href="/personal/radering/"' in page and 'href="/personal/gallring/"' in page


def test_another_municipalitys_administrator_cannot_open_the_request(client_for, org, other_org, involved):
    from radslag.accounts.models import Role
    from radslag.accounts.tests.factories import user_with_role

    file(client_for, org, involved)
    foreign_admin = user_with_role(other_org, Role.ADMIN, email="admin@granne.example.se")
    url = f"/personal/radering/{ErasureRequest.objects.get().pk}/"
    assert client_for(other_org, foreign_admin).get(url).status_code == 404


def test_the_administrator_sees_what_would_be_erased_kept_and_why(client_for, org, admin_user, involved):
    file(client_for, org, involved)
    page = client_for(org, admin_user).get(f"/personal/radering/{ErasureRequest.objects.get().pk}/").content.decode()

    assert "Radera allt" in page
    assert "Inspel" in page and "allmän handling" in page
    assert "Raderas" in page


def test_carrying_out_erases_what_may_be_erased_keeps_records_and_tells_the_person(
        client_for, org, admin_user, involved, django_capture_on_commit_callbacks):
    file(client_for, org, involved)
    request = ErasureRequest.objects.get()
    address = involved.email
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(org, admin_user).post(f"/personal/radering/{request.pk}/", {
            "decision": "carry_out", "note": "Vi har raderat det vi får."})

    assert response.status_code == 302
    person = User.objects.get(pk=involved.pk)
    assert not person.is_active and person.email != address and person.display_name == "" and not person.age_band
    assert not person.has_usable_password()
    assert not org.processes.get().activities.get().registrations.exists()
    assert person.contributions.get().body == "Fler bänkar längs älven"
    [message] = mail.outbox
    assert message.to == [address]
    assert "Inspel (1): Sparas som allmän handling" in message.body
    assert "arkivlagen" in message.body and "Vi har raderat det vi får." in message.body
    request.refresh_from_db()
    assert request.status == "completed"
    event = AuditEvent.objects.get(action="erasure.completed")
    assert address not in str(event.data) + event.object_repr
    assert verify_chain().intact


def test_a_refusal_needs_a_reason_and_the_person_is_told_it(client_for, org, admin_user, involved,
                                                            django_capture_on_commit_callbacks):
    file(client_for, org, involved)
    url = f"/personal/radering/{ErasureRequest.objects.get().pk}/"
    client = client_for(org, admin_user)

    without = client.post(url, {"decision": "refuse", "note": ""})
    assert without.status_code == 200 and "Skriv varför begäran avslås" in without.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "refuse", "note": "Vi kunde inte bekräfta vem du är."})

    assert ErasureRequest.objects.get().status == "refused"
    assert User.objects.get(pk=involved.pk).is_active
    assert "Vi kunde inte bekräfta vem du är." in mail.outbox[-1].body
