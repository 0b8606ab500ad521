"""Import population figures from CSV: `manage.py import_population --organisation ale figures.csv`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from radslag.organisations.models import Locality, Organisation
from radslag.organisations.population_import import read_population_csv, replacement_preview
from radslag.organisations.services import import_population


class Command(BaseCommand):
    help = "Replace a municipality's population figures for the years in a CSV file (år;ort;åldersgrupp;kön;antal)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="The municipality's short name (slug).")
        parser.add_argument("--create-localities", action="store_true", help="Add localities that do not exist.")
        parser.add_argument(
            "--replace", action="store_true",
            help="Import even when the file lacks groups that have figures for its years now (they are removed).",
        )
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No municipality with the short name {options['organisation']!r}.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        known = None
        if not options["create_localities"]:
            known = list(Locality.objects.filter(organisation=organisation).values_list("name", flat=True))
        parsed = read_population_csv(path.read_bytes(), known_localities=known)
        if parsed.errors:
            for error in parsed.errors:
                self.stderr.write(error)
            raise CommandError(f"Nothing was imported: {len(parsed.errors)} problem(s) in {path.name}.")
        removing = [change for change in replacement_preview(organisation=organisation, rows=parsed.rows)
                    if change.removes_anything]
        if removing and not options["replace"]:
            for change in removing:
                places = ", ".join(change.localities_removed) or "-"
                self.stderr.write(f"{change.year}: {len(change.groups_removed)} groups with figures now are not in "
                                  f"the file and would be removed (localities left without figures: {places}).")
            raise CommandError("Nothing was imported. Add --replace to replace those years' figures with the file's.")
        count = import_population(organisation=organisation, actor=None, rows=parsed.rows, source=path.name)
        years = ", ".join(str(year) for year in parsed.years)
        self.stdout.write(self.style.SUCCESS(f"Imported {count} rows for {years} into {organisation.name}."))
