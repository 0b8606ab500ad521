"""Proposals linked to a dialogue, on its "what happened with the input?" page and in what it owes.

A proposal keeps its own answer (outcome, text, progress, decision), so it is not a feedback `Answer`; it
is shown beside the themes through `radslag.feedback.what_happened` and counted in the dialogue's
answers owed through `radslag.dialogues.followup`.

A proposal owes an answer from the moment the rules say it must get one: when it reaches the threshold,
or when its collection period ends below it (then staff answer it). One still collecting support below
the threshold owes nothing yet, nor does one still being checked or refused under the rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from radslag.dialogues import followup
from radslag.dialogues.models import DialogueProcess
from radslag.feedback import what_happened
from radslag.feedback.what_happened import AnsweredItem, AnsweredKind
from radslag.proposals.models import Proposal
from radslag.proposals.queries import for_process

Status = Proposal.Status
OWES_AN_ANSWER = (Status.THRESHOLD_REACHED, Status.PERIOD_ENDED, Status.ASSIGNED, Status.HANDLING, Status.ANSWERED)


def proposals_of_process(process: DialogueProcess) -> list[AnsweredItem]:
    """The public proposals linked to the dialogue, most supported first (one query)."""
    now = timezone.now()
    return [_item(proposal, now) for proposal in for_process(process).select_related("decision__body", "committee")]


def _stage(proposal: Proposal, now: dt.datetime) -> str:
    stage = proposal.status_label_at(now)
    if proposal.is_open_for_support(at=now) and proposal.threshold:
        stage += " (" + _("%(count)s of %(threshold)s supports") % {
            "count": proposal.support_count, "threshold": proposal.threshold} + ")"
    if proposal.committee is not None and proposal.status in (Status.ASSIGNED, Status.HANDLING):
        stage += ": " + proposal.committee.name
    return stage


def _item(proposal: Proposal, now: dt.datetime) -> AnsweredItem:
    answered = proposal.status == Status.ANSWERED and bool(proposal.outcome)
    return AnsweredItem(
        anchor=f"proposal-{proposal.pk}", label=proposal.title,
        url=reverse("proposals:detail", kwargs={"pk": proposal.pk}), stage=_stage(proposal, now),
        status=proposal.outcome if answered else "", answer=proposal.answer if answered else "",
        answered_on=proposal.answered_at.date() if answered and proposal.answered_at else None,
        answer_due=proposal.answer_due.date() if proposal.answer_due and not answered else None,
        answer_overdue=proposal.is_overdue(at=now),
        progress=proposal.progress, progress_note=proposal.progress_note,
        decisions=(proposal.decision,) if proposal.decision is not None else (),
    )


def proposals_to_answer(process_ids: Sequence[int]) -> QuerySet[Any]:
    """Per process: its proposals that owe an answer, and how many of them are answered."""
    return (
        Proposal.objects.filter(process_id__in=process_ids, status__in=OWES_AN_ANSWER)
        .values("process_id")
        .annotate(total=Count("id"), answered=Count("id", filter=Q(status=Status.ANSWERED)))
    )


def describe(answered: int, total: int) -> str:
    return ngettext("%(answered)s of %(total)s citizen proposal has been answered.",
                    "%(answered)s of %(total)s citizen proposals have been answered.", total) % {
        "answered": answered, "total": total}


def register() -> None:
    what_happened.register(AnsweredKind(
        key="proposal", heading=gettext_lazy("Citizen proposals"),
        intro=gettext_lazy("Proposals from residents that are linked to the dialogue, and the municipality's "
                           "answer to each."),
        items=proposals_of_process, order=10))
    followup.register_counter(proposals_to_answer, kind="proposal", describe=describe)
