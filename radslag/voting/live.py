"""The live result: a snapshot that moves only in steps of several ballots, so that no single ballot shows.

Two polls of the results a moment apart used to differ by exactly the last voter's ballot. Until the
result is published, every reader (results page, projector, `resultat.json`, staff too) now sees the
stored snapshot, and a new snapshot is taken only when at least `batch_size()` ballots have arrived since
the last one; two snapshots therefore always differ by a group of ballots. The published result is exact.

The snapshot freezes the participation figures with the count (how many ballots, codes used, localities),
since those move with each ballot as well.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from radslag.analysis import disclosure
from radslag.analysis.tallies import OptionScore, TallyResult, tally
from radslag.voting.models import Ballot, BallotStatus, LiveResult
from radslag.voting.results import Participation, PublishedBreakdown, ballot_spec, count_ballot, participation

DEFAULT_BATCH = 5


def batch_size() -> int:
    """How many new ballots it takes to move the live result (setting RADSLAG_LIVE_RESULT_BATCH)."""
    return max(2, int(getattr(settings, "RADSLAG_LIVE_RESULT_BATCH", DEFAULT_BATCH)))


@dataclass(frozen=True)
class ShownResult:
    result: TallyResult
    people: Participation
    final: bool  # the published, exact result; otherwise a live snapshot
    batch: int


def _result_data(result: TallyResult) -> dict[str, Any]:
    return dataclasses.asdict(result)


def _result_from(data: dict[str, Any]) -> TallyResult:
    scores = [OptionScore(**score) for score in data["scores"]]
    return TallyResult(data["method"], data["ballots"], scores, data["eligible"], data["extra"])


def _breakdown_from(data: dict[str, Any] | None) -> PublishedBreakdown | None:
    """A stored breakdown, already in its published form (the snapshot never held the exact counts)."""
    if data is None:
        return None
    rows = [(name, disclosure.Cell(key=cell["key"], form=disclosure.Form(cell["form"]), count=cell["count"],
                                   percent=cell["percent"]))
            for name, cell in data["rows"]]
    return PublishedBreakdown(rows, bool(data["withheld"]))


def _people_from(data: dict[str, Any]) -> Participation:
    fields = {**data, "by_locality": _breakdown_from(data["by_locality"]),
              "by_age_band": _breakdown_from(data["by_age_band"])}
    return Participation(**fields)


def _counted(ballot: Ballot) -> tuple[TallyResult, Participation] | None:
    """The result and participation of the same ballots; None when a ballot arrived between the two reads."""
    spec = ballot_spec(ballot)
    result = tally(spec, spec["method"])
    people = participation(ballot)
    return (result, people) if people.total == result.ballots else None


def _empty(ballot: Ballot) -> tuple[TallyResult, Participation]:
    spec = {**ballot_spec(ballot), "ballots": []}
    people = participation(ballot)
    nobody = dataclasses.replace(people, total=0, web=0, paper=0, codes_used=0, by_locality=None, by_age_band=None)
    return tally(spec, spec["method"]), nobody


def _first_snapshot(ballot: Ballot, at: dt.datetime) -> LiveResult:
    result, people = _empty(ballot)
    try:
        with transaction.atomic():
            return LiveResult.objects.create(ballot=ballot, ballots=0, result=_result_data(result),
                                             participation=dataclasses.asdict(people), taken_at=at)
    except IntegrityError:  # another reader created it at the same moment
        return LiveResult.objects.get(ballot=ballot)


def _advance(ballot: Ballot, snapshot: LiveResult, batch: int, at: dt.datetime) -> LiveResult:
    """Takes a new snapshot if `batch` ballots arrived since this one; never steps back or by fewer."""
    if ballot.cast_ballots.count() < snapshot.ballots + batch:
        return snapshot
    counted = _counted(ballot)
    if counted is None or counted[0].ballots < snapshot.ballots + batch:
        return snapshot
    result, people = counted
    # Conditional, so that two readers advancing at once cannot store a smaller step over a larger one.
    LiveResult.objects.filter(ballot=ballot, ballots__lte=result.ballots - batch).update(
        ballots=result.ballots, result=_result_data(result), participation=dataclasses.asdict(people), taken_at=at)
    return LiveResult.objects.get(ballot=ballot)


def shown_result(ballot: Ballot, at: dt.datetime | None = None) -> ShownResult:
    """What anyone may be shown now: the exact result once published, else the live snapshot."""
    at = at or timezone.now()
    batch = batch_size()
    if ballot.status_at(at) == BallotStatus.PUBLISHED:
        return ShownResult(count_ballot(ballot), participation(ballot), final=True, batch=batch)
    snapshot = LiveResult.objects.filter(ballot=ballot).first() or _first_snapshot(ballot, at)
    snapshot = _advance(ballot, snapshot, batch, at)
    return ShownResult(_result_from(snapshot.result), _people_from(snapshot.participation), final=False, batch=batch)
