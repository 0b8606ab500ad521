"""Exporting a process's contributions for staff: CSV (Excel-friendly), XLSX and JSON.

Rows are read in chunks and written as they come, so that large processes stream instead of
building the whole file in memory. Spreadsheet formats neutralise text that a spreadsheet would
run as a formula; the import undoes exactly that escape, so an export imports back unchanged.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import IO, Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from radslag.analysis import safe_text
from radslag.audit.services import record_event
from radslag.contributions.models import Contribution
from radslag.core.models import Sex
from radslag.dialogues.models import DialogueProcess

STOCKHOLM = ZoneInfo("Europe/Stockholm")
CHUNK_SIZE = 2000
# Header names the import understands (text, kanal, ...) so that an export can be imported again.
HEADER = [
    "id", "text", "publicerad text", "status", "kanal", "aktivitet", "bord", "ålder", "kön", "ort",
    "fokusområde", "källans id", "skapad", "datum",
]
SEX_WORDS: dict[str, str] = {Sex.FEMALE: "kvinna", Sex.MALE: "man", Sex.OTHER: "annat"}
FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "json": ("application/json", "json"),
}


def contributions_for_export(process: DialogueProcess) -> Iterator[Contribution]:
    queryset = (
        Contribution.objects.filter(process=process)
        .select_related("activity", "table", "locality")
        .prefetch_related("focus_areas")
        .order_by("created_at", "id")
    )
    return queryset.iterator(chunk_size=CHUNK_SIZE)


def _local_time(contribution: Contribution) -> str:
    return timezone.localtime(contribution.created_at, STOCKHOLM).strftime("%Y-%m-%d %H:%M")


def _given_time(contribution: Contribution) -> str:
    """When the input was given (the date on a slip, else its arrival); a date alone stays a date."""
    local = timezone.localtime(contribution.time_given, STOCKHOLM)
    return local.strftime("%Y-%m-%d %H:%M") if contribution.given_time_known else local.strftime("%Y-%m-%d")


def spreadsheet_row(contribution: Contribution) -> list[str]:
    values = [
        str(contribution.pk),
        contribution.body,
        contribution.published_body,
        contribution.status,
        contribution.channel,
        contribution.activity.title if contribution.activity else "",
        contribution.table.name if contribution.table else "",
        contribution.age_band,
        SEX_WORDS.get(contribution.sex, ""),
        contribution.locality.name if contribution.locality else "",
        "; ".join(area.name for area in contribution.focus_areas.all()),
        contribution.external_id,
        _local_time(contribution),
        _given_time(contribution),
    ]
    return [str(safe_text.spreadsheet_cell(value)) for value in values]


class _LineBuffer:
    """Lets csv.writer hand back each line instead of writing it somewhere."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(process: DialogueProcess) -> Iterator[str]:
    """UTF-8 with BOM and semicolons, which Swedish Excel opens as columns without asking."""
    writer = csv.writer(_LineBuffer(), delimiter=";")
    yield "\ufeff" + writer.writerow(safe_text.spreadsheet_row(HEADER))
    for contribution in contributions_for_export(process):
        yield writer.writerow(spreadsheet_row(contribution))


def write_xlsx(process: DialogueProcess, target: IO[bytes]) -> None:
    from openpyxl import Workbook  # imported here: only XLSX exports pay for it

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Inspel")
    sheet.append(safe_text.spreadsheet_row(HEADER))
    for contribution in contributions_for_export(process):
        sheet.append(spreadsheet_row(contribution))
    workbook.save(target)


def json_record(contribution: Contribution) -> dict[str, Any]:
    activity, table, locality = contribution.activity, contribution.table, contribution.locality
    return {
        "id": contribution.pk,
        "text": contribution.body,
        "published_text": contribution.published_body,
        "status": contribution.status,
        "channel": contribution.channel,
        "activity": {"id": activity.pk, "title": activity.title} if activity else None,
        "table": {"id": table.pk, "name": table.name} if table else None,
        "age_band": contribution.age_band,
        "sex": contribution.sex,
        "locality": locality.name if locality else None,
        "focus_areas": [{"slug": area.slug, "name": area.name} for area in contribution.focus_areas.all()],
        "external_id": contribution.external_id,
        "import_batch": contribution.import_batch_id,
        "created_at": timezone.localtime(contribution.created_at, STOCKHOLM).isoformat(),
        "given_at": timezone.localtime(contribution.time_given, STOCKHOLM).isoformat(),
    }


def json_chunks(process: DialogueProcess) -> Iterator[str]:
    head = {"organisation": process.organisation.slug, "process": {"id": process.pk, "slug": process.slug,
                                                                   "title": process.title}}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "contributions": ['
    separator = "\n"
    for contribution in contributions_for_export(process):
        yield separator + json.dumps(json_record(contribution), ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


def export_filename(process: DialogueProcess, extension: str) -> str:
    stamp = timezone.localtime(timezone.now(), STOCKHOLM).strftime("%Y-%m-%d")
    return f"inspel-{process.slug}-{stamp}.{extension}"


def record_export(*, process: DialogueProcess, actor: Any, fmt: str) -> None:
    """Exports carry personal data (profile fields), so each one is logged."""
    record_event(
        organisation=process.organisation, actor=actor, action="contributions.exported", target=process,
        data={"format": fmt},
    )


# --- Blank files to fill in for an import -------------------------------------------------------------

TEMPLATE_HEADER = ["text", "kanal", "aktivitet", "bord", "ålder", "kön", "ort", "fokusområde", "datum", "id"]
TEMPLATE_EXAMPLE = [
    "Det behövs fler bänkar längs älven i Nödinge.", "lapp", "", "", "30-44", "kvinna", "", "", "", "lapp-001",
]


def template_csv() -> bytes:
    writer = csv.writer(_LineBuffer(), delimiter=";")
    rows = [safe_text.spreadsheet_row(TEMPLATE_HEADER), safe_text.spreadsheet_row(TEMPLATE_EXAMPLE)]
    return ("\ufeff" + writer.writerow(rows[0]) + writer.writerow(rows[1])).encode()


def template_xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Inspel"
    sheet.append(safe_text.spreadsheet_row(TEMPLATE_HEADER))
    sheet.append(safe_text.spreadsheet_row(TEMPLATE_EXAMPLE))
    target = io.BytesIO()
    workbook.save(target)
    return target.getvalue()
