"""Surveys on the focus-area pages (radslag.governance.focus_area_items): the opened surveys tagged with
each focus area. Open and dialogue surveys link to their public page; a panel wave has no public page (its
invitations are personal), so it is listed by name with its state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from radslag.governance.focus_area_items import FocusAreaItem, FocusAreaKind, ItemsByArea, register
from radslag.organisations.models import Organisation
from radslag.surveys.models import Audience, Survey

PER_AREA = 10


def surveys_by_focus_area(organisation: Organisation, area_ids: Sequence[int]) -> ItemsByArea:
    surveys = (Survey.objects.filter(organisation=organisation, focus_areas__in=area_ids)
               .exclude(status=Survey.Status.DRAFT)
               .annotate(area_id=F("focus_areas__id"),
                         sent=Count("responses", filter=Q(responses__submitted_at__isnull=False)))
               .order_by("-created_at", "-id"))
    found: ItemsByArea = {}
    now = timezone.now()
    for survey in surveys:
        items = found.setdefault(survey.area_id, [])
        if len(items) < PER_AREA:
            items.append(_item(survey, now))
    return found


def _item(survey: Survey, now: dt.datetime) -> FocusAreaItem:
    public = survey.audience != Audience.PANEL
    if survey.is_open_at(now):
        outcome = _("Open for answers")
    else:
        outcome = _("Closed, %(count)s answers") % {"count": survey.sent}  # type: ignore[attr-defined]
    return FocusAreaItem(label=survey.title, url=reverse("surveys:start", kwargs={"pk": survey.pk}) if public else "",
                         outcome=str(outcome), date=timezone.localdate(survey.created_at),
                         done=not survey.is_open_at(now))


def register_kind() -> None:
    register(FocusAreaKind(key="survey", label=gettext_lazy("Surveys"),
                           empty=gettext_lazy("No survey is tied to this focus area yet."),
                           items=surveys_by_focus_area, order=40))
