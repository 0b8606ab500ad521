"""Typing in paper slips, table notes, interview stories and letters."""

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django.utils import timezone

from radslag.accounts.tests.factories import UserFactory
from radslag.audit.models import AuditEvent
from radslag.contributions.models import Channel, Contribution
from radslag.dialogues.tests.factories import ActivityFactory, TableFactory

pytestmark = pytest.mark.django_db


def url(process):
    return reverse("contributions:bulk_entry", kwargs={"pk": process.pk})


def test_page_is_keyboard_first_and_works_without_script(client_for, org, staff, process, activity):
    page = client_for(org, staff).get(url(process)).content.decode()
    assert "Mata in inspel" in page
    assert "autofocus" in page
    assert "bulk_entry.js" in page
    assert '<button type="submit" class="button">Spara</button>' in page
    assert "Enter sparar" in page


def test_selection_stays_between_entries_and_twenty_are_saved(client_for, org, staff, process, activity, table):
    client = client_for(org, staff)
    selection = {"activity": activity.pk, "table": table.pk, "channel": Channel.SLIP}
    response = client.post(url(process), {**selection, "body": "Lapp 1"})
    assert response.status_code == 302
    kept = parse_qs(urlparse(response["Location"]).query)
    assert kept == {"activity": [str(activity.pk)], "table": [str(table.pk)], "channel": ["slip"]}
    page = client.get(response["Location"]).content.decode()
    assert f'<option value="{activity.pk}" selected>' in page
    assert f'<option value="{table.pk}" selected>' in page
    assert '<option value="slip" selected>' in page
    for number in range(2, 21):
        client.post(url(process), {**selection, "body": f"Lapp {number}\nmed två rader"})
    entries = Contribution.objects.filter(process=process)
    assert entries.count() == 20
    assert set(entries.values_list("activity", "table", "channel", "entered_by")) == {
        (activity.pk, table.pk, "slip", staff.pk)
    }
    assert entries.filter(status=Contribution.Status.PENDING).count() == 20
    assert AuditEvent.objects.filter(action="contribution.entered").count() == 20
    page = client.get(response["Location"]).content.decode()
    assert "Du har matat in 20 inspel i den här dialogen." in page
    assert "Lapp 20" in page


def test_entries_are_published_at_once_without_rules(client_for, org, staff, process):
    process.moderation_rules = ""
    process.save()
    client_for(org, staff).post(url(process), {"channel": Channel.LETTER, "body": "Brev från en pensionär."})
    entry = Contribution.objects.get()
    assert entry.status == Contribution.Status.PUBLISHED
    assert entry.activity is None


def test_profile_can_be_given_per_entry(client_for, org, staff, process, locality):
    client_for(org, staff).post(url(process), {
        "channel": Channel.SLIP, "body": "Fler busslinjer.",
        "age_band": "65-79", "sex": "male", "locality": locality.pk,
    })
    entry = Contribution.objects.get()
    assert (entry.age_band, entry.sex, entry.locality) == ("65-79", "male", locality)


def test_empty_entry_is_refused_and_keeps_the_selection(client_for, org, staff, process, activity):
    response = client_for(org, staff).post(url(process), {"activity": activity.pk, "channel": "slip", "body": "  "})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Skriv ditt inspel innan du skickar det." in page
    assert f'<option value="{activity.pk}" selected>' in page
    assert not Contribution.objects.exists()


def test_web_channel_cannot_be_typed_in(client_for, org, staff, process):
    client_for(org, staff).post(url(process), {"channel": Channel.WEB, "body": "Hej"})
    assert not Contribution.objects.exists()


def test_table_host_may_enter_for_their_activity(client_for, org, process, activity):
    host = UserFactory()
    table = TableFactory(activity=activity, host=host)
    client = client_for(org, host)
    assert client.get(url(process)).status_code == 200
    response = client.post(url(process), {"activity": activity.pk, "table": table.pk, "channel": "table_note",
                                          "body": "Vi pratade om trygghet på kvällen."})
    assert response.status_code == 302
    assert Contribution.objects.get().entered_by == host


def test_table_host_may_not_enter_for_another_activity(client_for, org, process, activity):
    host = UserFactory()
    TableFactory(activity=activity, host=host)
    other_activity = ActivityFactory(process=process)
    response = client_for(org, host).post(url(process), {"activity": other_activity.pk, "channel": "slip",
                                                          "body": "Hej"})
    assert response.status_code == 200
    assert not Contribution.objects.exists()


def test_ordinary_resident_gets_403(client_for, org, process, resident):
    client = client_for(org, resident)
    assert client.get(url(process)).status_code == 403
    assert client.post(url(process), {"channel": "slip", "body": "Hej"}).status_code == 403
    assert not Contribution.objects.exists()


def test_signed_out_visitor_is_sent_to_sign_in(client_for, org, process):
    response = client_for(org).get(url(process))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_undo_deletes_own_recent_entry_and_is_audited(client_for, org, staff, process):
    client = client_for(org, staff)
    client.post(url(process), {"channel": "slip", "body": "Dubbelinmatad lapp"})
    entry = Contribution.objects.get()
    response = client.post(reverse("contributions:bulk_undo", kwargs={"pk": process.pk, "contribution_pk": entry.pk}),
                           {"channel": "slip"})
    assert response.status_code == 302
    assert response["Location"].endswith("?channel=slip")
    assert not Contribution.objects.exists()
    event = AuditEvent.objects.get(action="contribution.entry_undone")
    assert event.data["body"] == "Dubbelinmatad lapp"


def test_undo_after_ten_minutes_is_refused(client_for, org, staff, process):
    client = client_for(org, staff)
    client.post(url(process), {"channel": "slip", "body": "Gammal lapp"})
    entry = Contribution.objects.get()
    Contribution.objects.filter(pk=entry.pk).update(created_at=timezone.now() - dt.timedelta(minutes=11))
    undo = reverse("contributions:bulk_undo", kwargs={"pk": process.pk, "contribution_pk": entry.pk})
    assert undo not in client.get(url(process)).content.decode()
    response = client.post(undo, follow=True)
    assert "kan bara ångras inom 10 minuter" in response.content.decode()
    assert Contribution.objects.filter(pk=entry.pk).exists()


def test_undo_of_someone_elses_entry_is_404(client_for, org, staff, process):
    other = UserFactory()
    from radslag.accounts.models import Membership, Role

    Membership.objects.create(user=other, organisation=org, role=Role.STAFF)
    client_for(org, other).post(url(process), {"channel": "slip", "body": "Någon annans lapp"})
    entry = Contribution.objects.get()
    undo = reverse("contributions:bulk_undo", kwargs={"pk": process.pk, "contribution_pk": entry.pk})
    assert client_for(org, staff).post(undo).status_code == 404
    assert Contribution.objects.filter(pk=entry.pk).exists()
