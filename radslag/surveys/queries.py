"""Reads other parts of the platform use: the surveys of a focus area or a dialogue, with their headline figures.

For the lead's wiring into focus-area pages and the decision basis:

    for_focus_area(area) -> list[SurveySummary]   surveys tagged with the focus area, newest first
    for_process(process) -> list[SurveySummary]   surveys attached to the dialogue process, newest first

Only surveys that have been opened are listed (drafts are staff work). A summary carries the survey, how
many sent responses it has, whether it is self-selected (open or dialogue surveys) and the URL of its
results page (staff and elected officials). One query, whatever the number of surveys.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from radslag.dialogues.models import DialogueProcess
from radslag.governance.models import FocusArea
from radslag.surveys.models import Survey


@dataclass(frozen=True)
class SurveySummary:
    survey: Survey
    responses: int
    self_selected: bool
    results_url: str


def _summaries(surveys: QuerySet[Survey]) -> list[SurveySummary]:
    rows = (surveys.exclude(status=Survey.Status.DRAFT)
            .annotate(sent=Count("responses", filter=Q(responses__submitted_at__isnull=False)))
            .order_by("-created_at", "-id"))
    return [SurveySummary(s, s.sent, s.self_selected, reverse("surveys:staff_results", kwargs={"pk": s.pk}))
            for s in rows]


def for_focus_area(area: FocusArea) -> list[SurveySummary]:
    return _summaries(Survey.objects.for_focus_area(area))


def for_process(process: DialogueProcess) -> list[SurveySummary]:
    return _summaries(Survey.objects.for_process(process))
