"""The hash chain over the audit log: appending in order, and checking that nothing was edited.

Each event stores the hash of its canonical content, which includes the previous event's hash and its
own sequence number. An edit, a deleted event in the middle or a reordering outside the application
shows up as the first event whose hash or link no longer matches.

Retention (gallring) of audit events removes the oldest events only, a prefix of the chain, and in the
same transaction appends a checkpoint event recording the last destroyed sequence number and hash; the
first remaining event must link to that hash.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection

from radslag.audit.models import GENESIS_HASH, AuditEvent

CHECKPOINT_ACTION = "audit.retention_checkpoint"
# Any constant: every writer of the chain takes this transaction-level advisory lock on PostgreSQL.
CHAIN_LOCK_KEY = 0x72616473


def lock_chain() -> None:
    """Serialise appends until the transaction ends, so that two writers never link to the same event.

    SQLite allows one writer at a time anyway; the unique sequence number refuses any fork there.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])


def chain_head() -> tuple[int, str]:
    """The sequence number and hash that the next event links to. Call after `lock_chain()`."""
    last = AuditEvent.objects.order_by("-sequence").values_list("sequence", "hash").first()
    if last is not None:
        return last
    checkpoint = _latest_checkpoint()
    return (checkpoint[0], checkpoint[1]) if checkpoint else (0, GENESIS_HASH)


def _latest_checkpoint() -> tuple[int, str] | None:
    data = (AuditEvent.objects.filter(action=CHECKPOINT_ACTION).order_by("-sequence")
            .values_list("data", flat=True).first())
    if not data:
        return None
    return int(data["through_sequence"]), str(data["last_hash"])


@dataclass(frozen=True)
class Break:
    sequence: int
    event_id: int
    problem: str


@dataclass(frozen=True)
class ChainReport:
    checked: int
    head_sequence: int
    head_hash: str
    first_break: Break | None

    @property
    def intact(self) -> bool:
        return self.first_break is None


def _events() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("sequence").iterator(chunk_size=2000)


def _start() -> tuple[int, str]:
    """Where the remaining chain must begin: at the genesis, or just after what retention destroyed."""
    first = AuditEvent.objects.order_by("sequence").values_list("sequence", flat=True).first()
    if first is None or first == 1:
        return 0, GENESIS_HASH
    checkpoints = AuditEvent.objects.filter(action=CHECKPOINT_ACTION).order_by("sequence")
    for data in checkpoints.values_list("data", flat=True):
        if int(data.get("through_sequence", -1)) == first - 1:
            return first - 1, str(data.get("last_hash", ""))
    return first - 1, ""  # no checkpoint covers the missing start: the first event will be reported


def verify_chain() -> ChainReport:
    """Walk the chain from its start; report the first event whose content or link does not match."""
    sequence, previous = _start()
    checked = 0
    for event in _events():
        problem = ""
        if event.sequence != sequence + 1:
            problem = f"events {sequence + 1}–{event.sequence - 1} are missing"
        elif event.previous_hash != previous:
            problem = "does not link to the event before it"
        elif event.computed_hash() != event.hash:
            problem = "its content was changed after it was written"
        if problem:
            return ChainReport(checked, sequence, previous, Break(event.sequence, event.pk, problem))
        checked += 1
        sequence, previous = event.sequence, event.hash
    return ChainReport(checked, sequence, previous, None)
