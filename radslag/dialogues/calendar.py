"""Activities as iCalendar (RFC 5545): one file per activity and a feed per process.

Written by hand, to the letter of the RFC: lines end in CRLF and are folded at 75 octets (never inside a
UTF-8 character), TEXT values escape backslash, semicolon, comma and line breaks, times are UTC
(`DTSTART:20261204T170000Z`), so no VTIMEZONE block is needed. Each event's UID is stable, so a calendar
that subscribed to the feed updates the event when the activity moves, and a cancelled activity stays in
the feed as STATUS:CANCELLED.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone

from radslag.dialogues.models import Activity, DialogueProcess

CRLF = "\r\n"
FOLD_AT = 75  # octets, not counting the line break


def escape_text(value: str) -> str:
    """An RFC 5545 TEXT value (3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, each continuation starting with a space."""
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = FOLD_AT if not pieces else FOLD_AT - 1  # a continuation's leading space counts
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return (CRLF + " ").join(pieces)


def utc_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _where(activity: Activity) -> str:
    parts = [activity.place.strip()]
    if activity.locality is not None and activity.locality.name not in activity.place:
        parts.append(activity.locality.name)
    return ", ".join(part for part in parts if part)


def event_lines(activity: Activity, *, host: str, url: str, stamp: dt.datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:activity-{activity.pk}@{host}",
        f"DTSTAMP:{utc_stamp(stamp)}",
        f"DTSTART:{utc_stamp(activity.starts_at)}",
        f"DTEND:{utc_stamp(activity.ends_at)}",
        f"LAST-MODIFIED:{utc_stamp(activity.updated_at)}",
        f"SUMMARY:{escape_text(activity.title)}",
    ]
    description = "\n\n".join(text for text in (activity.description.strip(), url) if text)
    lines.append(f"DESCRIPTION:{escape_text(description)}")
    if _where(activity):
        lines.append(f"LOCATION:{escape_text(_where(activity))}")
    lines.append(f"URL:{url}")
    lines.append("STATUS:CANCELLED" if activity.cancelled_at else "STATUS:CONFIRMED")
    lines.append("END:VEVENT")
    return lines


def calendar(
    process: DialogueProcess, activities: Iterable[Activity], *, host: str, site_url: str, name: str = ""
) -> str:
    """The whole VCALENDAR object as text with CRLF line ends, ready to serve as text/calendar."""
    stamp = timezone.now()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Radslag//Medborgardialog//SV", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name or process.title)}"]
    for activity in activities:
        path = reverse("dialogues:activity_detail", kwargs={"slug": process.slug, "pk": activity.pk})
        lines += event_lines(activity, host=host, url=site_url + path, stamp=stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
