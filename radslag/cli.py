"""The `radslag` command.

Analysis commands (themes, opinions, tally) work on files without a database. Platform
commands (serve, demo, import-contributions, export-contributions) run through Django.
Each subcommand lives beside the code it drives and registers itself here.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable

# name -> module that defines `add_arguments(parser)` and `run(args) -> int`
SUBCOMMANDS: dict[str, str] = {
    "themes": "radslag.analysis.themes_cli",
    "opinions": "radslag.analysis.opinions_cli",
    "tally": "radslag.analysis.tally_cli",
    "weights": "radslag.analysis.weights_cli",
}
# name -> (Django management command, help)
DJANGO_COMMANDS: dict[str, tuple[str, str]] = {
    "serve": ("runserver", "serve the site (development server)"),
    "demo": ("load_demo", "load the demo municipality"),
    "import-contributions": ("import_contributions", "import contributions from CSV or XLSX"),
    "export-contributions": ("export_contributions", "export a process's contributions"),
}


def _load(name: str) -> tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]] | None:
    try:
        module = importlib.import_module(SUBCOMMANDS[name])
    except ModuleNotFoundError:
        return None
    return module.add_arguments, module.run


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in DJANGO_COMMANDS:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
        from django.core.management import execute_from_command_line

        execute_from_command_line(["radslag", DJANGO_COMMANDS[argv[0]][0], *argv[1:]])
        return 0
    parser = argparse.ArgumentParser(prog="radslag", description="Rådslag: citizen dialogue and its analysis.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    runners: dict[str, Callable[[argparse.Namespace], int]] = {}
    for name in SUBCOMMANDS:
        loaded = _load(name)
        if loaded is None:
            continue
        add_arguments, run = loaded
        add_arguments(sub.add_parser(name))
        runners[name] = run
    for name, (_command, help_text) in DJANGO_COMMANDS.items():
        sub.add_parser(name, help=help_text, add_help=False)
    args = parser.parse_args(argv)
    return runners[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
