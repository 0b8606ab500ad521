"""Contributions from data/contributions.csv: a few hundred residents' words across channels and localities.

The CSV is also meant for tests and benchmarks (e.g. `radslag themes radslag/demo/data/contributions.csv
--text-column text --id-column ref`). Rows of the current process give their age in days before the load
(`days_before_load`); the others carry a fixed local time (`received`).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator

from radslag.accounts.models import User
from radslag.contributions.models import Channel, Contribution
from radslag.demo.seed.context import DATA_DIR, STOCKHOLM, DemoContext

CONTRIBUTIONS_CSV = DATA_DIR / "contributions.csv"
# How many online contributions per process are credited to the demo resident: in Ale i 360 grader, what she
# wrote after the dialogue evening of 2019 (answered, with a decision); in the current process, input that
# still waits for its answer.
RESIDENT_OWN = {"ale360": 2, "motesplatser": 3}


def read_rows() -> list[dict[str, str]]:
    with CONTRIBUTIONS_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_contributions(context: DemoContext) -> int:
    rows = read_rows()
    made = [(_build(context, row, index), row) for index, row in enumerate(rows)]
    _credit_resident(context, made)
    received = [contribution.created_at for contribution, _ in made]
    contributions = Contribution.objects.bulk_create([contribution for contribution, _ in made], batch_size=200)
    # auto_now_add overwrote the time each arrived; put the real times back.
    for contribution, when in zip(contributions, received, strict=True):
        contribution.created_at = when
    Contribution.objects.bulk_update(contributions, ["created_at"], batch_size=200)
    through = Contribution.focus_areas.through
    through.objects.bulk_create(
        through(contribution_id=contribution.pk, focusarea_id=context.focus_areas[slug].pk)
        for contribution, (_, row) in zip(contributions, made, strict=True)
        for slug in _split(row["focus_areas"])
    )
    return len(contributions)


def _split(value: str) -> Iterator[str]:
    return (part for part in value.split(";") if part)


def _received(context: DemoContext, row: dict[str, str], index: int) -> dt.datetime:
    if row["received"]:
        return dt.datetime.fromisoformat(row["received"]).replace(tzinfo=STOCKHOLM)
    # Spread the day's arrivals over waking hours, the same way on every load.
    return context.days_from_today(-int(row["days_before_load"]), 8 + index * 7 % 14, index * 13 % 60)


def _build(context: DemoContext, row: dict[str, str], index: int) -> Contribution:
    process_key, activity_key = row["process"], row["activity"]
    status = row["status"]
    received = _received(context, row, index)
    table = context.tables.get((process_key, activity_key, row["table"])) if row["table"] else None
    contribution = Contribution(
        organisation=context.organisation, process=context.processes[process_key],
        activity=context.activities.get((process_key, activity_key)), table=table,
        channel=row["channel"], body=row["text"], published_body=row["published_text"], language="sv",
        status=status, hidden_rule=row["hidden_rule"],
        age_band=row["age_band"], sex=row["sex"], relation=row["relation"],
        locality=context.localities.get(row["locality"]), external_id=row["ref"],
        entered_by=_entered_by(context, row["channel"], table),
    )
    contribution.created_at = received
    if status != Contribution.Status.PENDING:
        contribution.moderated_by = context.users["moderator"]
        contribution.moderated_at = min(received + dt.timedelta(days=1), context.days_from_today(0, 7))
    if status == Contribution.Status.HIDDEN:
        contribution.moderation_note = "Texten är kvar som allmän handling men visas inte på webben."
    return contribution


def _entered_by(context: DemoContext, channel: str, table: object) -> User | None:
    """Paper and spoken input was typed in by someone: the table's host if they have an account, else staff."""
    if channel == Channel.WEB:
        return None
    host = getattr(table, "host", None)
    return host if host is not None else context.users["staff"]


def _credit_resident(context: DemoContext, made: list[tuple[Contribution, dict[str, str]]]) -> None:
    """The demo resident wrote a few of the online contributions whose profile matches hers."""
    resident = context.users["resident"]
    for process, count in RESIDENT_OWN.items():
        matching = [
            contribution for contribution, row in made
            if row["channel"] == Channel.WEB and row["process"] == process and row["status"] == "published"
            and row["locality"] == "Nödinge" and row["age_band"] == resident.age_band and row["sex"] == resident.sex
        ]
        for contribution in matching[:count]:
            contribution.author = resident
