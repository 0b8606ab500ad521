"""When an activity moves, grows or is called off, the people registered hear about it by e-mail."""

import datetime as dt

import pytest
from django.utils import formats, timezone, translation

from radslag.audit.models import AuditEvent
from radslag.core.errors import DomainError
from radslag.dialogues import services
from radslag.dialogues.models import Registration
from radslag.dialogues.tests.factories import ActivityFactory, ProcessFactory

pytestmark = pytest.mark.django_db
SITE = "http://ale.example.se"


@pytest.fixture
def activity(org):
    return ActivityFactory(process=ProcessFactory(organisation=org), registration_required=True, capacity=2,
                           title="Dialogkväll i Nol", place="Nols skola, matsalen")


def register(activity, *names):
    return [services.register_for_activity(activity=activity, name=name, email=f"{name.lower()}@example.se",
                                           site_url=SITE) for name in names]


def fields_of(activity, **changes):
    names = ["kind", "title", "description", "phase", "starts_at", "ends_at", "place", "locality",
             "accessibility_info", "registration_required", "capacity", "attendance_count"]
    return {**{name: getattr(activity, name) for name in names}, **changes}


def test_a_new_time_and_place_are_mailed_to_everyone_registered_or_waiting(
    activity, staff, smtp_server, django_capture_on_commit_callbacks
):
    _anna, bo, _cecilia = register(activity, "Anna", "Bo", "Cecilia")  # Cecilia waits: two places
    services.cancel_registration(registration=bo, site_url=SITE)  # Cecilia gets Bo's place
    register(activity, "David")  # full again: David waits
    smtp_server.messages.clear()
    later = activity.starts_at + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.save_activity(process=activity.process, actor=staff, activity=activity, site_url=SITE,
                               fields=fields_of(activity, starts_at=later, ends_at=later + dt.timedelta(hours=2),
                                                place="Nols bibliotek"))
    mails = {message["to"][0]: message for message in smtp_server.messages}
    assert set(mails) == {"anna@example.se", "cecilia@example.se", "david@example.se"}  # not Bo, who cancelled
    body = mails["anna@example.se"]["body"]
    assert mails["anna@example.se"]["subject"] == "Ändrat: Dialogkväll i Nol"
    assert "Plats: Nols bibliotek (tidigare Nols skola, matsalen)" in body
    with translation.override("sv"):
        new_start = formats.date_format(timezone.localtime(later), "l j F Y, H:i")
        old_start = formats.date_format(timezone.localtime(activity.starts_at), "l j F Y, H:i")
    assert f"Börjar: {new_start} (tidigare {old_start})" in body
    assert "Du har fortfarande en plats." in body and f"{SITE}/dialoger/" in body
    assert "Du står fortfarande på väntelistan." in mails["david@example.se"]["body"]
    assert AuditEvent.objects.filter(action="activity.updated", data__told=3).exists()


def test_changes_that_do_not_affect_coming_are_not_mailed(activity, staff, smtp_server,
                                                         django_capture_on_commit_callbacks):
    register(activity, "Anna")
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.save_activity(process=activity.process, actor=staff, activity=activity, site_url=SITE,
                               fields=fields_of(activity, description="Vi bjuder på fika."))
    assert smtp_server.messages == []


def test_more_places_go_to_the_waiting_list_in_order(activity, staff, smtp_server,
                                                     django_capture_on_commit_callbacks):
    register(activity, "Anna", "Bo", "Cecilia", "David", "Erik")
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.save_activity(process=activity.process, actor=staff, activity=activity, site_url=SITE,
                               fields=fields_of(activity, capacity=4))
    statuses = dict(activity.registrations.values_list("name", "status"))
    assert statuses == {"Anna": "confirmed", "Bo": "confirmed", "Cecilia": "confirmed", "David": "confirmed",
                        "Erik": "waiting"}
    assert [m["to"] for m in smtp_server.messages] == [["cecilia@example.se"], ["david@example.se"]]
    assert "Du har fått en plats" in smtp_server.messages[0]["body"]


def test_cancelling_tells_everyone_closes_registration_and_keeps_the_activity(
    client_for, org, activity, staff, smtp_server, django_capture_on_commit_callbacks
):
    register(activity, "Anna", "Bo", "Cecilia")
    smtp_server.messages.clear()
    client = client_for(org, staff)
    base = f"/personal/processer/{activity.process_id}/aktiviteter/{activity.pk}/"
    assert "3 personer som är anmälda eller står på väntelistan får veta det via mejl." in client.get(
        base).content.decode()
    refused = client.post(f"{base}installd/", {"reason": " "}, follow=True)
    assert "Skriv varför aktiviteten ställs in" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{base}installd/", {"reason": "Skolan har fått en vattenskada."}, follow=True)
    assert "Aktiviteten är inställd. 3 anmälda personer får veta det via mejl." in response.content.decode()
    assert sorted(m["to"][0] for m in smtp_server.messages) == ["anna@example.se", "bo@example.se",
                                                               "cecilia@example.se"]
    mail = smtp_server.messages[0]
    assert mail["subject"] == "Inställt: Dialogkväll i Nol"
    assert "Skolan har fått en vattenskada." in mail["body"]
    assert f"{SITE}/dialoger/{activity.process.slug}/" in mail["body"]

    public = client_for(org).get(f"/dialoger/{activity.process.slug}/aktiviteter/{activity.pk}/").content.decode()
    assert "Inställd" in public and "Skolan har fått en vattenskada." in public
    assert 'name="email"' not in public  # the registration form is gone
    with pytest.raises(DomainError, match="inställd"):
        register(activity, "David")
    process_page = client_for(org).get(f"/dialoger/{activity.process.slug}/").content.decode()
    assert '<span class="tag warning">Inställd</span>' in process_page
    with pytest.raises(DomainError, match="redan inställd"):
        services.cancel_activity(activity=activity, actor=staff, reason="Igen")
    assert Registration.objects.filter(activity=activity).count() == 3


def test_an_activity_that_has_taken_place_cannot_be_cancelled(org, staff):
    past = ActivityFactory(process=ProcessFactory(organisation=org),
                           starts_at=timezone.now() - dt.timedelta(days=2),
                           ends_at=timezone.now() - dt.timedelta(days=2) + dt.timedelta(hours=2))
    with pytest.raises(DomainError, match="redan ägt rum"):
        services.cancel_activity(activity=past, actor=staff, reason="Sjukdom")


def test_one_refused_address_does_not_stop_the_other_mails(activity, staff, smtp_server,
                                                          django_capture_on_commit_callbacks):
    register(activity, "Anna", "Bo", "Cecilia")
    smtp_server.messages.clear()
    smtp_server.refused.add("bo@example.se")
    with django_capture_on_commit_callbacks(execute=True):
        told = services.cancel_activity(activity=activity, actor=staff, reason="Sjukdom", site_url=SITE)
    assert told == 3
    assert sorted(m["to"][0] for m in smtp_server.messages) == ["anna@example.se", "cecilia@example.se"]


def test_change_mails_are_in_the_municipalitys_language_whoever_saves(activity, staff, smtp_server,
                                                                      django_capture_on_commit_callbacks):
    register(activity, "Anna")
    smtp_server.messages.clear()
    new_start = activity.starts_at + dt.timedelta(hours=1)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.save_activity(process=activity.process, actor=staff, activity=activity, site_url=SITE,
                               fields=fields_of(activity, starts_at=new_start))
    body = smtp_server.messages[0]["body"]
    with translation.override("sv"):
        # The new start's weekday: an hour later may be the next day when the suite runs near midnight.
        weekday = formats.date_format(timezone.localtime(new_start), "l")
    assert body.startswith("Hej Anna") and f"Börjar: {weekday}" in body and "(tidigare " in body


def test_a_person_promoted_by_the_same_save_is_told_they_have_a_place(activity, staff, smtp_server,
                                                                      django_capture_on_commit_callbacks):
    register(activity, "Anna", "Bo", "Cecilia")
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.save_activity(process=activity.process, actor=staff, activity=activity, site_url=SITE,
                               fields=fields_of(activity, capacity=3, place="Nols bibliotek"))
    to_cecilia = [m for m in smtp_server.messages if m["to"] == ["cecilia@example.se"]]
    assert len(to_cecilia) == 2
    assert all("Du står fortfarande på väntelistan" not in m["body"] for m in to_cecilia)
    assert any("Du har fortfarande en plats." in m["body"] for m in to_cecilia)


def test_cancelling_a_place_at_a_cancelled_activity_promotes_no_one(activity, staff):
    anna, _bo, _cecilia = register(activity, "Anna", "Bo", "Cecilia")
    services.cancel_activity(activity=activity, actor=staff, reason="Sjukdom")
    assert services.cancel_registration(registration=anna, site_url=SITE) is None
    assert activity.registrations.get(name="Cecilia").status == Registration.Status.WAITING
