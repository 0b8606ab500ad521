"""Writes by the municipality's staff: conversations, seed statements, moderation, recomputing."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.core.access import has_capability
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.core.permissions import Capability
from radslag.dialogues.models import DialogueProcess
from radslag.opinions.announce import announce_results
from radslag.opinions.models import Conversation, OpinionSnapshot, Statement
from radslag.opinions.recompute import compute_snapshot, is_stale
from radslag.opinions.services import clean_statement_text

CONVERSATION_FIELDS = (
    "title", "title_en", "question", "question_en", "status", "access", "allow_statements", "min_votes",
)


def check_staff(user: Any, organisation: Any) -> None:
    if not has_capability(user, organisation, Capability.PROCESS_MANAGE):
        raise PermissionDeniedError(_("Only the municipality's staff may manage conversations."))


@transaction.atomic
def create_conversation(*, process: DialogueProcess, user: Any, **fields: Any) -> Conversation:
    check_staff(user, process.organisation)
    values = {name: fields[name] for name in CONVERSATION_FIELDS if name in fields}
    conversation = Conversation.objects.create(
        organisation=process.organisation, process=process, created_by=user, **values
    )
    record_event(organisation=process.organisation, actor=user, action="opinions.conversation_created",
                 target=conversation, data={"process": process.pk})
    return conversation


@transaction.atomic
def update_conversation(*, conversation: Conversation, user: Any, **fields: Any) -> Conversation:
    check_staff(user, conversation.organisation)
    changed = {}
    for name in CONVERSATION_FIELDS:
        if name in fields and getattr(conversation, name) != fields[name]:
            changed[name] = [str(getattr(conversation, name)), str(fields[name])]
            setattr(conversation, name, fields[name])
    conversation.save()
    record_event(organisation=conversation.organisation, actor=user, action="opinions.conversation_changed",
                 target=conversation, data={"changed": changed})
    if "status" in changed:
        announce_results(conversation)  # closed now: its results are final
    return conversation


@transaction.atomic
def add_seed_statement(*, conversation: Conversation, user: Any, text: str, text_en: str = "") -> Statement:
    """Staff statements are seeds: accepted at once, shown to everyone."""
    check_staff(user, conversation.organisation)
    statement = Statement.objects.create(
        conversation=conversation, text=clean_statement_text(text), author_user=user, is_seed=True,
        text_en=clean_statement_text(text_en) if text_en.strip() else "",
        status=Statement.Status.ACCEPTED, moderated_by=user, moderated_at=timezone.now(),
    )
    record_event(organisation=conversation.organisation, actor=user, action="opinions.seed_added",
                 target=statement, data={"conversation": conversation.pk})
    return statement


class SeedAnsweredError(DomainError):
    """Someone has answered the seed statement: changing or removing it would alter what they answered."""


def _unanswered_seed(statement: Statement, user: Any) -> Statement:
    """The seed, locked: an answer being saved at the same moment waits, or this waits for it."""
    check_staff(user, statement.conversation.organisation)
    statement = Statement.objects.select_for_update().select_related("conversation").get(pk=statement.pk)
    if not statement.is_seed:
        raise DomainError(_("Only seed statements can be changed here. A participant's statement is moderated."))
    if statement.votes.exists():
        raise SeedAnsweredError(_(
            "Someone has already answered this statement, so it can no longer be changed or removed: the "
            "answers would then belong to another text. Add a new statement instead."))
    return statement


@transaction.atomic
def edit_seed_statement(*, statement: Statement, user: Any, text: str) -> Statement:
    """Correct a seed statement while nobody has answered it. The audit log keeps the old text."""
    statement = _unanswered_seed(statement, user)
    before, statement.text = statement.text, clean_statement_text(text)
    statement.save(update_fields=["text"])
    record_event(organisation=statement.conversation.organisation, actor=user, action="opinions.seed_changed",
                 target=statement, data={"conversation": statement.conversation_id, "before": before,
                                         "after": statement.text})
    return statement


@transaction.atomic
def remove_seed_statement(*, statement: Statement, user: Any) -> None:
    """Remove a seed statement while nobody has answered it. The audit log keeps its text."""
    statement = _unanswered_seed(statement, user)
    record_event(organisation=statement.conversation.organisation, actor=user, action="opinions.seed_removed",
                 target=statement, data={"conversation": statement.conversation_id, "text": statement.text})
    statement.delete()


def _check_moderator(statement: Statement, user: Any) -> None:
    if not has_capability(user, statement.conversation.organisation, Capability.CONTRIBUTIONS_MODERATE):
        raise PermissionDeniedError(_("You may not moderate statements."))


@transaction.atomic
def accept_statement(*, statement: Statement, moderator: Any) -> Statement:
    _check_moderator(statement, moderator)
    previous = statement.status
    statement.status = Statement.Status.ACCEPTED
    statement.rejection_reason = ""
    statement.moderated_by, statement.moderated_at = moderator, timezone.now()
    statement.save()
    record_event(organisation=statement.conversation.organisation, actor=moderator,
                 action="opinions.statement_accepted", target=statement, data={"previous_status": previous})
    return statement


@transaction.atomic
def reject_statement(*, statement: Statement, moderator: Any, reason: str) -> Statement:
    """Hide a statement from participants. It stays as a record with the reason."""
    _check_moderator(statement, moderator)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Say why the statement is rejected."))
    previous = statement.status
    statement.status = Statement.Status.REJECTED
    statement.rejection_reason = reason[:300]
    statement.moderated_by, statement.moderated_at = moderator, timezone.now()
    statement.save()
    record_event(organisation=statement.conversation.organisation, actor=moderator,
                 action="opinions.statement_rejected", target=statement, reason=statement.rejection_reason,
                 data={"previous_status": previous})
    return statement


def recompute_now(*, conversation: Conversation, user: Any) -> tuple[OpinionSnapshot, bool]:
    """Compute the opinion groups at once, without waiting for the background run: the snapshot, and whether
    it is new. With no answer and no moderation since the last snapshot, that one stands: computing it again
    would change nothing but count, towards the four recomputes in a row that change the number of groups,
    a recompute that saw nothing new (pressing the button four times would undo an import's groups)."""
    check_staff(user, conversation.organisation)
    if not is_stale(conversation) and (latest := conversation.snapshots.order_by("-computed_at").first()):
        return latest, False
    snapshot = compute_snapshot(conversation)
    record_event(organisation=conversation.organisation, actor=user, action="opinions.recomputed",
                 target=conversation, data={"snapshot": snapshot.pk, "votes": snapshot.vote_count})
    return snapshot, True
