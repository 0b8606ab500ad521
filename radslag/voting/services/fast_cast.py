"""The hot path for ballots cast with a one-time code: one transaction, three statements.

At a meeting a hundred phones submit within the same minute, and online thousands may, so the
code path must be cheap. `cast_ballot` reads the ballot, its options, the code (locked), the earlier
submission and writes in a savepoint: eight statements, most of the CPU spent compiling ORM queries.
Here the common case, an unused code submitted once, is instead:

1. claim the code: `UPDATE … SET used_at = now WHERE … AND used_at IS NULL RETURNING id`. The row
   lock it takes is held until commit, so a concurrent submit of the same code waits and then finds
   the code used; the database, not a check in Python, makes the code count once;
2. read the ballot, its process status and its option ids in one joined query;
3. insert the cast ballot.

If any rule refuses the ballot (closed, tampered options, too many dots) the transaction rolls back
and the code is unused again. Everything that is not the common case (unknown or used code, a retry
with the same idempotency key, a unique-constraint conflict) returns None and the caller falls back
to `cast_ballot`, which gives the precise answer, so there is one definition of every edge case.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from radslag.dialogues.models import DialogueProcess
from radslag.voting.choices import canonical_choices
from radslag.voting.codes import hash_code, normalise_code
from radslag.voting.models import Ballot, CastBallot, Eligibility, Option, VotingCode, used_hour
from radslag.voting.services.casting import _KEY, _check_open, new_receipt


@dataclass(frozen=True)
class FastCast:
    receipt: str


def _column(meta: Any, name: str) -> str:
    return connection.ops.quote_name(meta.get_field(name).column)


@functools.cache
def _sql() -> dict[str, str]:
    """The three statements, built once from the models' table and column names (never from input)."""
    code, ballot, option = VotingCode._meta, Ballot._meta, Option._meta
    process, cast = DialogueProcess._meta, CastBallot._meta
    table = connection.ops.quote_name
    ballot_columns = ", ".join(f"b.{_column(ballot, name)}" for name in (
        "method", "dots_per_voter", "cap_per_option", "eligibility", "opens_at", "closes_at"))
    cast_columns = ", ".join(_column(cast, name) for name in (
        "ballot", "receipt", "idempotency_key", "source", "choices", "age_band", "created_at"))
    used = _column(code, "used_at")
    return {
        "claim": (
            f"UPDATE {table(code.db_table)} SET {used} = %s WHERE {_column(code, 'ballot')} = %s "
            f"AND {_column(code, 'code_hash')} = %s AND {used} IS NULL RETURNING {_column(code, 'id')}"
        ),
        "ballot": (
            f"SELECT {ballot_columns}, p.{_column(process, 'status')}, o.{_column(option, 'id')} "
            f"FROM {table(ballot.db_table)} b "
            f"JOIN {table(process.db_table)} p ON p.{_column(process, 'id')} = b.{_column(ballot, 'process')} "
            f"LEFT JOIN {table(option.db_table)} o ON o.{_column(option, 'ballot')} = b.{_column(ballot, 'id')} "
            f"WHERE b.{_column(ballot, 'id')} = %s AND b.{_column(ballot, 'organisation')} = %s"
        ),
        "insert": (
            f"INSERT INTO {table(cast.db_table)} ({cast_columns}) VALUES (%s, %s, %s, %s, %s, %s, %s)"
        ),
    }


def _statement(name: str) -> str:
    return _sql()[name]


def _ballot_rules(rows: list[tuple[Any, ...]]) -> tuple[Ballot, str, list[str]]:
    method, dots, cap, eligibility, opens_at, closes_at, status, _option = rows[0]
    ballot = Ballot(method=method, dots_per_voter=dots, cap_per_option=cap, eligibility=eligibility,
                    opens_at=_aware(opens_at), closes_at=_aware(closes_at))
    return ballot, status, [str(row[-1]) for row in rows if row[-1] is not None]


def _aware(value: Any) -> dt.datetime | None:
    """Raw SQL gives SQLite's datetimes as text and naive; the ORM would give aware UTC datetimes."""
    if value is None or (isinstance(value, dt.datetime) and timezone.is_aware(value)):
        return value
    parsed = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=dt.UTC)


def cast_with_code(
    *, organisation_id: int, ballot_pk: int, code: str, idempotency_key: str, choices: Any,
    at: dt.datetime | None = None,
) -> FastCast | None:
    """Counts a first submission of an unused code and returns its receipt; None where `cast_ballot` must answer.

    Raises DomainError (in Swedish) for a ballot that is refused; nothing is then written and the code
    stays unused. A ballot that is not this municipality's, not public or not a code ballot also gives
    None, so that the caller's general path answers it as it answers every other request.
    """
    at = at or timezone.now()
    if not _KEY.match(idempotency_key or "") or not normalise_code(code):
        return None
    choices_field = CastBallot._meta.get_field("choices")
    stamp = connection.ops.adapt_datetimefield_value(at)
    used = connection.ops.adapt_datetimefield_value(used_hour(at))
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_statement("claim"), [used, ballot_pk, hash_code(code)])
            claimed = cursor.fetchone()
            cursor.execute(_statement("ballot"), [ballot_pk, organisation_id])
            rows = cursor.fetchall()
            if claimed is None or not rows:
                transaction.set_rollback(True)
                return None
            ballot, status, options = _ballot_rules(rows)
            if status == DialogueProcess.Status.DRAFT or ballot.eligibility != Eligibility.CODES:
                transaction.set_rollback(True)
                return None
            _check_open(ballot, at)
            stored = canonical_choices(ballot, options, choices)
            receipt = new_receipt()
            cursor.execute(_statement("insert"), [
                ballot_pk, receipt, idempotency_key, CastBallot.Source.WEB,
                choices_field.get_db_prep_save(stored, connection), "", stamp,
            ])
    except IntegrityError:
        return None
    return FastCast(receipt)
