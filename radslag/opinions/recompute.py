"""Computing a conversation's opinion groups from its stored answers and keeping the result."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import asdict

from django.db import transaction
from django.utils import timezone

from radslag.analysis.opinions import OpinionResult, find_opinion_groups
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
    seeded = not previous and bool(imported_groups)
    if seeded and imported_groups:
        k = len(set(imported_groups.values()))
        previous = {"meta": {"k": k, "k_best": k, "k_best_streak": 0},
                    "groups": [{"id": g, "participants": [p for p, h in imported_groups.items() if h == g]}
                               for g in sorted(set(imported_groups.values()))]}
    result = find_opinion_groups(
        votes, statements=[str(pk) for pk in statuses], min_votes=conversation.min_votes,
        moderated_out=[str(pk) for pk, status in statuses.items() if status == Statement.Status.REJECTED],
        previous=previous.get("meta"), previous_groups=previous_groups(previous),
    )
    continued = bool(result.meta.get("continued_from_previous_groups"))
    if continued and (seeded or (previous.get("meta") or {}).get("started_from_imported_groups")):
        result.meta["started_from_imported_groups"] = True  # and every snapshot that continues from them
    result.meta["min_votes_setting"] = conversation.min_votes  # what "Compute now" compares with
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
    """No snapshot yet, or answers given or statements moderated after the latest one."""
    latest = OpinionSnapshot.objects.filter(conversation=conversation).values_list("computed_at", flat=True).first()
    if latest is None:
        return StatementVote.objects.filter(statement__conversation=conversation).exists()
    return (
        StatementVote.objects.filter(statement__conversation=conversation, updated_at__gt=latest).exists()
        or conversation.statements.filter(moderated_at__gt=latest).exists()
    )
