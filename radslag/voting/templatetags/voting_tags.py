"""Template filters of the voting app."""

from __future__ import annotations

import datetime as dt

from django import template

from radslag.voting.models import Ballot, BallotStatus

register = template.Library()


@register.filter
def status_at(ballot: Ballot, now: dt.datetime) -> BallotStatus:
    """`ballot.status_at(now)` for templates, so no template works the status out on its own."""
    return ballot.status_at(now)
