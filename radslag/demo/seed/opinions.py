"""A conversation in the current demo process, with synthetic answers that form three opinion groups."""

from __future__ import annotations

import random

from django.utils import timezone

from radslag.core.models import AgeBand
from radslag.demo.seed.context import DemoContext
from radslag.opinions.models import Conversation, Participant, Statement, StatementVote
from radslag.opinions.recompute import compute_snapshot

PROCESS_KEY = "motesplatser"
PARTICIPANTS = 320
SEED = 2031

# Each statement with the chance that a member of each latent group agrees:
# (active and young, quiet and older, associations and culture).
STATEMENTS: tuple[tuple[str, tuple[float, float, float]], ...] = (
    ("Biblioteket borde vara öppet till klockan 21 på vardagar.", (0.9, 0.3, 0.6)),
    ("Det behövs ett rum där unga kan vara utan att köpa något.", (0.95, 0.4, 0.6)),
    ("Torget ska vara en lugn plats med många sittplatser.", (0.3, 0.95, 0.5)),
    ("Musik och evenemang på torget stör mer än de ger.", (0.1, 0.75, 0.2)),
    ("Föreningar ska kunna låna lokaler i centrum gratis.", (0.5, 0.4, 0.95)),
    ("Kommunen borde satsa mer på kultur än på handel i centrum.", (0.6, 0.3, 0.9)),
    ("Det är viktigare med parkering nära butikerna än med fler träd.", (0.15, 0.8, 0.3)),
    ("En scen utomhus skulle göra centrum mer levande.", (0.85, 0.2, 0.8)),
    ("Biblioteket ska fortsätta vara en tyst plats.", (0.2, 0.9, 0.4)),
    ("Det behövs fler aktiviteter för barnfamiljer på helgerna.", (0.7, 0.5, 0.8)),
    ("Lokalerna ska i första hand användas av dem som bor i Nödinge.", (0.4, 0.7, 0.3)),
    ("Centrum måste kännas tryggt även på kvällen.", (0.9, 0.95, 0.9)),
    ("Alla entréer ska gå att använda med rullstol eller barnvagn.", (0.9, 0.9, 0.9)),
    ("Jag skulle besöka centrum oftare om det fanns ett café i biblioteket.", (0.8, 0.6, 0.7)),
    ("Bussarna till centrum går för sällan på kvällar och helger.", (0.8, 0.7, 0.6)),
)
SUBMITTED = (
    ("Det borde finnas gratis wifi på torget.", Statement.Status.ACCEPTED, ""),
    ("Ungdomsgården borde flytta in i biblioteket.", Statement.Status.PENDING, ""),
    ("Politikerna bryr sig ändå inte om vad vi tycker, idioter.", Statement.Status.REJECTED,
     "Innehåller personangrepp."),
)
GROUP_AGES = (
    (AgeBand.AGE_16_19, AgeBand.AGE_20_29, AgeBand.AGE_30_44),
    (AgeBand.AGE_45_64, AgeBand.AGE_65_79, AgeBand.AGE_80_PLUS),
    (AgeBand.AGE_30_44, AgeBand.AGE_45_64, AgeBand.AGE_65_79),
)


def _answer(rng: random.Random, agree: float) -> int:
    if rng.random() < 0.12:
        return StatementVote.Value.PASS
    return StatementVote.Value.AGREE if rng.random() < agree else StatementVote.Value.DISAGREE


def _participants(
    context: DemoContext, conversation: Conversation, rng: random.Random
) -> list[tuple[Participant, int]]:
    localities = list(context.localities.values())
    people = []
    for number in range(PARTICIPANTS):
        group = number % 3
        people.append((Participant(
            conversation=conversation, code_hash=f"demo-{number:04d}", age_band=rng.choice(GROUP_AGES[group]),
            locality=rng.choice(localities) if localities and rng.random() < 0.8 else None,
            created_at=context.days_from_today(-rng.randint(1, 25), rng.randint(8, 21)),
        ), group))
    Participant.objects.bulk_create([person for person, _group in people])
    return people


def _statements(context: DemoContext, conversation: Conversation, author: Participant) -> list[Statement]:
    staff = context.users.get("staff")
    seeds = [Statement(conversation=conversation, text=text, is_seed=True, status=Statement.Status.ACCEPTED,
                       author_user=staff, moderated_by=staff, moderated_at=context.days_from_today(-28, 9),
                       created_at=context.days_from_today(-28, 9)) for text, _shares in STATEMENTS]
    submitted = [Statement(conversation=conversation, text=text, status=status, rejection_reason=reason,
                           author_participant=author, created_at=context.days_from_today(-10, 19),
                           moderated_at=None if status == Statement.Status.PENDING else context.days_from_today(-9, 10),
                           moderated_by=None if status == Statement.Status.PENDING else context.users.get("moderator"))
                 for text, status, reason in SUBMITTED]
    return Statement.objects.bulk_create([*seeds, *submitted])


def load_opinions(context: DemoContext) -> int:
    """The conversation, its statements, answers and one computed snapshot. Returns the number of answers."""
    process = context.processes[PROCESS_KEY]
    rng = random.Random(SEED)  # noqa: S311  (synthetic demo answers, reproducible on purpose)
    conversation = Conversation.objects.create(
        organisation=context.organisation, process=process, title="Vad tycker du om Nödinge centrum?",
        question="Ta ställning till påståendena om biblioteket, torget och lokalerna. Du kan hoppa över det "
        "du inte har någon åsikt om.", created_by=context.users.get("staff"),
    )
    people = _participants(context, conversation, rng)
    statements = _statements(context, conversation, people[0][0])
    shares = [shares for _text, shares in STATEMENTS] + [(0.7, 0.5, 0.6)]  # the accepted submitted one
    votable = statements[: len(STATEMENTS) + 1]
    votes = []
    for person, group in people:
        answered = rng.sample(range(len(votable)), rng.randint(8, len(votable)))
        moment = person.created_at or timezone.now()
        votes += [StatementVote(participant=person, statement=votable[i], value=_answer(rng, shares[i][group]),
                                updated_at=moment) for i in answered]
    StatementVote.objects.bulk_create(votes, batch_size=2000)
    compute_snapshot(conversation)
    return len(votes)
