"""The participation ladder (delaktighetstrappan) as residents see it explained."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from radslag.dialogues.models import ParticipationLevel

EXPLANATIONS: dict[str, Promise] = {
    ParticipationLevel.INFORMATION: _(
        "We tell you about a question or a decision. You cannot change it, but you can follow it."
    ),
    ParticipationLevel.CONSULTATION: _(
        "We ask for your views on proposals or alternatives before the politicians decide."
    ),
    ParticipationLevel.DIALOGUE: _("Residents, staff and politicians talk together to understand each other's views."),
    ParticipationLevel.INFLUENCE: _(
        "You take part over a longer time, and your input shapes the proposal that is decided."
    ),
    ParticipationLevel.CO_DECISION: _("Residents decide together with the politicians, within a set frame."),
}


@dataclass(frozen=True)
class LadderStep:
    value: str
    label: str
    explanation: Promise
    is_current: bool


def ladder_steps(current: str = "") -> list[LadderStep]:
    """Every step from information to co-decision, the process's own level marked."""
    return [
        LadderStep(value=level.value, label=str(level.label), explanation=EXPLANATIONS[level],
                   is_current=level.value == current)
        for level in ParticipationLevel
    ]
