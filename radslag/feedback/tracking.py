"""Counting answered themes for the dialogues app's follow-up (see radslag.dialogues.followup)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from radslag.dialogues import followup
from radslag.themes.models import Theme


def themes_to_answer(process_ids: Sequence[int]) -> QuerySet[Any]:
    """Per process: its current themes, and how many of them have a published answer."""
    return (
        Theme.objects.filter(process_id__in=process_ids, status=Theme.Status.ACTIVE)
        .values("process_id")
        .annotate(total=Count("id"), answered=Count("id", filter=Q(answer__published_at__isnull=False)))
    )


def describe(answered: int, total: int) -> str:
    return _("%(answered)s of %(total)s themes have a published answer.") % {"answered": answered, "total": total}


def register() -> None:
    followup.register_counter(themes_to_answer, kind="theme", describe=describe)
