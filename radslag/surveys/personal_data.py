"""What the surveys app holds about a person: their survey responses (answers and background)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from radslag.audit.personal_data import OnErasure, PersonalDataKind
from radslag.surveys.models import Response


def _responses(person: Any, organisation: Any) -> QuerySet[Response]:
    return Response.objects.filter(user=person, survey__organisation=organisation).select_related("survey", "locality")


def _export(person: Any, organisation: Any) -> list[dict[str, Any]]:
    rows = []
    for response in _responses(person, organisation).prefetch_related("answers__question"):
        rows.append({
            "survey": response.survey.title, "age_band": response.age_band, "sex": response.sex,
            "locality": response.locality.name if response.locality else "",
            "submitted": response.submitted_at.isoformat() if response.submitted_at else None,
            "answers": [{"question": a.question.key, "value": a.value, "text": a.text} for a in response.answers.all()],
        })
    return rows


def _erase(person: Any, organisation: Any) -> int:
    """Answers stay in the survey's statistics without the link to the person; unsent ones are deleted."""
    responses = _responses(person, organisation)
    deleted, _per_model = responses.filter(submitted_at__isnull=True).delete()
    kept = responses.filter(submitted_at__isnull=False).update(user=None, invitation=None)
    return kept + deleted


SURVEY_RESPONSES = PersonalDataKind(
    key="surveys.responses", section="survey_responses", label=_("Your answers to surveys"),
    on_erasure=OnErasure.PSEUDONYMISE,
    reason=_("Answers you sent stay in the survey's statistics without the link to you; unsent answers are erased."),
    rows=_responses, export=_export, erase=_erase,
)
