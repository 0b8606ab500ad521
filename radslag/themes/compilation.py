"""What the perspective compilation (`radslag.reports`) reads about a process's themes.

    from radslag.themes.compilation import themes_for_compilation

    for summary in themes_for_compilation(process):
        summary.name, summary.size, summary.quotes, summary.breakdowns ...

Only current themes (not merged or split ones) are listed, in the order the dialogue team set, and
quotes are the published text of published contributions. Every breakdown has small groups (< 5)
hidden, so the result is safe to publish as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from radslag.contributions.representativeness import Breakdown
from radslag.dialogues.models import DialogueProcess
from radslag.themes.querysets import active_themes, quotes_by_theme, theme_breakdowns


@dataclass(frozen=True)
class ThemeSummary:
    """One theme as the compilation shows it."""

    pk: int
    name: str  # the name people gave it, else the engine's proposal
    description: str
    size: int  # the theme's members: published contributions coded to it (`querysets.MEMBER`)
    keywords: tuple[str, ...]
    quotes: tuple[str, ...]  # public texts of the 3-5 most representative contributions, in order
    breakdowns: tuple[Breakdown, ...]  # by locality, age band and channel; groups under five hidden
    focus_areas: tuple[str, ...]  # names of the strategic plan's focus areas it is linked to
    accepted: bool  # the dialogue team has accepted it (a compilation may list only these)


def themes_for_compilation(process: DialogueProcess, *, accepted_only: bool = False) -> list[ThemeSummary]:
    """The process's current themes in the order staff set (see the module docstring)."""
    themes = list(active_themes(process))
    if accepted_only:
        themes = [theme for theme in themes if theme.accepted]
    quotes = quotes_by_theme(themes, members_only=True)
    return [
        ThemeSummary(
            pk=theme.pk,
            name=theme.name,
            description=theme.description,
            size=theme.size,  # type: ignore[attr-defined]  # annotated by active_themes
            keywords=tuple(theme.keywords),
            quotes=tuple(quote.public_text for quote in quotes[theme.pk]),
            breakdowns=tuple(theme_breakdowns(theme)),
            focus_areas=tuple(area.name for area in theme.focus_areas.all()),
            accepted=theme.accepted,
        )
        for theme in themes
    ]
