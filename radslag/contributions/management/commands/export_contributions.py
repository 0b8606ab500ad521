"""`radslag export-contributions`: a process's contributions as CSV, XLSX or JSON, with every status."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from radslag.contributions import exports
from radslag.dialogues.models import DialogueProcess

INVALID_INPUT = 2


def find_process(organisation_slug: str, process_slug: str) -> DialogueProcess:
    process = (
        DialogueProcess.objects.select_related("organisation")
        .filter(organisation__slug=organisation_slug, slug=process_slug)
        .first()
    )
    if process is None:
        message = _("The municipality “%(organisation)s” has no process “%(process)s”.")
        raise CommandError(message % {"organisation": organisation_slug, "process": process_slug},
                           returncode=INVALID_INPUT)
    return process


class Command(BaseCommand):
    help = "Export a process's contributions (all statuses) as CSV for Excel, XLSX or JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--process", required=True, help="the process's short name (slug)")
        parser.add_argument("--organisation", required=True, help="the municipality's short name (slug)")
        parser.add_argument("--format", required=True, choices=sorted(exports.FORMATS))
        parser.add_argument("-o", "--output", required=True, type=Path, help="file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            self._export(options)

    def _export(self, options: dict[str, Any]) -> None:
        process = find_process(options["organisation"], options["process"])
        output: Path = options["output"]
        fmt = options["format"]
        try:
            with output.open("wb") as target:
                if fmt == "xlsx":
                    exports.write_xlsx(process, target)
                else:
                    chunks = exports.csv_chunks(process) if fmt == "csv" else exports.json_chunks(process)
                    for chunk in chunks:
                        target.write(chunk.encode())
        except OSError as error:
            message = _("Could not write %(path)s: %(reason)s") % {"path": output, "reason": error}
            raise CommandError(message, returncode=INVALID_INPUT) from error
        exports.record_export(process=process, actor=None, fmt=fmt)
        self.stdout.write(_("The contributions of “%(process)s” were written to %(path)s.") % {
            "process": process.title, "path": output})
