"""A small conversation where two camps answer opposite ways, plus statements both camps agree on."""

from radslag.opinions.models import Conversation, Participant, Statement, StatementVote
from radslag.opinions.tests.factories import ParticipantFactory, StatementFactory

SPLIT, SHARED = 6, 2


def two_camps(conversation: Conversation, per_camp: int = 12) -> dict[str, list[Participant]]:
    """Camp A agrees with the first half of the splitting statements and rejects the rest; camp B the opposite."""
    splitting = [StatementFactory(conversation=conversation) for _ in range(SPLIT)]
    shared = [StatementFactory(conversation=conversation, text=f"Centrum ska vara tryggt på kvällen ({n}).")
              for n in range(SHARED)]
    camps: dict[str, list[Participant]] = {"A": [], "B": []}
    votes = []
    for camp, sign in (("A", 1), ("B", -1)):
        for n in range(per_camp):
            participant = ParticipantFactory(conversation=conversation)
            camps[camp].append(participant)
            for i, statement in enumerate(splitting):
                value = sign if i < SPLIT // 2 else -sign
                if (n + i) % 7 == 0:
                    value = 0  # a few passes, so the camps are not perfectly uniform
                votes.append(StatementVote(participant=participant, statement=statement, value=value))
            votes += [StatementVote(participant=participant, statement=s, value=1) for s in shared]
    StatementVote.objects.bulk_create(votes)
    return camps


def shared_statements(conversation: Conversation) -> list[Statement]:
    return list(conversation.statements.filter(text__startswith="Centrum ska vara tryggt"))
