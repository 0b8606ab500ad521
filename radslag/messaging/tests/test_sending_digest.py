"""The weekly digest: one mail per weekly subscriber, with the week's notices about what they follow."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from radslag.messaging import consent, digest, outbox
from radslag.messaging.models import Delivery, Frequency, Message, Recipient, Topic
from radslag.messaging.tests.test_sending import mailbox, parts  # noqa: F401  (the SMTP server fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def weekly(org, email, topic, topic_id=None, language="sv", frequency=Frequency.WEEKLY):
    # Confirmed before following, so no confirmation mail is asked for.
    recipient = consent.recipient_for(organisation=org, email=email, language=language)
    Recipient.objects.filter(pk=recipient.pk).update(confirmed_at=timezone.now())
    consent.follow(organisation=org, email=email, topic=topic, topic_id=topic_id, frequency=frequency,
                   language=language)
    Recipient.objects.filter(email=email).update(confirmed_at=timezone.now())


def this_week():
    year, week, _day = timezone.now().astimezone(ZoneInfo("Europe/Stockholm")).isocalendar()
    return year, week


def test_each_weekly_subscriber_gets_one_digest_of_what_they_follow(org, mailbox):  # noqa: F811
    weekly(org, "anna@example.se", Topic.PROCESS, 5)
    weekly(org, "bo@example.se", Topic.ORGANISATION, language="en")
    weekly(org, "cia@example.se", Topic.PROCESS, 5, frequency=Frequency.IMMEDIATE)
    weekly(org, "dan@example.se", Topic.PROCESS, 9)
    outbox.announce(organisation=org, key="answer:5", topics=[(Topic.PROCESS, 5)], title="Svar om torget",
                    title_en="Answer about the square", url="/dialoger/torget/vad-hande/")
    outbox.announce(organisation=org, key="answer:6", topics=[(Topic.PROCESS, 6)], title="Svar om skolan",
                    url="/dialoger/skolan/vad-hande/")
    year, week = this_week()

    message = digest.build_weekly_digest(organisation=org, year=year, week=week)
    again = digest.build_weekly_digest(organisation=org, year=year, week=week)

    assert message == again and message.key == f"digest:{year}-W{week:02d}"
    assert Delivery.objects.filter(message=message).count() == 2
    [anna] = mailbox.to("anna@example.se")
    text, html = parts(anna)
    assert "Svar om torget" in text and "Svar om skolan" not in text
    assert "http://ale.example.se/dialoger/torget/vad-hande/" in html and "/mina-inspel/spar/" in html
    assert anna["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [bo] = mailbox.to("bo@example.se")
    text, _html = parts(bo)
    assert f"Published during week {year}-W{week:02d}:" in text
    assert "Answer about the square" in text and "Svar om skolan" in text
    assert [str(m["Subject"]) for m in mailbox.to("cia@example.se")] == ["Svar om torget"]  # immediate only
    assert mailbox.to("dan@example.se") == []


def test_the_daily_beat_builds_last_weeks_digest_once(org, mailbox):  # noqa: F811
    weekly(org, "anna@example.se", Topic.ORGANISATION)
    outbox.announce(organisation=org, key="decision:1", topics=[], title="Beslut", url="/beslut/1/")
    # The beat runs at noon on Wednesday and Thursday of next week: both days look back at this week.
    # (Seven days from now would be next Monday when the suite runs on a Sunday, and that looks at the
    # week after this one.)
    this_monday, _next_monday = digest.week_bounds(*this_week())
    next_week = this_monday + dt.timedelta(days=9, hours=12)

    first = digest.build_last_weeks_digests(next_week)
    second = digest.build_last_weeks_digests(next_week + dt.timedelta(days=1))

    assert first == second and Message.objects.filter(kind=Message.Kind.DIGEST).count() == 1
    assert len(mailbox.to("anna@example.se")) == 1


def test_no_digest_when_nothing_was_published(org, mailbox):  # noqa: F811
    weekly(org, "anna@example.se", Topic.ORGANISATION)
    year, week = this_week()

    assert digest.build_weekly_digest(organisation=org, year=year, week=week) is None
    assert mailbox.received == []
