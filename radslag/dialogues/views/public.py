"""Public pages: the municipality's start page, the process list and the process page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from radslag.dialogues import querysets
from radslag.dialogues.followup import answer_debts
from radslag.dialogues.forms import ProcessFilterForm
from radslag.dialogues.ladder import ladder_steps
from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.permissions import can_view_process
from radslag.dialogues.timeline import (
    PhaseState,
    ProcessOverview,
    TimelineEntry,
    build_timeline,
    current_entry,
    next_activity,
    overview_of,
    today,
)
from radslag.governance.models import Decision, DecisionLink, FocusArea
from radslag.governance.querysets import outcomes_for, process_links
from radslag.organisations.models import Organisation


def organisation_of(request: HttpRequest) -> Organisation:
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        raise Http404("No municipality is configured for this address.")
    return organisation


def home(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request)
    on, now = today(), timezone.now()
    return render(request, "dialogues/home.html", {
        "ongoing": [overview_of(p, on, now) for p in querysets.ongoing(organisation)],
        "closed": overviews(list(querysets.recently_closed(organisation)), on, now),
        "focus_areas": FocusArea.objects.for_organisation(organisation),
        "ladder": ladder_steps(),
    })


def _filtered(processes: QuerySet[DialogueProcess], form: ProcessFilterForm) -> QuerySet[DialogueProcess]:
    if not form.is_valid():
        return processes
    status = form.cleaned_data["status"]
    if status == "ongoing":
        processes = processes.filter(status=DialogueProcess.Status.PUBLISHED)
    elif status == "closed":
        processes = processes.filter(status=DialogueProcess.Status.CLOSED)
    if form.cleaned_data["focus_area"] is not None:
        processes = processes.filter(focus_areas=form.cleaned_data["focus_area"])
    return processes


def process_list(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request)
    form = ProcessFilterForm(request.GET or None, organisation=organisation)
    processes = querysets.ongoing_first(_filtered(querysets.public_processes(organisation), form))
    on, now = today(), timezone.now()
    return render(request, "dialogues/process_list.html", {
        "form": form,
        "overviews": overviews(list(querysets.with_overview(processes)), on, now),
    })


def overviews(processes: list[DialogueProcess], on: dt.date, now: dt.datetime) -> list[ProcessOverview]:
    """What happens now in each process; for a finished one, its outcome (one query for all)."""
    closed = [p.pk for p in processes if p.status == DialogueProcess.Status.CLOSED]
    outcomes = outcomes_for(closed) if closed else {}
    return [overview_of(p, on, now, outcomes.get(p.pk, ())) for p in processes]


def viewable_process(request: HttpRequest, slug: str) -> DialogueProcess:
    """The process by its slug in this municipality; a draft is a 404 except to its own staff."""
    process = querysets.process_for_page(organisation_of(request), slug).first()
    if process is None or not can_view_process(request.user, process):
        raise Http404("No such process.")
    return process


def process_context(process: DialogueProcess) -> dict[str, Any]:
    on = today()
    is_open = process.status == DialogueProcess.Status.PUBLISHED
    timeline = build_timeline(process.phases.all(), on)
    if process.status == DialogueProcess.Status.CLOSED:  # finished: no phase is "now" or "coming" any more
        timeline = [TimelineEntry(phase=entry.phase, state=PhaseState.DONE) for entry in timeline]
    current = current_entry(timeline)
    return {
        "process": process,
        "timeline": timeline,
        # A finished dialogue has no current phase or next activity to speak of; it shows its outcome.
        "current_phase": current.phase if current and is_open else None,
        "next_activity": next_activity(process.activities.all(), timezone.now()) if is_open else None,
        "ladder": ladder_steps(process.participation_level),
        "is_open": is_open,
        **decisions_of(process),
        "debt": answer_debts([process], on).get(process.pk),
        **participation_links(process),
    }


def decisions_of(process: DialogueProcess) -> dict[str, Any]:
    """The decision that commissioned the process (its own field, and any decision linked so), and the
    decisions that are its outcome, newest first: one query."""
    commissioning: list[Decision] = [process.commissioning_decision] if process.commissioning_decision else []
    outcome: list[tuple[Decision, str]] = []
    for link in process_links(process.pk):
        if link.role == DecisionLink.Role.COMMISSIONING and link.decision not in commissioning:
            commissioning.append(link.decision)
        elif link.role in (DecisionLink.Role.OUTCOME, DecisionLink.Role.PARTIAL):
            outcome.append((link.decision, link.role))
    return {"commissioning_decisions": commissioning, "outcome_decisions": outcome}


def participation_links(process: DialogueProcess) -> dict[str, Any]:
    """Ballots, conversations, the compilation, councils' answers and working groups of the process, through
    reverse relations.

    The apps that own them build on this one, so it reads them without importing them.
    """
    now = timezone.now()
    ballots = [
        {"ballot": ballot, "open": ballot.is_open(now), "results": ballot.results_are_public(now)}
        for ballot in process.ballots.filter(opens_at__lte=now).order_by("-opens_at")
    ]
    return {
        "ballots": [b for b in ballots if b["open"] or b["results"]],
        "conversations": list(process.conversations.filter(status="open")),
        "has_compilation": DialogueProcess.objects.filter(
            pk=process.pk, compilation__versions__isnull=False
        ).exists(),
        "has_council_answers": DialogueProcess.objects.filter(
            pk=process.pk, consultations__answers__published_at__isnull=False
        ).exists(),
        "working_groups": list(process.working_groups.filter(public=True).only("name", "slug", "process_id")),
    }


def process_detail(request: HttpRequest, slug: str) -> HttpResponse:
    process = viewable_process(request, slug)
    return render(request, "dialogues/process_detail.html", process_context(process))
