"""Proposals in a chosen state, and people who may take part under the default rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from radslag.accounts.models import Role, User
from radslag.accounts.tests.factories import user_with_role
from radslag.organisations.tests.factories import LocalityFactory
from radslag.proposals.models import Proposal, ProposalRules
from radslag.proposals.rules import current_rules


def verified_resident(org: Any, **kwargs: Any) -> User:
    """A resident with a verified address and a locality: may propose and support under the defaults."""
    kwargs.setdefault("verification_level", User.Verification.EMAIL)
    kwargs.setdefault("locality", LocalityFactory(organisation=org))
    kwargs.setdefault("age_band", "30-44")
    return user_with_role(org, Role.RESIDENT, **kwargs)


def rules_for(org: Any, **fields: Any) -> ProposalRules:
    """A new rules version for the municipality with `fields` changed from the defaults."""
    latest = current_rules(org)
    return ProposalRules.objects.create(organisation=org, version=latest.version + 1, **fields)


def make_proposal(org: Any, *, status: str = Proposal.Status.COLLECTING, proposer: User | None = None,
                  threshold: int = 3, days_left: int = 30, **fields: Any) -> Proposal:
    now = timezone.now()
    rules = fields.pop("rules", None) or current_rules(org)
    collecting = status != Proposal.Status.SUBMITTED and status != Proposal.Status.REFUSED
    defaults: dict[str, Any] = {
        "title": "Fler bänkar längs Göta älv", "text": "Sätt upp bänkar längs gång- och cykelvägen i Nödinge.",
        "submitted_at": now - dt.timedelta(days=2), "rules": rules,
        "accepted_at": now - dt.timedelta(days=1) if collecting else None,
        "closes_at": now + dt.timedelta(days=days_left) if collecting else None,
        "threshold": threshold if collecting else None,
    }
    return Proposal.objects.create(organisation=org, status=status, proposer=proposer, **{**defaults, **fields})


def proposal_world(org: Any) -> dict[str, Any]:
    """What the URL × role matrix needs: a public proposal collecting support."""
    return {"proposal": make_proposal(org, proposer=verified_resident(org)).pk}
