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
from radslag.themes.querysets import active_themes, member_ids, quotes_by_theme


@dataclass(frozen=True)
class ThemeInput:
    label: str
    description: str
    member_ids: tuple[int, ...]  # the theme's members: published contributions coded to it
    quote_ids: tuple[int, ...] = ()  # the most representative first
    keywords: tuple[str, ...] = ()
    focus_areas: tuple[str, ...] = ()
    label_en: str = ""  # the English versions staff gave, if any (`radslag.core.localized`)
    description_en: str = ""


def themes_for(process: DialogueProcess, *, accepted_only: bool = False) -> list[ThemeInput]:
    """The process's current themes from the themes app, in the order the dialogue team keeps them.

    Read through the themes app's querysets rather than `themes_for_compilation`, because the
    compilation needs the members themselves: it counts and breaks down only published ones.
    """
    themes = [theme for theme in active_themes(process) if theme.accepted or not accepted_only]
    members = member_ids(themes)
    quotes = quotes_by_theme(themes)
    return [
        ThemeInput(
            label=theme.name, description=theme.description, member_ids=tuple(members[theme.pk]),
            quote_ids=tuple(contribution.pk for contribution in quotes[theme.pk]),
            keywords=tuple(str(word) for word in theme.keywords),
            focus_areas=tuple(f"{area.number}. {area.name}" for area in theme.focus_areas.all()),
            label_en=theme.name_en, description_en=theme.description_en,
        )
        for theme in themes
    ]


@dataclass(frozen=True)
class LeftOutThemes:
    """The themes a compilation of only accepted themes leaves out, said before publishing."""

    themes: tuple[tuple[str, int], ...]  # (name, published contributions), in the team's order
    only_there: int  # published contributions coded to no theme but these: they count as fitting no theme


def themes_left_out(process: DialogueProcess, *, accepted_only: bool) -> LeftOutThemes:
    """Current themes not yet accepted, which the compilation drops when it shows only accepted ones."""
    if not accepted_only:
        return LeftOutThemes(themes=(), only_there=0)
    themes = list(active_themes(process))
    dropped = [theme for theme in themes if not theme.accepted]
    if not dropped:
        return LeftOutThemes(themes=(), only_there=0)
    members = member_ids(themes)
    kept = {pk for theme in themes if theme.accepted for pk in members[theme.pk]}
    left = {pk for theme in dropped for pk in members[theme.pk]}
    sizes = tuple((theme.name, int(theme.size)) for theme in dropped)  # type: ignore[attr-defined]
    return LeftOutThemes(themes=sizes, only_there=len(left - kept))
