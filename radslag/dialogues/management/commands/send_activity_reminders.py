"""`manage.py send_activity_reminders`: remind everyone registered for tomorrow's activities (once).

Celery beat does this every morning where a worker runs; without one (the embedded default), run this
command from cron once a day.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from radslag.dialogues.services.meetings import send_reminders


class Command(BaseCommand):
    help = "Reminds everyone registered for tomorrow's activities; each activity is reminded once."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{send_reminders()}")
