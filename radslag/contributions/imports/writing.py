"""Writing a checked import: one batch, in one transaction, in bulk."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import islice
from typing import Any, cast

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.contributions.imports.rows import RowValues
from radslag.contributions.models import Contribution, ImportBatch
from radslag.core.errors import DomainError
from radslag.dialogues.models import DialogueProcess

WRITE_BATCH_SIZE = 2000
SKIP = "skip"
AGAIN = "again"


def already_imported(process: DialogueProcess, rows: list[RowValues]) -> list[RowValues]:
    """The rows whose id in the source names a contribution this process already holds."""
    ids = [row.external_id for row in rows if row.external_id]
    known: set[str] = set()
    for start in range(0, len(ids), WRITE_BATCH_SIZE):
        chunk = ids[start:start + WRITE_BATCH_SIZE]
        known.update(Contribution.objects.filter(process=process, external_id__in=chunk)
                     .values_list("external_id", flat=True))
    return [row for row in rows if row.external_id in known]


@transaction.atomic
def import_contributions(
    *, process: DialogueProcess, rows: list[RowValues], actor: Any, filename: str, publish: bool = True,
    repeated: str = SKIP,
) -> ImportBatch:
    """Stores checked rows as contributions of `process`, as one import batch: published at once, or
    waiting for moderation when `publish` is False.

    Rows whose id was imported before are left out (`repeated=SKIP`) or stored as new contributions
    without the id (`repeated=AGAIN`), so the id keeps naming the first one; never duplicated silently."""
    if repeated not in (SKIP, AGAIN):
        raise DomainError(_("Choose what to do with the rows that were imported before."))
    DialogueProcess.objects.select_for_update().filter(pk=process.pk).first()  # one import of a process at a time
    repeats = {id(row) for row in already_imported(process, rows)}
    if repeated == SKIP:
        rows = [row for row in rows if id(row) not in repeats]
    else:
        rows = [replace(row, external_id="") if id(row) in repeats else row for row in rows]
    if not rows:
        raise DomainError(_("Every row was imported before. Nothing new was imported."))
    batch = ImportBatch.objects.create(
        organisation=process.organisation, process=process, filename=filename[:255], row_count=len(rows),
        created_by=actor if getattr(actor, "is_authenticated", False) else None, published=publish,
    )
    pks = _insert_contributions(rows, batch=batch)
    link = Contribution.focus_areas.through
    _insert_many(link, ["contribution", "focusarea"], (
        (pk, area.pk) for pk, row in zip(pks, rows, strict=True) for area in row.focus_areas
    ))
    record_event(
        organisation=process.organisation, actor=actor, action="contributions.imported", target=batch,
        data={"count": len(rows), "process": process.pk, "filename": batch.filename, "published": publish,
              "repeated": len(repeats), "repeated_choice": repeated},
    )
    return batch


# Row values go straight to the database: building 50,000 model instances for bulk_create took most of
# an import's time. Every other column gets its field's default, prepared once, so new fields stay safe.
ROW_FIELDS = ("activity", "table", "channel", "body", "age_band", "sex", "locality", "external_id", "given_at")


def _insert_contributions(rows: list[RowValues], *, batch: ImportBatch) -> list[int]:
    now = timezone.now()
    fixed: dict[str, Any] = {
        "organisation": batch.organisation_id, "process": batch.process_id, "import_batch": batch.pk,
        "entered_by": batch.created_by_id, "created_at": now,
        "status": Contribution.Status.PUBLISHED if batch.published else Contribution.Status.PENDING,
        "moderated_at": now if batch.published else None,
    }
    given_at = cast(models.Field, Contribution._meta.get_field("given_at"))
    fields = [f for f in Contribution._meta.concrete_fields if not f.primary_key and not f.generated]
    constant = {
        f.name: f.get_db_prep_save(fixed[f.name] if f.name in fixed else f.get_default(), connection)
        for f in fields if f.name not in ROW_FIELDS
    }

    def values(row: RowValues) -> list[Any]:
        own = {
            "activity": row.activity.pk if row.activity else None, "table": row.table.pk if row.table else None,
            "channel": str(row.channel), "body": row.body, "age_band": row.age_band, "sex": str(row.sex),
            "locality": row.locality.pk if row.locality else None, "external_id": row.external_id,
            "given_at": given_at.get_db_prep_save(row.given_at, connection),
        }
        return [own[f.name] if f.name in own else constant[f.name] for f in fields]

    _insert_many(Contribution, [f.name for f in fields], (values(row) for row in rows))
    inserted = Contribution.objects.filter(import_batch=batch).order_by("pk").values_list("pk", flat=True)
    return list(inserted)  # one transaction inserts in key order on SQLite and PostgreSQL alike


def _insert_many(model: type[models.Model], names: list[str], rows: Iterable[Sequence[Any]]) -> None:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(cast(models.Field, model._meta.get_field(name)).column)) for name in names)
    placeholders = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608  (names from model meta)
    with connection.cursor() as cursor:
        iterator = iter(rows)
        while chunk := list(islice(iterator, WRITE_BATCH_SIZE)):
            cursor.executemany(sql, chunk)
