"""Apply the retention rules now: destroy what has passed its period, or with --dry-run only count it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from radslag.audit.retention import apply_retention


class Command(BaseCommand):
    help = "Destroy records whose retention period under a retention decision has passed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count what would be destroyed; change nothing.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        results = apply_retention(dry_run=dry_run)
        verb = "would destroy" if dry_run else "destroyed"
        for result in results:
            self.stdout.write(f"{result.organisation.slug}\t{result.kind}\t{verb} {result.count}\t"
                              f"(before {result.cutoff:%Y-%m-%d %H:%M})")
        if not results:
            self.stdout.write("No retention rules: nothing is destroyed.")
