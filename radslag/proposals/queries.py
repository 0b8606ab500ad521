"""Reusable reads of proposals: the public list with its filters and sorts, and what other pages show.

For the lead to wire into other apps' pages (those apps sit below this one, so they call these from a
higher layer, or this app's templates are included from there):

    for_process(process)      the public proposals linked to a dialogue process, most supported first:
                              for a process's theme pages and the decision basis ("related proposals").
    for_focus_area(area)      the public proposals linked to a focus area, most supported first:
                              for focus-area pages and the decision basis.

Both return a queryset, so a caller can slice it (`[:5]`) or count it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse

from radslag.dialogues.models import DialogueProcess
from radslag.governance.models import FocusArea
from radslag.messaging.topics import TopicView
from radslag.organisations.models import Organisation
from radslag.proposals.models import Proposal, ProposalQuerySet
from radslag.proposals.search import search_proposals

SORTS = {
    "supported": ("-support_count", "-accepted_at", "-id"),
    "newest": ("-accepted_at", "-id"),
    "closing": ("closes_at", "-id"),
    "answered": ("-answered_at", "-id"),
}
# The status filter's values: the life's steps as residents see them.
STATUS_GROUPS = {
    "collecting": (Proposal.Status.COLLECTING, Proposal.Status.THRESHOLD_REACHED),
    "handling": (Proposal.Status.ASSIGNED, Proposal.Status.HANDLING, Proposal.Status.PERIOD_ENDED),
    "answered": (Proposal.Status.ANSWERED,),
}


def for_process(process: DialogueProcess) -> QuerySet[Proposal]:
    return (Proposal.objects.public().filter(organisation_id=process.organisation_id, process=process)
            .order_by("-support_count", "-id"))


def for_focus_area(area: FocusArea) -> QuerySet[Proposal]:
    return (Proposal.objects.public().filter(organisation_id=area.organisation_id, focus_areas=area)
            .order_by("-support_count", "-id"))


@dataclass(frozen=True)
class ListQuery:
    query: str = ""
    status: str = ""
    focus_area: int | None = None
    locality: int | None = None
    committee: int | None = None
    sort: str = "supported"


def in_status_group(proposals: ProposalQuerySet, group: str, *, now: dt.datetime) -> ProposalQuerySet:
    """The proposals in a status group as residents read the status at `now` (`Proposal.status_at`): the
    stored status moves on only when the hourly task ends a period, so one whose period has run out is no
    longer collecting, whatever is stored. Every public proposal is in exactly one group; an unknown group
    filters nothing. The list page and the API filter with this."""
    if group == "collecting":
        return proposals.open_for_support(now)
    if group == "handling":  # with those whose period ran out before the hourly task moved them on
        return proposals.filter(Q(status__in=STATUS_GROUPS["handling"])
                                | Q(status__in=Proposal.SUPPORTABLE, closes_at__lte=now))
    if group in STATUS_GROUPS:
        return proposals.filter(status__in=STATUS_GROUPS[group])
    return proposals


def public_list(organisation: Organisation, spec: ListQuery, *, now: dt.datetime) -> QuerySet[Proposal]:
    proposals = in_status_group(Proposal.objects.public().filter(organisation=organisation), spec.status, now=now)
    if spec.focus_area:
        proposals = proposals.filter(focus_areas=spec.focus_area)
    if spec.locality:
        proposals = proposals.filter(localities=spec.locality)
    if spec.committee:
        proposals = proposals.filter(committee=spec.committee)
    proposals = proposals.only("id", "title", "status", "support_count", "threshold", "closes_at", "accepted_at",
                               "answered_at", "outcome", "organisation_id")
    if spec.query.strip():
        return search_proposals(proposals, spec.query)
    if spec.sort == "closing":  # closing soon: those still open, the nearest end first
        proposals = proposals.filter(status__in=Proposal.SUPPORTABLE, closes_at__gt=now)
    if spec.sort == "answered":  # recently answered: the answered ones, the latest first
        proposals = proposals.filter(answered_at__isnull=False)
    return proposals.order_by(*SORTS.get(spec.sort, SORTS["supported"]))


def proposal_topics(organisation: Organisation, ids: Collection[int]) -> dict[int, TopicView]:
    """What a subscription to a proposal is, for the messaging app's lists (public proposals only)."""
    found = Proposal.objects.public().filter(organisation=organisation, pk__in=ids).only("id", "title")
    return {p.pk: TopicView(p.title, reverse("proposals:detail", kwargs={"pk": p.pk})) for p in found}
