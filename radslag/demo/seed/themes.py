"""Themes for Ale i 360 grader: the analysis run on the stories, and the dialogue team's first decisions.

The run uses the word-based backend with a fixed seed and number of themes, so every load gives the same
themes. Themes whose keywords match a rule below get the team's own name, a description, focus areas, and
are accepted; the rest stay as the analysis proposed them, for a visitor to work on. A rule goes to the theme
with most member texts that use its words, so small changes in the engine still name sensible themes.
"""

from __future__ import annotations

import datetime as dt

from radslag.contributions.models import Contribution
from radslag.demo.seed.context import DemoContext, local
from radslag.themes.models import AnalysisRun, Coding, Theme
from radslag.themes.querysets import active_themes
from radslag.themes.runs import execute_run
from radslag.themes.services import rename_theme, set_theme_accepted, set_theme_focus_areas

THEME_COUNT = 10
SEED = 2018
ANALYSED, NAMED = local(2020, 3, 17, 10), local(2020, 3, 24, 15)

MIN_EVIDENCE = 3  # member texts using a rule's words before the rule names a theme

# (words that identify the theme, the team's name, description, focus area slugs), in our own words
DECISIONS = (
    (("återkoppl", "respekt"), "Återkoppling visar respekt",
     "Många vill få veta vad som händer med deras frågor och synpunkter. Ett svar, även ett kort, visar att "
     "kommunen tar dem på allvar.", ("medskapande-invanare",)),
    (("förtroende", "handläggare"), "Förtroende i kontakten med kommunen",
     "Att ha en handläggare som följer ärendet hela vägen skapar förtroende.", ("underlatta-vardagen",)),
    (("tolk", "lättläst", "språk"), "Information som alla förstår",
     "Lättläst information, tolk och tydliga brev gör att fler kan ta del av det kommunen gör.",
     ("underlatta-vardagen", "medskapande-invanare")),
    (("politiker", "fika"), "Möt politikerna där vi bor",
     "Öppna träffar på orterna gör det lättare att prata med de förtroendevalda.", ("medskapande-invanare",)),
)


def load_themes(context: DemoContext) -> AnalysisRun:
    """Analyse Ale i 360 grader's published contributions, then name and accept the themes the rules find."""
    process = context.processes["ale360"]
    staff = context.users["staff"]
    run = AnalysisRun.objects.create(
        organisation=context.organisation, process=process, backend="lexical", k=THEME_COUNT, seed=SEED,
        created_by=staff,
    )
    run = execute_run(run.pk)
    themes = list(active_themes(process))
    for rule in DECISIONS:
        scored = [(_evidence(theme, rule[0]), -theme.order, theme) for theme in themes]
        evidence, _order, best = max(scored, key=lambda item: item[:2], default=(0, 0, None))
        if best is not None and evidence >= MIN_EVIDENCE:
            themes.remove(best)
            _decide(context, best, rule)
    _date_in_the_story(run)
    return run


def _date_in_the_story(run: AnalysisRun) -> None:
    """The analysis was made once the expedition group had met for the last time, in the spring of 2020,
    and the team named its themes in the days after; not on the day the demo is loaded."""
    AnalysisRun.objects.filter(pk=run.pk).update(created_at=ANALYSED, started_at=ANALYSED,
                                                 finished_at=ANALYSED + dt.timedelta(minutes=2))
    Theme.objects.filter(run=run).update(created_at=ANALYSED + dt.timedelta(minutes=2), updated_at=NAMED)
    Coding.objects.filter(run=run).update(created_at=ANALYSED + dt.timedelta(minutes=2))
    run.refresh_from_db()


def _evidence(theme: Theme, words: tuple[str, ...]) -> int:
    texts = Contribution.objects.filter(theme_codings__theme=theme)
    return sum(any(word in text.public_text.lower() for word in words) for text in texts)


def _decide(context: DemoContext, theme: Theme, rule: tuple[tuple[str, ...], str, str, tuple[str, ...]]) -> None:
    _keywords, name, description, focus = rule
    staff = context.users["staff"]
    rename_theme(theme=theme, user=staff, label=name, description=description)
    set_theme_accepted(theme=theme, user=staff, accepted=True)
    areas = [context.focus_areas[slug] for slug in focus if slug in context.focus_areas]
    set_theme_focus_areas(theme=theme, user=staff, focus_areas=areas)
