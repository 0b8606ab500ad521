"""`manage.py send_due_newsletters`: send the scheduled newsletters whose time has come.

Celery beat does this every five minutes where a worker runs; without one (the embedded default), run
this command from cron.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from radslag.messaging.newsletters import send_due


class Command(BaseCommand):
    help = "Sends the scheduled newsletters whose time has come."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{send_due()}")
