"""The rules as questions: may this person propose or support, and how many supports are needed.

Each check gives the Swedish sentence that tells the person why not (None when they may). The rules
apply in the version the proposal was submitted under (`proposal.rules`).
"""

from __future__ import annotations

import math
from typing import Any

from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from radslag.core.models import AgeBand
from radslag.organisations.models import Organisation, PopulationFigure
from radslag.proposals.models import Eligibility, ProposalRules, Support, ThresholdKind

DEFAULT_OUT_OF_SCOPE = (
    "Enskilda ärenden och myndighetsutövning mot en enskild person\n"
    "Frågor som kommunen inte beslutar om\n"
    "Kränkande eller diskriminerande innehåll\n"
    "Samma förslag som ett annat under de senaste tolv månaderna"
)

# The youngest age in each band, to judge a minimum age when only the band is known.
_BAND_START: dict[str, int] = {AgeBand.UNDER_16: 0, AgeBand.AGE_16_19: 16, AgeBand.AGE_20_29: 20, AgeBand.AGE_30_44: 30,
               AgeBand.AGE_45_64: 45, AgeBand.AGE_65_79: 65, AgeBand.AGE_80_PLUS: 80}


def current_rules(organisation: Organisation) -> ProposalRules:
    """The rules in force: the latest version, or a first version with the defaults."""
    rules = ProposalRules.objects.filter(organisation=organisation).order_by("-version").first()
    if rules is None:
        rules, _created = ProposalRules.objects.get_or_create(
            organisation=organisation, version=1, defaults={"out_of_scope": DEFAULT_OUT_OF_SCOPE})
    return rules


def population_of(organisation: Organisation) -> int:
    """Residents in the latest year of the population figures (0 when none are imported)."""
    figures = PopulationFigure.objects.filter(organisation=organisation)
    latest = figures.aggregate(year=Max("year"))["year"]
    if latest is None:
        return 0
    return figures.filter(year=latest).aggregate(total=Sum("count"))["total"] or 0


def threshold_for(rules: ProposalRules) -> int:
    """Supports needed under these rules today; a share of a population not yet imported falls back to the
    number."""
    if rules.threshold_kind == ThresholdKind.PER_MILLE:
        population = population_of(rules.organisation)
        if population:
            return max(1, math.ceil(population * float(rules.threshold_per_mille) / 1000))
    return max(1, rules.threshold_count)


def age_of(user: Any) -> int | None:
    """The person's age as far as known: from the e-ID birth year (this year's birthday may be ahead, so
    the lower value), or the start of their age band."""
    if getattr(user, "birth_year", None):
        return timezone.localdate().year - user.birth_year - 1
    band = getattr(user, "age_band", "")
    return _BAND_START.get(band) if band else None


def age_band_of(user: Any) -> str:
    if getattr(user, "birth_year", None):
        age = timezone.localdate().year - user.birth_year
        bands = sorted(_BAND_START.items(), key=lambda item: item[1])
        return str(next(band for band, start in reversed(bands) if age >= start))
    return str(getattr(user, "age_band", "") or "")


def person_key(user: Any) -> str:
    """One key per person: the e-ID identity's keyed hash where there is one, otherwise the account."""
    if getattr(user, "personal_number_hash", None):
        return f"eid:{user.personal_number_hash}"
    return f"user:{user.pk}"


def refusal_for_person(user: Any, rules: ProposalRules, *, tie: str = Support.Tie.RESIDENT) -> str | None:
    """Why this person may not propose or support under `rules`, or None when they may."""
    if not getattr(user, "is_authenticated", False):
        return _("Sign in to propose or support.")
    if user.verification_level < rules.verification_level:
        if rules.verification_level >= 2:
            return _("These rules ask you to identify yourself with e-ID (BankID or Freja) first.")
        return _("Verify your e-mail address first: follow the link in the mail we sent you.")
    if rules.minimum_age:
        age = age_of(user)
        if age is None:
            return _("You must be at least %(age)s years old. Add your age band on your account page, or sign in "
                     "with e-ID.") % {"age": rules.minimum_age}
        if age < rules.minimum_age:
            return _("You must be at least %(age)s years old.") % {"age": rules.minimum_age}
    if rules.eligibility == Eligibility.RESIDENTS and tie != Support.Tie.RESIDENT:
        return _("Only residents of the municipality may take part under these rules.")
    if tie == Support.Tie.RESIDENT and rules.eligibility == Eligibility.RESIDENTS and user.locality_id is None:
        return _("Say which locality you live in on your account page first: only residents may take part.")
    return None
