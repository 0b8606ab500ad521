"""`manage.py end_proposal_periods`: close the collection of every proposal whose period has run out.

Celery beat does this every hour where a worker runs; without one (the embedded default), run it from cron.
Support after the period is refused whether or not this has run: the service checks the time itself.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from radslag.proposals.services import end_periods


class Command(BaseCommand):
    help = "Ends the collection period of proposals whose time has run out; those below the threshold go to staff."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{end_periods()}")
