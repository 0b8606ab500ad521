"""Meetings: calendar files that follow RFC 5545, the day-before reminder (once), and staff mail to an
activity's registrants or table hosts."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.dialogues.calendar import fold
from radslag.dialogues.models import Registration
from radslag.dialogues.services.meetings import send_reminders
from radslag.dialogues.tests.factories import ActivityFactory, ProcessFactory, TableFactory
from radslag.messaging.models import Message, Recipient

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def parse_ics(raw: bytes) -> list[dict[str, str]]:
    """A strict reading of an iCalendar object: CRLF only, lines of at most 75 octets, folding by one
    space, balanced BEGIN/END; answers the components as {name: value} with the TEXT escapes undone."""
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    physical = raw[:-2].split(b"\r\n")
    assert all(len(line) <= 75 for line in physical), [line for line in physical if len(line) > 75]
    lines: list[str] = []
    for line in physical:
        text = line.decode("utf-8")  # a fold inside a multi-byte character would fail here
        if text.startswith(" "):
            lines[-1] += text[1:]
        else:
            lines.append(text)
    stack, components = [], []
    for line in lines:
        name, _, value = line.partition(":")
        assert re.fullmatch(r"[A-Z-]+(;[^:]*)?", name), line
        if name == "BEGIN":
            stack.append({"_": value})
        elif name == "END":
            assert stack and stack[-1]["_"] == value, line
            components.append(stack.pop())
        else:
            assert stack, line
            assert not re.search(r"(?<!\\)[;,]", value) or name in {"URL", "UID"}, line
            stack[-1][name] = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)
    assert not stack
    return components


def utc(value: str) -> dt.datetime:
    return dt.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)


def test_folding_keeps_lines_within_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + "Möte på Älvängens kulturhus, Ale – " * 6
    folded = fold(line).encode("utf-8").split(b"\r\n")
    assert all(len(piece) <= 75 for piece in folded) and len(folded) > 2
    assert "".join(piece.decode("utf-8").removeprefix(" ") if i else piece.decode("utf-8")
                   for i, piece in enumerate(folded)) == line


def test_an_activity_calendar_file_is_valid_and_carries_time_place_and_text(client_for, org):
    process = ProcessFactory(organisation=org, slug="motesplatser")
    starts = dt.datetime(2026, 12, 10, 18, 0, tzinfo=STOCKHOLM)
    activity = ActivityFactory(
        process=process, title="Dialogkväll; mat, fika och samtal", starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2), place="Ale gymnasium, sal 3",
        description="Välkommen!\nVi bjuder på fika. " + "Lång text om kvällen. " * 10,
    )
    response = client_for(org).get(reverse("dialogues:activity_ics", args=["motesplatser", activity.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar, = [c for c in parse_ics(response.content) if c["_"] == "VCALENDAR"]
    event, = [c for c in parse_ics(response.content) if c["_"] == "VEVENT"]
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert event["UID"] == f"activity-{activity.pk}@{org.hostname}"
    assert utc(event["DTSTART"]) == starts and utc(event["DTEND"]) == starts + dt.timedelta(hours=2)
    assert utc(event["DTSTAMP"]) <= timezone.now()
    assert event["SUMMARY"] == "Dialogkväll; mat, fika och samtal"
    assert event["LOCATION"] == "Ale gymnasium, sal 3"
    assert event["DESCRIPTION"].startswith("Välkommen!\nVi bjuder på fika.")
    assert event["URL"].endswith(f"/dialoger/motesplatser/aktiviteter/{activity.pk}/")
    assert event["STATUS"] == "CONFIRMED"


def test_the_process_feed_has_every_activity_and_marks_a_cancelled_one(client_for, org):
    process = ProcessFactory(organisation=org, slug="motesplatser")
    ActivityFactory(process=process, title="Första")
    ActivityFactory(process=process, title="Andra", cancelled_at=timezone.now())
    ActivityFactory(title="En annan process")
    response = client_for(org).get(reverse("dialogues:process_ics", args=["motesplatser"]))
    events = [c for c in parse_ics(response.content) if c["_"] == "VEVENT"]
    assert [(e["SUMMARY"], e["STATUS"]) for e in events] == [("Första", "CONFIRMED"), ("Andra", "CANCELLED")]


def test_a_draft_process_has_no_public_calendar(client_for, org):
    ProcessFactory(organisation=org, slug="utkast", status="draft")
    assert client_for(org).get(reverse("dialogues:process_ics", args=["utkast"])).status_code == 404


def test_the_activity_page_links_to_its_calendar_file(client_for, org):
    activity = ActivityFactory(process=ProcessFactory(organisation=org, slug="motesplatser"))
    page = client_for(org).get(reverse("dialogues:activity_detail", args=["motesplatser", activity.pk]))
    assert reverse("dialogues:activity_ics", args=["motesplatser", activity.pk]) in page.content.decode()


# --- reminders ------------------------------------------------------------------------------------------

def register(activity, email, status=Registration.Status.CONFIRMED):
    return Registration.objects.create(activity=activity, name=email.split("@")[0], email=email, status=status)


def tomorrow_at(hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=STOCKHOLM)


def test_everyone_registered_is_reminded_the_day_before_once(org, django_capture_on_commit_callbacks):
    process = ProcessFactory(organisation=org)
    activity = ActivityFactory(process=process, title="Dialogkväll", registration_required=True,
                               starts_at=tomorrow_at(18))
    later = ActivityFactory(process=process, registration_required=True,
                            starts_at=tomorrow_at(18) + dt.timedelta(days=1))
    register(activity, "anna@example.se")
    register(activity, "bo@example.se", Registration.Status.WAITING)
    register(activity, "cecilia@example.se", Registration.Status.CANCELLED)
    register(later, "dan@example.se")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 0  # the task runs again (a retry, a second beat): nobody gets two
    assert [m.to for m in mail.outbox] == [["anna@example.se"]]
    assert "Dialogkväll" in mail.outbox[0].subject
    assert Message.objects.get(key=f"reminder:activity:{activity.pk}").kind == Message.Kind.REMINDER


def test_the_reminder_is_in_the_registrants_language_where_it_is_known(org):
    activity = ActivityFactory(process=ProcessFactory(organisation=org), title="Dialogkväll",
                               title_en="Dialogue evening", registration_required=True, starts_at=tomorrow_at(18))
    Recipient.objects.create(organisation=org, email="emma@example.se", language="en")
    register(activity, "emma@example.se")
    send_reminders()
    message = Message.objects.get()
    assert message.subject == "Påminnelse: Dialogkväll i morgon"
    assert message.subject_en == "Reminder: Dialogue evening tomorrow"
    assert message.deliveries.get().recipient.language == "en"


# --- staff write to registrants and hosts ---------------------------------------------------------------

def test_staff_write_to_everyone_registered_and_a_second_send_of_the_form_is_one_mail(
    client_for, org, staff, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(process=ProcessFactory(organisation=org))
    register(activity, "anna@example.se")
    register(activity, "bo@example.se", Registration.Status.WAITING)
    url = reverse("dialogues:activity_mail", args=[activity.process.pk, activity.pk])
    client = client_for(org, staff)
    form = {"audience": "registrants", "subject": "Ny lokal", "body": "Vi ses i aulan.", "nonce": "abc123"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, form).status_code == 302
        client.post(url, form)
    assert [(m.to, m.subject) for m in mail.outbox] == [(["anna@example.se"], "Ny lokal")]


def test_staff_write_to_the_table_hosts(client_for, org, staff, django_capture_on_commit_callbacks):
    activity = ActivityFactory(process=ProcessFactory(organisation=org))
    host = user_with_role(org, Role.RESIDENT, email="vard@example.se")
    TableFactory(activity=activity, host=host)
    TableFactory(activity=activity, host=host)
    TableFactory(activity=activity, host=None, host_name="Bara ett namn")
    register(activity, "anna@example.se")
    url = reverse("dialogues:activity_mail", args=[activity.process.pk, activity.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(org, staff).post(url, {"audience": "table_hosts", "subject": "Inför kvällen", "body": "Kom 17.",
                                          "nonce": "n1"})
    assert [m.to for m in mail.outbox] == [["vard@example.se"]]


def test_writing_to_an_activity_without_hosts_says_so(client_for, org, staff):
    activity = ActivityFactory(process=ProcessFactory(organisation=org))
    response = client_for(org, staff).post(
        reverse("dialogues:activity_mail", args=[activity.process.pk, activity.pk]),
        {"audience": "table_hosts", "subject": "Hej", "body": "Text", "nonce": "n2"})
    assert response.status_code == 200 and "ingen bordsvärd har ett konto" in response.content.decode()
    assert not Message.objects.exists()
