"""The weekly digest: one mail per weekly subscriber, listing the week's notices about what they follow.

One DIGEST message per organisation and ISO week (key `digest:YYYY-Www`, weeks in Stockholm time),
with a delivery for each weekly subscriber who has at least one notice about a topic they follow; the
delivery keeps its own notices (`notice_ids`). A notice the person already got by immediate mail is not
repeated. Building the same week again does nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from radslag.messaging.models import Delivery, Frequency, Message, Notice, Subscription, Topic
from radslag.messaging.sender import may_receive
from radslag.organisations.models import Organisation


def week_key(year: int, week: int) -> str:
    return f"digest:{year}-W{week:02d}"


def week_bounds(year: int, week: int) -> tuple[dt.datetime, dt.datetime]:
    """Monday 00:00 to the next Monday 00:00, Stockholm time."""
    zone = ZoneInfo(settings.TIME_ZONE)
    monday = dt.datetime.combine(dt.date.fromisocalendar(year, week, 1), dt.time(), tzinfo=zone)
    return monday, monday + dt.timedelta(days=7)


def last_week(now: dt.datetime) -> tuple[int, int]:
    """The ISO (year, week) of the last complete week before `now`."""
    year, week, _day = (now.astimezone(ZoneInfo(settings.TIME_ZONE)) - dt.timedelta(days=7)).isocalendar()
    return year, week


@transaction.atomic
def build_weekly_digest(*, organisation: Organisation, year: int, week: int) -> Message | None:
    """Creates the week's digest (or returns the one already built); None when nobody has anything."""
    key = week_key(year, week)
    existing = Message.objects.filter(organisation=organisation, key=key).first()
    if existing is not None:
        return existing
    start, end = week_bounds(year, week)
    notices = list(
        Notice.objects.filter(organisation=organisation, published_at__gte=start, published_at__lt=end).order_by(
            "published_at", "pk"
        )
    )
    wanted = _notices_per_recipient(organisation, notices)
    if not wanted:
        return None
    message, created = Message.objects.get_or_create(
        organisation=organisation, key=key, defaults={"kind": Message.Kind.DIGEST}
    )
    if created:
        Delivery.objects.bulk_create(
            [Delivery(message=message, recipient_id=pk, notice_ids=ids) for pk, ids in sorted(wanted.items())],
            batch_size=1000,
            ignore_conflicts=True,
        )
        from radslag.messaging import tasks

        transaction.on_commit(lambda: tasks.start_sending(message.pk), robust=True)
    return message


def _notices_per_recipient(organisation: Organisation, notices: list[Notice]) -> dict[int, list[int]]:
    if not notices:
        return {}
    follows: dict[int, set[tuple[str, int | None]]] = defaultdict(set)
    weekly = Subscription.objects.filter(
        recipient__organisation=organisation, frequency=Frequency.WEEKLY, ended_at__isnull=True
    ).filter(may_receive(Message.Kind.DIGEST))
    for recipient_id, topic, topic_id in weekly.values_list("recipient_id", "topic", "topic_id"):
        follows[recipient_id].add((topic, topic_id))
    already = set(
        Delivery.objects.filter(message__notice__in=notices, recipient_id__in=list(follows)).values_list(
            "recipient_id", "message__notice_id"
        )
    )
    wanted: dict[int, list[int]] = {}
    for recipient_id, topics in follows.items():
        ids = [
            notice.pk
            for notice in notices
            if (recipient_id, notice.pk) not in already and _concerns(notice, topics)
        ]
        if ids:
            wanted[recipient_id] = ids
    return wanted


def _concerns(notice: Notice, followed: set[tuple[str, int | None]]) -> bool:
    if (Topic.ORGANISATION, None) in followed:
        return True
    return any((topic, topic_id) in followed for topic, topic_id in notice.topics)


def build_last_weeks_digests(now: dt.datetime) -> list[Message]:
    year, week = last_week(now)
    built = []
    for organisation in Organisation.objects.all():
        message = build_weekly_digest(organisation=organisation, year=year, week=week)
        if message is not None:
            built.append(message)
    return built
