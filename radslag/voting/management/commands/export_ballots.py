"""`manage.py export_ballots BALLOT_ID -o ballots.json`: the stored ballots in `radslag tally`'s format.

`radslag tally ballots.json -o result.json` then recomputes the result from the file alone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from radslag.voting.models import Ballot
from radslag.voting.results import ballot_spec


class Command(BaseCommand):
    help = "Write a ballot's stored ballots as JSON for `radslag tally` (a recount)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ballot_id", type=int)
        parser.add_argument("-o", "--output", required=True, help="the JSON file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        ballot = Ballot.objects.filter(pk=options["ballot_id"]).first()
        if ballot is None:
            raise CommandError(f"No ballot with id {options['ballot_id']}.")
        spec = ballot_spec(ballot)
        Path(options["output"]).write_text(json.dumps(spec, ensure_ascii=False, indent=1), encoding="utf-8")
        self.stdout.write(f"Wrote {len(spec['ballots'])} ballots of “{ballot.title}” to {options['output']}")
