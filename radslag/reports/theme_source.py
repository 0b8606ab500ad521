"""What the compilation needs to know about a process's themes, and where it gets it.

The themes app owns analysis runs, themes and codings. The compilation only reads: for each theme its
label, description, keywords, linked focus areas, the contributions coded to it and the quotes the
dialogue team picked. Counting, breakdowns and the check that a quote may be published happen here,
in `radslag.reports.assembly`, so that no hidden or unmoderated text can reach a public document
whatever the source hands over.
"""

from __future__ import annotations

from dataclasses import dataclass

from radslag.dialogues.models import DialogueProcess


@dataclass(frozen=True)
class ThemeInput:
    label: str
    description: str
    member_ids: tuple[int, ...]  # contributions coded to the theme
    quote_ids: tuple[int, ...] = ()  # the most representative first
    keywords: tuple[str, ...] = ()
    focus_areas: tuple[str, ...] = ()


def themes_for(process: DialogueProcess) -> list[ThemeInput]:
    """The process's themes from the themes app, in the order the dialogue team keeps them."""
    return []
