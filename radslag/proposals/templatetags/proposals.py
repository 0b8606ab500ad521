"""A proposal as the page shows it now: `{{ proposal|status_now }}`, `{{ proposal|days_left_now }}`."""

from __future__ import annotations

from django import template
from django.utils import timezone

from radslag.proposals.models import Proposal

register = template.Library()


@register.filter
def status_now(proposal: Proposal) -> str:
    """The status label as of now (`Proposal.status_at` decides), never "collecting" after the period."""
    return proposal.status_label_at(timezone.now())


@register.filter
def days_left_now(proposal: Proposal) -> int:
    """Whole days left to support (rounded up); 0 when the proposal no longer collects support."""
    return proposal.days_left(at=timezone.now())
