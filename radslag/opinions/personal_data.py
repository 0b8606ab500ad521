"""What the opinions app links to a signed-in person: taking part in conversations, answers, statements."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from radslag.audit.personal_data import OnErasure, PersonalDataKind
from radslag.opinions.models import Participant, Statement, StatementVote


def _participation(person: Any, organisation: Any) -> QuerySet[Participant]:
    return Participant.objects.filter(user=person, conversation__organisation=organisation)


def _statements(person: Any, organisation: Any) -> QuerySet[Statement]:
    return Statement.objects.filter(conversation__organisation=organisation).filter(
        Q(author_user=person) | Q(author_participant__user=person))


def _export(person: Any, organisation: Any) -> list[dict[str, Any]]:
    answers = StatementVote.objects.select_related("statement").order_by("statement_id")
    participation = _participation(person, organisation).select_related("conversation").prefetch_related(
        Prefetch("votes", queryset=answers))
    written = list(_statements(person, organisation).select_related("conversation"))
    return [
        {"conversation": participant.conversation.title, "joined": participant.created_at.isoformat(),
         "age_band": participant.age_band,
         "answers": [{"statement": vote.statement.text, "answer": vote.get_value_display()}
                     for vote in participant.votes.all()],
         "statements_written": [{"text": statement.text, "status": statement.get_status_display()}
                                for statement in written if statement.conversation_id == participant.conversation_id]}
        for participant in participation
    ]


def _unlink(person: Any, organisation: Any) -> int:
    statements = Statement.objects.filter(pk__in=_statements(person, organisation).values("pk"))
    statements.filter(author_user=person).update(author_user=None)
    return Participant.objects.filter(pk__in=_participation(person, organisation).values("pk")).update(user=None)


OPINION_PARTICIPATION = PersonalDataKind(
    key="opinions.participation", section="opinion_participation",
    label=_("Taking part in opinion conversations"),
    on_erasure=OnErasure.PSEUDONYMISE,
    reason=_("Your answers stay in the opinion map without any link to you, so the published groups do not change. "
             "Statements you wrote are public records and are kept, without your name."),
    rows=_participation, export=_export, erase=_unlink,
)
