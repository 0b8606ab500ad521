"""Staff pages: typing in paper input, moderating, and the representativeness overview."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from radslag.accounts.models import User
from radslag.contributions.forms import EntryForm, ModerationFilterForm
from radslag.contributions.models import Contribution
from radslag.contributions.permissions import can_enter_for_process, entry_table_ids, is_premoderated
from radslag.contributions.querysets import moderation_queue, recent_entries
from radslag.contributions.representativeness import representativeness
from radslag.contributions.services import UNDO_WINDOW, can_undo, enter_contribution, publish_selected, undo_entry
from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.core.statements import parse_key
from radslag.dialogues.access import process_for
from radslag.dialogues.followup import answer_debts
from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.timeline import today

PAGE_SIZE = 25



def _entry_url(process: DialogueProcess, selection: Mapping[str, object]) -> str:
    url = reverse("contributions:bulk_entry", kwargs={"pk": process.pk})
    return f"{url}?{urlencode(selection)}" if selection else url


def _entry_context(request: HttpRequest, process: DialogueProcess, form: EntryForm, user: User) -> dict[str, object]:
    entries = list(recent_entries(process, user))
    return {
        "process": process,
        "form": form,
        "entries": [(entry, can_undo(entry, user)) for entry in entries],
        "entered_count": Contribution.objects.filter(process=process, entered_by=user).count(),
        "process_count": Contribution.objects.filter(process=process).count(),
        "premoderated": is_premoderated(process),
        "undo_minutes": int(UNDO_WINDOW.total_seconds() // 60),
        "selection_query": urlencode({k: v for k, v in request.GET.items() if k in {"activity", "table", "channel"}}),
    }


def bulk_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """Keyboard-first typing of paper input; activity, table and channel stay chosen through the URL."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    process = process_for(request, pk, Capability.CONTRIBUTIONS_ENTER, unless=can_enter_for_process)
    table_ids = entry_table_ids(request.user, process)
    if request.method != "POST":
        form = EntryForm(initial=request.GET.dict(), process=process, table_ids=table_ids)
        context = _entry_context(request, process, form, request.user)
        return render(request, "contributions/staff/bulk_entry.html", context)
    form = EntryForm(request.POST, process=process, table_ids=table_ids)
    if form.is_valid():
        data = form.cleaned_data
        try:
            enter_contribution(
                process=process, entered_by=request.user, channel=data["channel"], body=data["body"],
                activity=data["activity"], table=data["table"], profile=form.profile(),
                tell_me=data["slip_email"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved. Type the next one."))
            return HttpResponseRedirect(_entry_url(process, form.selection()))
    return render(request, "contributions/staff/bulk_entry.html", _entry_context(request, process, form, request.user))


# Table hosts enter too (process_for's rule); menus read this to show the page to staff.
bulk_entry.required_capability = Capability.CONTRIBUTIONS_ENTER  # type: ignore[attr-defined]


@require_POST
def bulk_undo(request: HttpRequest, pk: int, contribution_pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("contributions:bulk_entry", kwargs={"pk": pk}))
    process = process_for(request, pk, Capability.CONTRIBUTIONS_ENTER, unless=can_enter_for_process)
    contribution = get_object_or_404(Contribution, pk=contribution_pk, process=process, entered_by=request.user)
    try:
        undo_entry(contribution=contribution, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The entry was undone."))
    selection = {k: v for k, v in request.POST.items() if k in {"activity", "table", "channel"} and v}
    return HttpResponseRedirect(_entry_url(process, selection))


@requires_capability(Capability.CONTRIBUTIONS_MODERATE)
def moderation_queue_view(request: HttpRequest, pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.CONTRIBUTIONS_MODERATE)
    filter_form = ModerationFilterForm(request.GET or None)
    status = filter_form.cleaned_data["status"] if filter_form.is_valid() else ""
    page = Paginator(moderation_queue(process, status), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "process": process,
        "filter_form": filter_form,
        "status": status,
        "page": page,
        "rules": process.rule_list(),
        "pending_count": Contribution.objects.filter(process=process, status=Contribution.Status.PENDING).count(),
    }
    return render(request, "contributions/staff/moderation_queue.html", context)


@requires_capability(Capability.CONTRIBUTIONS_MODERATE)
@require_POST
def bulk_publish(request: HttpRequest, pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.CONTRIBUTIONS_MODERATE)
    ids = [key for key in map(parse_key, request.POST.getlist("selected")) if key]
    count = publish_selected(process=process, moderator=request.user, contribution_ids=ids)
    if count:
        messages.success(request, _("%(count)d contributions were published.") % {"count": count})
    else:
        messages.warning(request, _("Select at least one contribution that awaits moderation."))
    return redirect("contributions:moderation_queue", pk=process.pk)


@requires_capability(Capability.PROCESS_READ_ANALYSIS)
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.PROCESS_READ_ANALYSIS)
    context = {"process": process, "report": representativeness(process),
               "debt": answer_debts([process], today()).get(process.pk)}
    return render(request, "contributions/staff/dashboard.html", context)
