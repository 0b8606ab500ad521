"""`radslag import-contributions`: the same checks and writing as the staff import page, from a terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from radslag.contributions.imports import ImportFileError, import_contributions, parse_import
from radslag.contributions.management.commands.export_contributions import find_process
from radslag.contributions.models import Channel
from radslag.core.errors import DomainError

INVALID_INPUT = 2


class Command(BaseCommand):
    help = "Import contributions to a process from a CSV or XLSX file. Nothing is written unless every row is valid."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="CSV (UTF-8 or Windows-1252) or XLSX file")
        parser.add_argument("--process", required=True, help="the process's short name (slug)")
        parser.add_argument("--organisation", required=True, help="the municipality's short name (slug)")
        parser.add_argument("--channel", default=Channel.SLIP, choices=Channel.values,
                            help="channel for rows without one (default: slip)")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            self._import(options)

    def _import(self, options: dict[str, Any]) -> None:
        process = find_process(options["organisation"], options["process"])
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": path}, returncode=INVALID_INPUT)
        try:
            parsed = parse_import(path.read_bytes(), process=process, default_channel=options["channel"])
        except ImportFileError as error:
            raise CommandError(error.message, returncode=INVALID_INPUT) from error
        if not parsed.is_valid:
            for problem in parsed.errors:
                self.stderr.write(str(problem))
            message = _("Nothing was imported: %(rows)s rows have errors.") % {"rows": parsed.error_row_count}
            if parsed.errors_truncated:
                message += " " + _("The first %(shown)s errors are listed.") % {"shown": len(parsed.errors)}
            raise CommandError(message, returncode=INVALID_INPUT)
        if options["dry_run"]:
            self.stdout.write(_("Dry run: %(count)s contributions are valid. Nothing was written.") % {
                "count": len(parsed.rows)})
            return
        try:  # rows whose id was imported before are skipped, never duplicated
            batch = import_contributions(process=process, rows=parsed.rows, actor=None, filename=path.name)
        except DomainError as error:
            raise CommandError(error.message, returncode=INVALID_INPUT) from error
        self.stdout.write(_("%(count)s contributions were imported to “%(process)s” (import %(batch)s).") % {
            "count": batch.row_count, "process": process.title, "batch": batch.pk})
