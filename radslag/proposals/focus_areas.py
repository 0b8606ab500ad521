"""Proposals on the focus-area pages (radslag.governance.focus_area_items): the public proposals tied to
each focus area, most supported first, with where each stands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from radslag.governance.focus_area_items import FocusAreaItem, FocusAreaKind, ItemsByArea, register
from radslag.organisations.models import Organisation
from radslag.proposals.models import Proposal

PER_AREA = 10


def proposals_by_focus_area(organisation: Organisation, area_ids: Sequence[int]) -> ItemsByArea:
    """One query: each area's PER_AREA most supported public proposals, ranked and cut by the database (an
    area may hold thousands), with the proposals."""
    public = Proposal.objects.public().filter(organisation=organisation)
    ranked = Window(RowNumber(), partition_by=F("focusarea_id"),
                    order_by=(F("proposal__support_count").desc(), F("proposal_id").desc()))
    links = (Proposal.focus_areas.through.objects
             .filter(focusarea_id__in=area_ids, proposal__in=public)
             .annotate(rank=ranked).filter(rank__lte=PER_AREA)  # type: ignore[misc]  # stubs miss a through model's annotations
             .select_related("proposal")
             .order_by("focusarea_id", "rank"))
    found: ItemsByArea = {}
    now = timezone.now()
    for link in links:
        found.setdefault(link.focusarea_id, []).append(_item(link.proposal, now))
    return found


def _item(proposal: Proposal, now: dt.datetime) -> FocusAreaItem:
    """Where the proposal stands now (`Proposal.status_at`: never "collecting" once its period has ended)."""
    answered = proposal.status == Proposal.Status.ANSWERED
    outcome = proposal.status_label_at(now)
    if answered and proposal.outcome:
        outcome = f"{outcome}: {proposal.get_outcome_display()}"
    elif proposal.threshold:
        supports = _("%(count)s of %(threshold)s supports") % {
            "count": proposal.support_count, "threshold": proposal.threshold}
        outcome = f"{outcome} ({supports})"
    day = proposal.answered_at or proposal.accepted_at
    return FocusAreaItem(label=proposal.title, url=reverse("proposals:detail", kwargs={"pk": proposal.pk}),
                         outcome=outcome, date=day.date() if day else None, done=answered)


def register_kind() -> None:
    register(FocusAreaKind(key="proposal", label=gettext_lazy("Citizen proposals"),
                           empty=gettext_lazy("No citizen proposal is tied to this focus area yet."),
                           items=proposals_by_focus_area, order=30))
