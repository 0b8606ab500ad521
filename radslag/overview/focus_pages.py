"""What the public focus-area and vision pages gather: everything tied to a focus area, with its outcome.

Dialogues (where they stand, the decisions that came of them, how many themes are answered), themes
(with the municipality's published answer), decisions, what residents said, and every kind other apps
register in radslag.governance.focus_area_items (proposals, surveys). Only what a resident may see,
in a fixed number of queries whatever the number of items (tested).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from radslag.contributions.models import Contribution
from radslag.dialogues.followup import OwedPart, answer_debts
from radslag.dialogues.models import DialogueProcess, Phase
from radslag.dialogues.querysets import ongoing_first
from radslag.feedback.models import Answer
from radslag.governance import focus_area_items
from radslag.governance.models import Decision, FocusArea, StrategicPlan, Vision
from radslag.governance.querysets import outcomes_for
from radslag.organisations.models import Organisation
from radslag.themes.models import Theme

LATEST_CONTRIBUTIONS = 5
PUBLIC = (DialogueProcess.Status.PUBLISHED, DialogueProcess.Status.CLOSED)


@dataclass(frozen=True)
class ProcessOutcome:
    process: DialogueProcess
    stage: str
    decisions: list[Decision]
    answered: int
    to_answer: int
    owed: tuple[OwedPart, ...] = ()  # by kind (themes, proposals), each in its own app's words


@dataclass(frozen=True)
class ThemeOutcome:
    theme: Theme
    answer: Answer | None  # the published answer, if any
    url: str


def current_plan(organisation: Organisation) -> StrategicPlan | None:
    return StrategicPlan.objects.filter(organisation=organisation).order_by("-ends", "-created_at").first()


def public_stage(process: DialogueProcess, on: dt.date) -> str:
    if process.status == DialogueProcess.Status.CLOSED:
        return _("Finished")
    phase = process.current_phase(on)
    return _("Ongoing: %(phase)s") % {"phase": phase.name} if phase else _("Ongoing")


def process_outcomes(processes: QuerySet[DialogueProcess], on: dt.date) -> list[ProcessOutcome]:
    found = list(ongoing_first(processes).prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("order", "starts"))))
    decisions = outcomes_for([p.pk for p in found])
    debts = answer_debts(found, on)
    return [
        ProcessOutcome(process=p, stage=public_stage(p, on), decisions=decisions.get(p.pk, []),
                       answered=debts[p.pk].answered if p.pk in debts else 0,
                       to_answer=debts[p.pk].to_answer if p.pk in debts else 0,
                       owed=debts[p.pk].parts if p.pk in debts else ())
        for p in found
    ]


def theme_outcomes(area: FocusArea) -> list[ThemeOutcome]:
    themes = (
        Theme.objects.filter(focus_areas=area, status=Theme.Status.ACTIVE, process__status__in=PUBLIC)
        .select_related("process", "answer").order_by("process__title", "order", "id")
    )
    pages: dict[str, str] = {}  # one "what happened" page per process, however many of its themes are listed
    rows = []
    for theme in themes:
        answer = getattr(theme, "answer", None)
        slug = theme.process.slug
        if slug not in pages:
            pages[slug] = reverse("feedback:what_happened", kwargs={"slug": slug})
        rows.append(ThemeOutcome(theme=theme, answer=answer if answer and answer.is_published else None,
                                 url=f"{pages[slug]}#theme-{theme.pk}"))
    return rows


def focus_area_page(area: FocusArea, on: dt.date) -> dict[str, Any]:
    """The context of a focus area's page."""
    contributions = Contribution.objects.filter(focus_areas=area).published()
    registered = focus_area_items.collect(area.organisation, [area.pk])
    return {
        "area": area,
        "processes": process_outcomes(area.processes.filter(status__in=PUBLIC), on),
        "themes": theme_outcomes(area),
        "registered": [(kind, found.get(area.pk, [])) for kind, found in registered],
        "decisions": area.decisions.select_related("body"),
        "contribution_count": contributions.count(),
        "latest_contributions": contributions.select_related("process").order_by("-created_at")[:LATEST_CONTRIBUTIONS],
    }


@dataclass(frozen=True)
class AreaSummary:
    area: FocusArea
    ongoing: int
    finished: int
    themes: int
    answered: int
    decisions: int
    registered: list[tuple[Any, int]]  # (kind's label, how many)


def _counts(through: Any, area_ids: Sequence[int], group: str, condition: Q) -> Counter[tuple[int, Any]]:
    rows = (through.objects.filter(condition, focusarea_id__in=list(area_ids)).order_by()
            .values_list("focusarea_id", group).annotate(n=Count("*")))
    return Counter({(area_id, value): n for area_id, value, n in rows})


def _theme_counts(area_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """Focus area id -> (its current themes in public dialogues, how many of them have a published answer)."""
    rows = (
        Theme.focus_areas.through.objects
        .filter(focusarea_id__in=list(area_ids), theme__status=Theme.Status.ACTIVE, theme__process__status__in=PUBLIC)
        .order_by().values_list("focusarea_id")
        .annotate(total=Count("*"), answered=Count("theme_id", filter=Q(theme__answer__published_at__isnull=False)))
    )
    return {area_id: (total, answered) for area_id, total, answered in rows}


def vision_page(organisation: Organisation) -> dict[str, Any]:
    """The vision with every focus area of the current plan and how much is tied to each."""
    plan = current_plan(organisation)
    areas = list(FocusArea.objects.filter(organisation=organisation, plan=plan).order_by("number")) if plan else []
    ids = [area.pk for area in areas]
    processes = _counts(DialogueProcess.focus_areas.through, ids, "dialogueprocess__status",
                        Q(dialogueprocess__status__in=PUBLIC))
    themes = _theme_counts(ids)
    decisions = _counts(Decision.focus_areas.through, ids, "focusarea_id", Q())
    registered = focus_area_items.collect(organisation, ids)
    summaries = [
        AreaSummary(
            area=area, ongoing=processes[(area.pk, DialogueProcess.Status.PUBLISHED)],
            finished=processes[(area.pk, DialogueProcess.Status.CLOSED)],
            themes=themes.get(area.pk, (0, 0))[0], answered=themes.get(area.pk, (0, 0))[1],
            decisions=decisions[(area.pk, area.pk)],
            registered=[(kind.label, len(found.get(area.pk, []))) for kind, found in registered],
        )
        for area in areas
    ]
    vision = Vision.objects.filter(organisation=organisation).order_by("-created_at").first()
    return {"vision": vision, "plan": plan, "areas": summaries}
