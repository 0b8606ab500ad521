"""Counting answered themes for the dialogues app's follow-up (see radslag.dialogues.followup)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Count, Q

from radslag.dialogues import followup
from radslag.themes.models import Theme


def themes_to_answer(process_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    rows = (
        Theme.objects.filter(process_id__in=process_ids, status=Theme.Status.ACTIVE)
        .values("process_id")
        .annotate(total=Count("id"), answered=Count("id", filter=Q(answer__published_at__isnull=False)))
    )
    return {row["process_id"]: (row["total"], row["answered"]) for row in rows}


def register() -> None:
    followup.register_counter(themes_to_answer)
