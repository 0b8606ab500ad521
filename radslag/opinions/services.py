"""Writes by participants: joining a conversation, answering statements, adding statements."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.core import codes
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.core.models import AgeBand
from radslag.core.statements import parse_key
from radslag.opinions.models import STATEMENT_MAX_LENGTH, Conversation, Participant, Statement, StatementVote
from radslag.opinions.tasks import queue_recompute
from radslag.organisations.models import Locality

VALUES = {"agree": StatementVote.Value.AGREE, "disagree": StatementVote.Value.DISAGREE,
          "pass": StatementVote.Value.PASS}


def new_code() -> str:
    """A participation code in the alphabet and grouping of `core.codes` (drawn at random, not derived)."""
    return codes.display_code("".join(secrets.choice(codes.ALPHABET) for _ in range(codes.CODE_LENGTH)))


def _purpose(conversation: Conversation) -> str:
    return f"radslag.opinions.participant.{conversation.pk}"


def hash_code(conversation: Conversation, code: str) -> str:
    """Only this keyed hash is stored; the code itself lives in the participant's session."""
    return codes.hash_code(_purpose(conversation), code)


def _legacy_hash(conversation: Conversation, code: str) -> str:
    """How codes were stored before they were keyed with the server's secret (SHA-256 of id and code)."""
    return hashlib.sha256(f"{conversation.pk}:{codes.normalise_code(code)}".encode()).hexdigest()


def _by_code(conversation: Conversation, code: str) -> Participant | None:
    """The participant with this code; one stored under the old unkeyed hash is moved to the keyed one."""
    keyed = hash_code(conversation, code)
    participant = Participant.objects.filter(conversation=conversation, code_hash=keyed).first()
    if participant is None:
        participant = Participant.objects.filter(conversation=conversation,
                                                 code_hash=_legacy_hash(conversation, code)).first()
        if participant is not None:
            participant.code_hash = keyed
            participant.save(update_fields=["code_hash"])
    return participant


def check_can_take_part(conversation: Conversation, user: Any) -> None:
    if not conversation.is_open:
        raise DomainError(_("This conversation is closed. Thank you to everyone who took part."))
    if conversation.access == Conversation.Access.SIGNED_IN and not getattr(user, "is_authenticated", False):
        raise PermissionDeniedError(_("Sign in to take part in this conversation."))


def participant_for_user(conversation: Conversation, user: Any) -> Participant:
    """A signed-in person is their own participant, on every device."""
    participant, _created = Participant.objects.get_or_create(conversation=conversation, user=user)
    return participant


def join_anonymously(*, conversation: Conversation) -> tuple[Participant, str]:
    """A new anonymous participant and the code (shown once, kept in the session) that identifies them."""
    check_can_take_part(conversation, None)
    code = new_code()
    participant = Participant.objects.create(conversation=conversation, code_hash=hash_code(conversation, code))
    return participant, code


def participant_for_code(conversation: Conversation, code: str) -> Participant:
    if len(codes.normalise_code(code)) != codes.CODE_LENGTH:
        raise DomainError(_("A participation code has ten letters and digits, for example ABCDE-FGH23."))
    participant = _by_code(conversation, code)
    if participant is None:
        raise DomainError(_("We do not recognise that participation code for this conversation."))
    return participant


def parse_value(raw: str) -> int:
    value = VALUES.get(raw)
    if value is None:
        raise DomainError(_("Choose agree, disagree or pass."))
    return int(value)


def _votable_statement(conversation: Conversation, statement_id: Any) -> Statement:
    statement = Statement.objects.filter(pk=parse_key(statement_id), conversation=conversation).first()
    if statement is None:
        raise DomainError(_("That statement does not exist in this conversation."))
    if statement.status != Statement.Status.ACCEPTED:
        raise DomainError(_("That statement is not open for answers."))
    return statement


@transaction.atomic
def cast_vote(*, participant: Participant, statement_id: Any, value: str) -> StatementVote:
    """Agree, disagree or pass on one statement. Answering again changes the earlier answer.

    One INSERT ... ON CONFLICT DO UPDATE on (participant, statement): two tabs answering at once
    still leave exactly one row, holding the later answer.
    """
    conversation = participant.conversation
    check_can_take_part(conversation, participant.user)
    statement = _votable_statement(conversation, statement_id)
    vote = StatementVote(participant=participant, statement=statement, value=parse_value(value),
                         updated_at=timezone.now())
    StatementVote.objects.bulk_create(
        [vote], update_conflicts=True, unique_fields=["participant", "statement"], update_fields=["value", "updated_at"]
    )
    queue_recompute(conversation)
    return vote


def clean_statement_text(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise DomainError(_("Write the statement before you send it."))
    if len(cleaned) > STATEMENT_MAX_LENGTH:
        raise DomainError(
            _("A statement can be at most %(limit)d characters long.") % {"limit": STATEMENT_MAX_LENGTH}
        )
    return cleaned


@transaction.atomic
def submit_statement(*, participant: Participant, text: str) -> Statement:
    """A participant's own statement. Others see it only once a moderator has accepted it."""
    conversation = participant.conversation
    check_can_take_part(conversation, participant.user)
    if not conversation.allow_statements:
        raise DomainError(_("This conversation does not take new statements."))
    statement = Statement.objects.create(
        conversation=conversation, text=clean_statement_text(text), author_participant=participant,
        status=Statement.Status.PENDING,
    )
    record_event(
        organisation=conversation.organisation, actor=participant.user, action="opinions.statement_submitted",
        target=statement, data={"conversation": conversation.pk},
    )
    return statement


def find_participant(conversation: Conversation, user: Any, code: str | None) -> Participant | None:
    """The participant the request speaks for, without creating one."""
    if getattr(user, "is_authenticated", False):
        return Participant.objects.filter(conversation=conversation, user=user).first()
    if code:
        return _by_code(conversation, code)
    return None


def _participant(conversation: Conversation, user: Any, code: str | None) -> tuple[Participant, str | None]:
    check_can_take_part(conversation, user)
    if getattr(user, "is_authenticated", False):
        participant = participant_for_user(conversation, user)
        participant.conversation = conversation
        return participant, None
    existing = find_participant(conversation, user, code)
    if existing is not None:
        existing.conversation = conversation  # already loaded; saves a query per answer
        return existing, None
    return join_anonymously(conversation=conversation)


@transaction.atomic
def answer_statement(
    *, conversation: Conversation, user: Any, code: str | None, statement_id: Any, value: str
) -> tuple[StatementVote, str | None]:
    """Answer as the request's participant, joining first if needed; a refused answer leaves no participant.

    Returns the answer and, for a newly joined anonymous participant, their participation code.
    """
    participant, new = _participant(conversation, user, code)
    return cast_vote(participant=participant, statement_id=statement_id, value=value), new


@transaction.atomic
def add_statement(
    *, conversation: Conversation, user: Any, code: str | None, text: str
) -> tuple[Statement, str | None]:
    """Submit a statement as the request's participant, joining first if needed."""
    participant, new = _participant(conversation, user, code)
    return submit_statement(participant=participant, text=text), new


@transaction.atomic
def set_profile(*, participant: Participant, age_band: str, locality: Locality | None) -> Participant:
    """The optional facts about a participant; only ever shown as counts, never beside their answers."""
    if age_band and age_band not in AgeBand.values:
        raise DomainError(_("Choose one of the age bands."))
    if locality is not None and locality.organisation_id != participant.conversation.organisation_id:
        raise DomainError(_("Choose one of the municipality's localities."))
    participant.age_band, participant.locality = age_band, locality
    participant.save(update_fields=["age_band", "locality"])
    return participant
