"""Check the audit log's hash chain: exits 0 when intact, 1 at the first event that does not match."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from radslag.audit.chain import verify_chain


class Command(BaseCommand):
    help = "Verify the audit log's hash chain and report the first broken event."

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if report.first_break is not None:
            broken = report.first_break
            raise CommandError(
                f"Audit chain broken at event #{broken.sequence} (id {broken.event_id}): {broken.problem}. "
                f"{report.checked} events before it are intact.", returncode=1,
            )
        self.stdout.write(f"Audit chain intact: {report.checked} events, head #{report.head_sequence} "
                          f"{report.head_hash}")
