"""Staff pages under the process: ballots, options, code sheets, paper ballots, opening and closing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.dialogues.access import process_for
from radslag.voting.codes import display_code
from radslag.voting.forms import BallotForm, CodeBatchForm, OptionForm, PaperVoteForm
from radslag.voting.live import shown_result
from radslag.voting.models import Ballot, CodeBatch, Method, Option
from radslag.voting.paper import render_paper_ballot
from radslag.voting.qr import qr_svg
from radslag.voting.services import (
    add_theme_options,
    close_ballot,
    delete_option,
    enter_paper_ballot,
    generate_codes,
    hide_word,
    new_idempotency_key,
    open_ballot,
    publish_results,
    save_ballot,
    save_option,
    sheet_codes,
)
from radslag.voting.words import all_words, min_count


def staff_ballot(request: HttpRequest, pk: int, ballot_pk: int, capability: Capability) -> Ballot:
    return get_object_or_404(Ballot, pk=ballot_pk, process=process_for(request, pk, capability))


def _detail(ballot: Ballot) -> HttpResponse:
    return redirect("voting:ballot_detail", pk=ballot.process_id, ballot_pk=ballot.pk)


@requires_capability(Capability.PROCESS_READ_ANALYSIS)
def ballot_index(request: HttpRequest, pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.PROCESS_READ_ANALYSIS)
    ballots = process.ballots.all()
    return render(request, "voting/staff/ballot_index.html",
                  {"process": process, "ballots": ballots, "now": timezone.now()})


@requires_capability(Capability.PROCESS_MANAGE)
def ballot_edit(request: HttpRequest, pk: int, ballot_pk: int | None = None) -> HttpResponse:
    process = process_for(request, pk, Capability.PROCESS_MANAGE)
    ballot = get_object_or_404(Ballot, pk=ballot_pk, process=process) if ballot_pk else None
    form = BallotForm(request.POST or None, instance=ballot, process=process)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_ballot(process=process, user=request.user, values=form.cleaned_data, ballot=ballot)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The ballot was saved."))
            return _detail(saved)
    if ballot is not None:
        ballot.refresh_from_db()
    return render(request, "voting/staff/ballot_form.html", {"process": process, "ballot": ballot, "form": form})


@requires_capability(Capability.PROCESS_READ_ANALYSIS, write=Capability.PROCESS_MANAGE)
def ballot_detail(request: HttpRequest, pk: int, ballot_pk: int) -> HttpResponse:
    ballot = staff_ballot(request, pk, ballot_pk, Capability.PROCESS_READ_ANALYSIS)
    form = OptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            save_option(ballot=ballot, user=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The option was added."))
            return _detail(ballot)
    return _detail_page(request, ballot, option_form=form)


def _detail_page(request: HttpRequest, ballot: Ballot, *, option_form: OptionForm | None = None,
                 code_form: CodeBatchForm | None = None) -> HttpResponse:
    """The ballot's staff page; a bound form with errors is shown with them and answers 400."""
    now = timezone.now()
    context = {
        "process": ballot.process, "ballot": ballot, "option_form": option_form or OptionForm(),
        "code_form": code_form or CodeBatchForm(),
        "options": ballot.options.all(), "batches": ballot.code_batches.all(), "now": now,
        "is_open": ballot.is_open(now), "has_closed": ballot.has_closed(now),
        "cast_count": ballot.cast_ballots.count(), "voter_url": request.build_absolute_uri(
            reverse("voting:vote", kwargs={"ballot_pk": ballot.pk})),
    }
    if ballot.method == Method.WORDS:
        # Staff moderate from the same snapshot everyone sees, never from the exact count (see voting.live).
        context.update(words=all_words(ballot, shown_result(ballot, now).result), word_min_count=min_count(),
                       hidden_words=ballot.hidden_words.all())
    refused = any(form is not None and form.is_bound and form.errors for form in (option_form, code_form))
    return render(request, "voting/staff/ballot_detail.html", context, status=400 if refused else 200)


@requires_capability(Capability.PROCESS_MANAGE)
@require_POST
def option_delete(request: HttpRequest, pk: int, ballot_pk: int, option_pk: int) -> HttpResponse:
    ballot = staff_ballot(request, pk, ballot_pk, Capability.PROCESS_MANAGE)
    option = get_object_or_404(Option, pk=option_pk, ballot=ballot)
    _run(request, lambda: delete_option(option=option, user=request.user), _("The option was removed."))
    return _detail(ballot)


def _run(request: HttpRequest, action: Callable[[], object], success: Any) -> None:
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)


@requires_capability(Capability.PROCESS_MANAGE)
@require_POST
def theme_options_add(request: HttpRequest, pk: int, ballot_pk: int) -> HttpResponse:
    ballot = staff_ballot(request, pk, ballot_pk, Capability.PROCESS_MANAGE)
    try:
        added = add_theme_options(ballot=ballot, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(count)d themes were added as options.") % {"count": added})
    return _detail(ballot)


@requires_capability(Capability.VOTING_MANAGE_CODES)
@require_POST
def codes_generate(request: HttpRequest, pk: int, ballot_pk: int) -> HttpResponse:
    ballot = staff_ballot(request, pk, ballot_pk, Capability.VOTING_MANAGE_CODES)
    form = CodeBatchForm(request.POST)
    if form.is_valid():
        try:
            batch = generate_codes(ballot=ballot, user=request.user, count=form.cleaned_data["count"],
                                   label=form.cleaned_data["label"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("voting:code_sheet", pk=pk, ballot_pk=ballot.pk, batch_pk=batch.pk)
    return _detail_page(request, ballot, code_form=form)


@requires_capability(Capability.VOTING_MANAGE_CODES)
@never_cache
def code_sheet(request: HttpRequest, pk: int, ballot_pk: int, batch_pk: int) -> HttpResponse:
    """A printable sheet: each code with a QR code that opens the voter page with the code filled in."""
    ballot = staff_ballot(request, pk, ballot_pk, Capability.VOTING_MANAGE_CODES)
    batch = get_object_or_404(CodeBatch, pk=batch_pk, ballot=ballot)
    base = request.build_absolute_uri(reverse("voting:vote", kwargs={"ballot_pk": ballot.pk}))
    slips = [
        {"number": number, "code": display_code(code), "used": used, "url": f"{base}#kod={code}",
         "qr": qr_svg(f"{base}#kod={code}")}
        for number, code, used in sheet_codes(batch=batch, user=request.user)
    ]
    return render(request, "voting/staff/code_sheet.html",
                  {"ballot": ballot, "batch": batch, "slips": slips, "voter_url": base})


@requires_capability(Capability.PROCESS_MANAGE)
@require_POST
def word_hide(request: HttpRequest, pk: int, ballot_pk: int) -> HttpResponse:
    """Hides a word from the public word view (or, with `visa`, shows it again)."""
    ballot = staff_ballot(request, pk, ballot_pk, Capability.PROCESS_MANAGE)
    word, show = request.POST.get("ord", ""), request.POST.get("visa") == "1"
    done = _("The word is shown again.") if show else _("The word is hidden from the screen and the results page.")
    _run(request, lambda: hide_word(ballot=ballot, user=request.user, word=word, hidden=not show), done)
    return _detail(ballot)


@requires_capability(Capability.VOTING_ENTER_PAPER)
def paper_ballot_pdf(request: HttpRequest, pk: int, ballot_pk: int) -> HttpResponse:
    """A blank A4 paper ballot to print, matching the paper-entry form."""
    ballot = staff_ballot(request, pk, ballot_pk, Capability.VOTING_ENTER_PAPER)
    response = HttpResponse(render_paper_ballot(ballot), content_type="application/pdf")
    filename = f"valsedel-{ballot.pk}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@requires_capability(Capability.VOTING_ENTER_PAPER)
def paper_entry(request: HttpRequest, pk: int, ballot_pk: int) -> HttpResponse:
    ballot = staff_ballot(request, pk, ballot_pk, Capability.VOTING_ENTER_PAPER)
    options = list(ballot.options.all())
    label = request.GET.get("hog", "")
    form = PaperVoteForm(request.POST or None, ballot=ballot, options=options,
                         initial={"idempotency_key": new_idempotency_key(), "batch_label": label})
    if request.method == "POST" and form.is_valid():
        try:
            cast = enter_paper_ballot(
                ballot=ballot, batch_label=form.cleaned_data["batch_label"], choices=form.raw_choices(),
                idempotency_key=form.cleaned_data["idempotency_key"], entered_by=request.user,
                profile=form.profile(),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Paper ballot %(receipt)s was counted.") % {"receipt": cast.receipt})
            url = reverse("voting:paper_entry", kwargs={"pk": pk, "ballot_pk": ballot.pk})
            return redirect(f"{url}?{urlencode({'hog': form.cleaned_data['batch_label']})}")
    paper_count = ballot.cast_ballots.filter(source="paper").count()
    return render(request, "voting/staff/paper_entry.html",
                  {"process": ballot.process, "ballot": ballot, "form": form, "paper_count": paper_count})


def _state_change(service: Callable[..., Ballot], success: Any) -> Callable[..., HttpResponse]:
    @requires_capability(Capability.PROCESS_MANAGE)
    @require_POST
    def view(request: HttpRequest, pk: int, ballot_pk: int) -> HttpResponse:
        ballot = staff_ballot(request, pk, ballot_pk, Capability.PROCESS_MANAGE)
        _run(request, lambda: service(ballot=ballot, user=request.user), success)
        return _detail(ballot)

    return view


ballot_open = _state_change(open_ballot, gettext_lazy("The vote is open."))
ballot_close = _state_change(close_ballot, gettext_lazy("The vote is closed."))
ballot_publish = _state_change(publish_results, gettext_lazy("The results are published."))
