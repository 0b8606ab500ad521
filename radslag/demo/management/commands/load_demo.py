"""`manage.py load_demo [--reset]`: the demo municipality for trying Rådslag locally."""

from __future__ import annotations

import contextlib
import logging
from argparse import ArgumentParser
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from radslag.demo.services import load_demo

CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"
FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


class Command(BaseCommand):
    help = "Loads the demo municipality (Ale kommun) unless it exists; --reset empties and reloads it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo municipality's content and load it again."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with _story_mail_kept_in_files() as folder:
            result = load_demo(reset=options["reset"])
        name = result.organisation.name
        if not result.created:
            self.stdout.write(_("The demo municipality %(name)s already exists; nothing was changed. "
                                "Use --reset to load it again.") % {"name": name})
            return
        self.stdout.write(self.style.SUCCESS(
            _("Loaded the demo municipality %(name)s with %(count)d contributions.")
            % {"name": name, "count": result.contributions}
        ))
        if folder is not None and any(folder.iterdir()):
            self.stdout.write(_("The mail that the demo's story sent to its residents is in %(folder)s.")
                              % {"folder": folder})


@contextlib.contextmanager
def _story_mail_kept_in_files() -> Iterator[Path | None]:
    """While the demo loads, mail that would go to the console goes to files in var/demo-mail/ instead
    (replacing those of the last load).

    The story publishes answers, decisions and proposal steps, and each mails the residents who asked. On
    the console (the backend when no mail server is set, as in `make run`) those mails and the task queue's
    line per mail would fill the terminal and push away the logins printed next. A configured mail server,
    or the tests' backend, is left as it is. The task lines are quietened for the same reason.
    """
    trace = logging.getLogger("celery.app.trace")
    level = trace.level
    trace.setLevel(max(level, logging.WARNING))
    try:
        if settings.EMAIL_BACKEND != CONSOLE_BACKEND:
            yield None
            return
        folder = Path(settings.VAR_DIR) / "demo-mail"
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.log"):  # the file backend's names: a reload's mail replaces the last load's
            old.unlink()
        kept = {"EMAIL_BACKEND": settings.EMAIL_BACKEND, "EMAIL_FILE_PATH": getattr(settings, "EMAIL_FILE_PATH", None)}
        settings.EMAIL_BACKEND, settings.EMAIL_FILE_PATH = FILE_BACKEND, str(folder)
        try:
            yield folder
        finally:
            for key, value in kept.items():
                setattr(settings, key, value)
    finally:
        trace.setLevel(level)
