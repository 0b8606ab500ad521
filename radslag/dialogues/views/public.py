"""Public pages: the municipality's start page, the process list and the process page."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from radslag.dialogues import querysets
from radslag.dialogues.forms import ProcessFilterForm
from radslag.dialogues.ladder import ladder_steps
from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.permissions import can_view_process
from radslag.dialogues.timeline import build_timeline, current_entry, next_activity, overview_of, today
from radslag.governance.models import FocusArea
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
        "closed": [overview_of(p, on, now) for p in querysets.recently_closed(organisation)],
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
        "overviews": [overview_of(p, on, now) for p in querysets.with_overview(processes)],
    })


def viewable_process(request: HttpRequest, slug: str) -> DialogueProcess:
    """The process by its slug in this municipality; a draft is a 404 except to its own staff."""
    process = querysets.process_for_page(organisation_of(request), slug).first()
    if process is None or not can_view_process(request.user, process):
        raise Http404("No such process.")
    return process


def process_context(process: DialogueProcess) -> dict[str, Any]:
    timeline = build_timeline(process.phases.all(), today())
    current = current_entry(timeline)
    return {
        "process": process,
        "timeline": timeline,
        "current_phase": current.phase if current else None,
        "next_activity": next_activity(process.activities.all(), timezone.now()),
        "ladder": ladder_steps(process.participation_level),
        "is_open": process.status == DialogueProcess.Status.PUBLISHED,
        **participation_links(process),
    }


def participation_links(process: DialogueProcess) -> dict[str, Any]:
    """Ballots, conversations, the compilation and councils' answers of the process, through reverse relations.

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
    }


def process_detail(request: HttpRequest, slug: str) -> HttpResponse:
    process = viewable_process(request, slug)
    return render(request, "dialogues/process_detail.html", process_context(process))
