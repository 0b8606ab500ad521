"""Staff pages: conversations of a process, seed statements, moderation, recomputing, import and export."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.dialogues.access import process_for
from radslag.opinions.forms import ConversationForm, RejectForm, SeedEditForm, SeedForm
from radslag.opinions.models import Conversation, Statement
from radslag.opinions.staff_services import (
    accept_statement,
    add_seed_statement,
    create_conversation,
    edit_seed_statement,
    recompute_now,
    reject_statement,
    remove_seed_statement,
    update_conversation,
)


def staff_conversation(request: HttpRequest, pk: int, conversation_pk: int, capability: Capability) -> Conversation:
    process = process_for(request, pk, capability)
    return get_object_or_404(Conversation.objects.select_related("process"), pk=conversation_pk, process=process)


@requires_capability(Capability.PROCESS_READ_ANALYSIS, write=Capability.PROCESS_MANAGE)
def conversation_list(request: HttpRequest, pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.PROCESS_READ_ANALYSIS)
    form = ConversationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        conversation = create_conversation(process=process, user=request.user, **form.cleaned_data)
        messages.success(request, _("The conversation was created. Add seed statements next."))
        return redirect("opinions:staff_conversation", pk=pk, conversation_pk=conversation.pk)
    conversations = process.conversations.all()
    return render(request, "opinions/staff/conversation_list.html",
                  {"process": process, "conversations": conversations, "form": form})


@requires_capability(Capability.PROCESS_READ_ANALYSIS, write=Capability.PROCESS_MANAGE)
def conversation_edit(request: HttpRequest, pk: int, conversation_pk: int) -> HttpResponse:
    conversation = staff_conversation(request, pk, conversation_pk, Capability.PROCESS_READ_ANALYSIS)
    action = request.POST.get("action") if request.method == "POST" else None
    form = ConversationForm(request.POST if action == "save" else None, instance=conversation)
    seed_form = SeedForm(request.POST if action == "seed" else None)
    if action == "save" and form.is_valid():
        update_conversation(conversation=conversation, user=request.user, **form.cleaned_data)
        messages.success(request, _("The conversation was saved."))
        return redirect("opinions:staff_conversation", pk=pk, conversation_pk=conversation_pk)
    if action == "seed" and seed_form.is_valid():
        try:
            add_seed_statement(conversation=conversation, user=request.user, text=seed_form.cleaned_data["text"],
                               text_en=seed_form.cleaned_data.get("text_en") or "")
        except DomainError as error:
            seed_form.add_error("text", error.message)
        else:
            messages.success(request, _("The seed statement was added."))
            return redirect("opinions:staff_conversation", pk=pk, conversation_pk=conversation_pk)
    conversation.refresh_from_db()
    context = {
        "process": conversation.process, "conversation": conversation, "form": form, "seed_form": seed_form,
        "statements": conversation.statements.annotate(answer_count=Count("votes")).order_by("pk"),
        "pending_count": conversation.statements.pending().count(),
        "snapshot": conversation.snapshots.first(),
    }
    return render(request, "opinions/staff/conversation_edit.html", context, status=400 if action else 200)


@requires_capability(Capability.PROCESS_MANAGE)
def seed_edit(request: HttpRequest, pk: int, conversation_pk: int, statement_pk: int) -> HttpResponse:
    """Correct or remove a seed statement, while nobody has answered it."""
    conversation = staff_conversation(request, pk, conversation_pk, Capability.PROCESS_MANAGE)
    statement = get_object_or_404(Statement, pk=statement_pk, conversation=conversation, is_seed=True)
    action = request.POST.get("action") if request.method == "POST" else None
    form = SeedEditForm(request.POST if action == "save" else None, initial={"text": statement.text})
    back = redirect("opinions:staff_conversation", pk=pk, conversation_pk=conversation_pk)
    refusal = ""
    try:
        if action == "remove":
            remove_seed_statement(statement=statement, user=request.user)
            messages.success(request, _("The seed statement was removed."))
            return back
        if action == "save" and form.is_valid():
            edit_seed_statement(statement=statement, user=request.user, text=form.cleaned_data["text"])
            messages.success(request, _("The seed statement was changed."))
            return back
    except DomainError as error:
        refusal = error.message
    context = {"process": conversation.process, "conversation": conversation, "statement": statement,
               "form": form, "answered": statement.votes.exists(), "refusal": refusal}
    return render(request, "opinions/staff/seed_edit.html", context, status=400 if action else 200)


@requires_capability(Capability.CONTRIBUTIONS_MODERATE)
def moderation_queue(request: HttpRequest, pk: int, conversation_pk: int) -> HttpResponse:
    conversation = staff_conversation(request, pk, conversation_pk, Capability.CONTRIBUTIONS_MODERATE)
    context = {
        "process": conversation.process, "conversation": conversation,
        "pending": conversation.statements.pending().order_by("created_at"),
        "rejected": conversation.statements.filter(status=Statement.Status.REJECTED).order_by("-moderated_at")[:50],
        "reject_form": RejectForm(),
    }
    return render(request, "opinions/staff/moderation.html", context)


@requires_capability(Capability.CONTRIBUTIONS_MODERATE)
@require_POST
def moderate(request: HttpRequest, pk: int, conversation_pk: int, statement_pk: int) -> HttpResponse:
    conversation = staff_conversation(request, pk, conversation_pk, Capability.CONTRIBUTIONS_MODERATE)
    statement = get_object_or_404(Statement, pk=statement_pk, conversation=conversation)
    if request.POST.get("action") == "accept":
        accept_statement(statement=statement, moderator=request.user)
        messages.success(request, _("The statement was accepted and is now shown to participants."))
        return redirect("opinions:staff_moderation", pk=pk, conversation_pk=conversation_pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        reject_statement(statement=statement, moderator=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The statement was rejected. It is kept as a record with the reason."))
        return redirect("opinions:staff_moderation", pk=pk, conversation_pk=conversation_pk)
    context = {"process": conversation.process, "conversation": conversation, "statement": statement,
               "reject_form": form}
    return render(request, "opinions/staff/reject.html", context, status=400)


@requires_capability(Capability.PROCESS_MANAGE)
@require_POST
def recompute(request: HttpRequest, pk: int, conversation_pk: int) -> HttpResponse:
    conversation = staff_conversation(request, pk, conversation_pk, Capability.PROCESS_MANAGE)
    snapshot, computed = recompute_now(conversation=conversation, user=request.user)
    groups = len(snapshot.result.get("groups", []))
    if computed:
        messages.success(request, _("The opinion groups were computed: %(groups)d groups from %(votes)d answers.")
                         % {"groups": groups, "votes": snapshot.vote_count})
    else:
        messages.info(request, _("Nothing has been answered or moderated since the last computation, so the "
                                 "opinion groups stand: %(groups)d groups from %(votes)d answers.")
                      % {"groups": groups, "votes": snapshot.vote_count})
    return redirect("opinions:staff_conversation", pk=pk, conversation_pk=conversation_pk)
