"""Public pages: answering statements one at a time, adding a statement, and the results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.core.throttle import throttled
from radslag.dialogues.permissions import can_read_early_results, can_view_process
from radslag.messaging.consent import ask_to_be_told
from radslag.messaging.forms import TellMeForm
from radslag.messaging.models import Source
from radslag.opinions.composition import composition
from radslag.opinions.forms import CodeForm, ProfileForm, StatementForm
from radslag.opinions.models import Conversation
from radslag.opinions.participation import next_statement, own_pending, progress
from radslag.opinions.recompute import is_stale
from radslag.opinions.results import HEIGHT, WIDTH, build_results
from radslag.opinions.services import (
    add_statement,
    answer_statement,
    find_participant,
    participant_for_code,
    set_profile,
)
from radslag.opinions.tasks import queue_recompute


def public_conversation(request: HttpRequest, pk: int, *, results: bool = False) -> Conversation:
    """The conversation, if its process is public; `results` also lets in those who may read results
    before publication (staff, and elected officials where the process allows it)."""
    conversation = get_object_or_404(
        Conversation.objects.select_related("process", "organisation"),
        pk=pk, organisation=request.organisation,  # type: ignore[attr-defined]
    )
    process = conversation.process
    if not (can_view_process(request.user, process) or (results and can_read_early_results(request.user, process))):
        raise Http404
    return conversation


def _code_key(conversation: Conversation) -> str:
    return f"opinions-code-{conversation.pk}"


def _session_code(request: HttpRequest, conversation: Conversation) -> str | None:
    return request.session.get(_code_key(conversation))


def _remember(request: HttpRequest, conversation: Conversation, code: str | None) -> None:
    if code:
        request.session[_code_key(conversation)] = code
        messages.info(request, _("Your participation code is %(code)s. Write it down to continue on another device.")
                      % {"code": code})


def _page(request: HttpRequest, conversation: Conversation, *, status: int = 200, **extra: object) -> HttpResponse:
    participant = find_participant(conversation, request.user, _session_code(request, conversation))
    context = {
        "conversation": conversation, "process": conversation.process,
        "statement": next_statement(conversation, participant) if conversation.is_open else None,
        "progress": progress(conversation, participant), "pending": own_pending(participant),
        "code": _session_code(request, conversation) if participant else None,
        "statement_form": StatementForm(), "code_form": CodeForm(), "participant": participant,
        "profile_form": ProfileForm(organisation=conversation.organisation, initial={
            "age_band": participant.age_band, "locality": participant.locality_id} if participant else None),
        "needs_sign_in": conversation.access == Conversation.Access.SIGNED_IN and not request.user.is_authenticated,
        "tell_me_form": TellMeForm(organisation=conversation.organisation, user=request.user),
        **extra,
    }
    return render(request, "opinions/participate.html", context, status=status)


def participate(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, public_conversation(request, pk))


def _refusal_status(error: DomainError, conversation: Conversation) -> int:
    if isinstance(error, PermissionDeniedError) or not conversation.is_open:
        return 403
    return 400


@require_POST
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = public_conversation(request, pk)
    if conversation.access == Conversation.Access.SIGNED_IN and not request.user.is_authenticated:
        return redirect_to_login(reverse("opinions:participate", kwargs={"pk": pk}))
    if refusal := throttled(request, "statement_answer"):
        return refusal
    try:
        _vote, code = answer_statement(
            conversation=conversation, user=request.user, code=_session_code(request, conversation),
            statement_id=request.POST.get("statement"), value=request.POST.get("value", ""),
        )
    except DomainError as error:
        return _page(request, conversation, status=_refusal_status(error, conversation), vote_error=error.message)
    _remember(request, conversation, code)
    return redirect(reverse("opinions:participate", kwargs={"pk": pk}) + "#statement")


@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = public_conversation(request, pk)
    if conversation.access == Conversation.Access.SIGNED_IN and not request.user.is_authenticated:
        return redirect_to_login(reverse("opinions:participate", kwargs={"pk": pk}))
    if refusal := throttled(request, "statement"):
        return refusal
    form = StatementForm(request.POST)
    if form.is_valid():
        try:
            _statement, code = add_statement(conversation=conversation, user=request.user,
                                             code=_session_code(request, conversation), text=form.cleaned_data["text"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            _remember(request, conversation, code)
            messages.success(request, _("Thank you! Your statement is shown to others once a moderator has read it."))
            return redirect("opinions:participate", pk=pk)
    return _page(request, conversation, status=400, statement_form=form)


@require_POST
def enter_code(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = public_conversation(request, pk)
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            participant_for_code(conversation, form.cleaned_data["code"])
        except DomainError as error:
            form.add_error("code", error.message)
        else:
            request.session[_code_key(conversation)] = form.cleaned_data["code"].upper()
            messages.success(request, _("Welcome back. You continue where you left off."))
            return redirect("opinions:participate", pk=pk)
    return _page(request, conversation, status=400, code_form=form)


@require_POST
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = public_conversation(request, pk)
    participant = find_participant(conversation, request.user, _session_code(request, conversation))
    if participant is None:
        return redirect("opinions:participate", pk=pk)
    form = ProfileForm(request.POST, organisation=conversation.organisation)
    if form.is_valid():
        try:
            set_profile(participant=participant, age_band=form.cleaned_data["age_band"],
                        locality=form.cleaned_data["locality"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you. Your answers about yourself were saved."))
            return redirect("opinions:participate", pk=pk)
    return _page(request, conversation, status=400, profile_form=form)


def results(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = public_conversation(request, pk, results=True)
    if is_stale(conversation):
        queue_recompute(conversation)  # eager without a broker: the page below already shows the new result
    participant = find_participant(conversation, request.user, _session_code(request, conversation))
    view = build_results(conversation, participant)
    shown = [(group.label, group.participants) for group in [*view.groups, *([view.others] if view.others else [])]]
    context = {"conversation": conversation, "process": conversation.process, "view": view,
               "participant": participant, "width": WIDTH, "height": HEIGHT,
               "composition": composition(conversation, shown) if shown else []}
    return render(request, "opinions/results.html", context)


@require_POST
def tell_me(request: HttpRequest, pk: int) -> HttpResponse:
    """Leave an address to hear what the conversation led to; stored apart from the answers."""
    conversation = public_conversation(request, pk)
    if refusal := throttled(request, "consent"):
        return refusal
    form = TellMeForm(request.POST, organisation=conversation.organisation, user=request.user)
    if not form.tell_me_address():
        return _page(request, conversation, status=400, tell_me_form=form)
    recipient = ask_to_be_told(
        organisation=conversation.organisation, email=form.tell_me_address(), source=Source.CONVERSATION,
        source_id=conversation.pk, process_id=conversation.process_id, language=get_language() or "sv",
        user=request.user if request.user.is_authenticated else None,
    )
    return render(request, "messaging/asked.html", {
        "recipient": recipient, "back_url": reverse("opinions:participate", kwargs={"pk": pk}),
        "back_label": _("Back to the conversation"),
    })
