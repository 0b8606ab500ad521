"""`{{ starts|until:ends }}`: a date range that names each year once, and both when it crosses one.

    3–17 mars 2026 · 3 mars–17 april 2026 · 3 december 2026–17 januari 2027 · 3 mars 2026 (one day)

Month names follow the interface language. Datetimes are shown in the current time zone's dates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import dateformat, timezone

register = template.Library()


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value if isinstance(value, dt.date) else None


def date_range(starts: Any, ends: Any) -> str:
    first, last = _day(starts), _day(ends)
    if first is None:
        return ""
    if last is None or last == first:
        return dateformat.format(first, "j F Y")
    if first.year != last.year:
        return f"{dateformat.format(first, 'j F Y')}–{dateformat.format(last, 'j F Y')}"
    if first.month != last.month:
        return f"{dateformat.format(first, 'j F')}–{dateformat.format(last, 'j F Y')}"
    return f"{first.day}–{dateformat.format(last, 'j F Y')}"


@register.filter(name="until")
def until(starts: Any, ends: Any) -> str:
    return date_range(starts, ends)
