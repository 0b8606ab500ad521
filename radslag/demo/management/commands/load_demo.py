"""`manage.py load_demo [--reset]`: the demo municipality for trying Rådslag locally."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from radslag.demo.services import load_demo


class Command(BaseCommand):
    help = "Loads the demo municipality (Ale kommun) unless it exists; --reset empties and reloads it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo municipality's content and load it again."
        )

    def handle(self, *args: Any, **options: Any) -> None:
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
