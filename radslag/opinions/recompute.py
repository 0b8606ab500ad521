"""Computing a conversation's opinion groups from its stored answers and keeping the result."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import asdict

from django.db import transaction
from django.utils import timezone

from radslag.analysis.opinions import OpinionResult, find_opinion_groups, meta_of_groups
from radslag.opinions.models import Conversation, OpinionSnapshot, Statement, StatementVote

# Older snapshots are only history; a handful is enough to compare with.
SNAPSHOTS_KEPT = 10


def conversation_votes(conversation: Conversation) -> list[tuple[str, str, int]]:
    """Every answer, as (participant pk, statement pk, value), in the order given.

    Answers on rejected statements stay in: they still count towards a participant's activity, and the
    engine is told those statements carry no opinion (`moderated_out`). The order decides how the engine
    numbers its base clusters, which keeps group ids steady between recomputes.
    """
    rows = StatementVote.objects.filter(statement__conversation=conversation).order_by(
        "updated_at", "pk"
    ).values_list("participant_id", "statement_id", "value")
    return [(str(p), str(s), int(v)) for p, s, v in rows.iterator(chunk_size=10_000)]


def result_as_json(result: OpinionResult) -> dict[str, object]:
    return {
        "groups": [asdict(group) for group in result.groups],
        "consensus": [asdict(item) for item in result.consensus],
        "positions": {pid: [round(x, 4), round(y, 4)] for pid, (x, y) in result.positions.items()},
        "meta": {key: value for key, value in result.meta.items() if isinstance(value, (int, float, str, bool))},
    }


def previous_groups(result: dict[str, object]) -> dict[str, int]:
    """Participant -> group of a stored result (empty for none, or for one that cannot be read), so the next
    recompute continues its groups."""
    groups = result.get("groups")
    found: dict[str, int] = {}
    if not isinstance(groups, list):
        return found
    for group in groups:
        members = group.get("participants") if isinstance(group, dict) else None
        number = group.get("id") if isinstance(group, dict) else None
        if not isinstance(members, list) or not isinstance(number, int) or isinstance(number, bool):
            return {}
        found.update({str(pid): number for pid in members})
    return found


def compute_snapshot(
    conversation: Conversation, *, imported_groups: Mapping[str, int] | None = None
) -> OpinionSnapshot:
    """Run the engine on the conversation as it is now and store the result.

    The groups continue the last snapshot's; with none, `imported_groups` (participant pk -> group, from an
    imported Pol.is export) stand in for it, number of groups included, so an imported conversation starts
    from the groups it had in Pol.is.
    """
    started = time.perf_counter()
    votes = conversation_votes(conversation)
    statuses = dict(conversation.statements.values_list("pk", "status"))
    previous = conversation.snapshots.order_by("-computed_at").values_list("result", flat=True).first()
    previous = previous if isinstance(previous, dict) else {}
    meta_before: dict[str, object] = previous.get("meta") or {}
    groups_before = previous_groups(previous)
    seeded = not previous and bool(imported_groups)
    if seeded and imported_groups:  # Pol.is's result stands in for the last one, number of groups included
        meta_before, groups_before = meta_of_groups(imported_groups), dict(imported_groups)
    result = find_opinion_groups(
        votes, statements=[str(pk) for pk in statuses], min_votes=conversation.min_votes,
        moderated_out=[str(pk) for pk, status in statuses.items() if status == Statement.Status.REJECTED],
        previous=meta_before, previous_groups=groups_before,
    )
    from_import = seeded or bool(meta_before.get("started_from_imported_groups"))
    if from_import and result.meta.get("continued_from_previous_groups"):
        result.meta["started_from_imported_groups"] = True  # and every snapshot that continues from them
    result.meta["min_votes_setting"] = conversation.min_votes  # a change of the rule makes the snapshot stale
    with transaction.atomic():
        snapshot = OpinionSnapshot.objects.create(
            conversation=conversation, computed_at=timezone.now(), vote_count=len(votes),
            participant_count=len({pid for pid, _s, _v in votes}),
            duration_ms=round((time.perf_counter() - started) * 1000), result=result_as_json(result),
        )
        stale = conversation.snapshots.values_list("pk", flat=True)[SNAPSHOTS_KEPT:]
        OpinionSnapshot.objects.filter(pk__in=list(stale)).delete()
    return snapshot


def is_stale(conversation: Conversation) -> bool:
    """No snapshot yet, or answers given or statements moderated after the latest one, or the rule for who is
    grouped (`min_votes`) changed since it was computed."""
    latest = (OpinionSnapshot.objects.filter(conversation=conversation).order_by("-computed_at")
              .values_list("computed_at", "result__meta__min_votes_setting").first())
    if latest is None:
        return StatementVote.objects.filter(statement__conversation=conversation).exists()
    computed_at, min_votes = latest
    return (
        min_votes != conversation.min_votes
        or StatementVote.objects.filter(statement__conversation=conversation, updated_at__gt=computed_at).exists()
        or conversation.statements.filter(moderated_at__gt=computed_at).exists()
    )
