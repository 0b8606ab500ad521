"""The way back from a contribution: contribution → theme → answer → decision."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from radslag.contributions.models import Contribution
from radslag.dialogues.models import DialogueProcess
from radslag.feedback.models import Answer
from radslag.governance.models import Decision
from radslag.governance.querysets import outcome_decisions
from radslag.themes.models import Coding, Theme

MAX_MERGES = 10  # a theme merged into one merged into another ...: follow at most this far


@dataclass
class ThemeStep:
    theme: Theme
    answer: Answer | None  # the published answer, if any

    @property
    def decisions(self) -> list[Decision]:
        return list(self.answer.decisions.all()) if self.answer else []


@dataclass
class Trail:
    contribution: Contribution
    process: DialogueProcess
    steps: list[ThemeStep] = field(default_factory=list)
    outcome: list[Decision] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        return any(step.answer for step in self.steps)


def current_theme(theme: Theme, themes: dict[int, Theme]) -> Theme | None:
    """A merged theme lives on in the one it was merged into; a split one is no longer shown."""
    for _step in range(MAX_MERGES):
        if theme.status == Theme.Status.ACTIVE:
            return theme
        if theme.status != Theme.Status.MERGED or theme.merged_into_id is None:
            return None
        following = themes.get(theme.merged_into_id) or Theme.objects.filter(pk=theme.merged_into_id).first()
        if following is None:
            return None
        theme = following
    return None


def trails(contributions: Iterable[Contribution]) -> list[Trail]:
    """One trail per contribution (only published answers, only public processes' themes)."""
    contributions = list(contributions)
    codings = Coding.objects.filter(contribution__in=contributions).select_related("theme")
    themes = {c.theme_id: c.theme for c in codings}
    by_contribution: dict[int, list[Theme]] = {}
    for coding in codings:
        theme = current_theme(coding.theme, themes)
        if theme is not None and theme not in by_contribution.setdefault(coding.contribution_id, []):
            by_contribution[coding.contribution_id].append(theme)
    theme_ids = {t.pk for found in by_contribution.values() for t in found}
    answers = {
        a.theme_id: a for a in Answer.objects.filter(theme_id__in=theme_ids, published_at__isnull=False)
        .prefetch_related(Prefetch("decisions", queryset=Decision.objects.select_related("body")))
    }
    outcomes: dict[int, list[Decision]] = {}
    result = []
    for contribution in contributions:
        process = contribution.process
        if process.pk not in outcomes:
            outcomes[process.pk] = list(outcome_decisions(process.pk))
        steps = [ThemeStep(theme=t, answer=answers.get(t.pk))
                 for t in sorted(by_contribution.get(contribution.pk, []), key=lambda t: (t.order, t.pk))]
        # A decision taken before the contribution was given cannot be what became of it.
        given = timezone.localdate(contribution.time_given)
        outcome = [decision for decision in outcomes[process.pk] if decision.decided_on >= given]
        result.append(Trail(contribution=contribution, process=process, steps=steps, outcome=outcome))
    return result


def trail(contribution: Contribution) -> Trail:
    return trails([contribution])[0]
