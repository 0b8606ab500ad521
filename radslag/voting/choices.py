"""A voter's choices: checked by the tallies module's own rules and stored in the `radslag tally` format."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from radslag.analysis.tallies import (
    BallotError,
    pairwise_preferences,
    tally_approval,
    tally_single,
    validate_dot_ballot,
)
from radslag.core.errors import DomainError
from radslag.voting.models import Ballot, Method

Choices = dict[str, int] | list[str] | str


def _unreadable() -> DomainError:
    return DomainError(_("The ballot could not be read. Reload the page and try again."))


def _dot(raw: Any) -> dict[str, int]:
    if not isinstance(raw, dict):
        raise _unreadable()
    allocation: dict[str, int] = {}
    for key, value in raw.items():
        if isinstance(value, bool) or not isinstance(value, int):
            raise DomainError(_("The number of dots must be a whole number."))
        if value:
            allocation[str(key)] = value
    return allocation


def _names(raw: Any) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(item, str | int) for item in raw):
        raise _unreadable()
    return [str(item) for item in raw]


def canonical_choices(ballot: Ballot, options: Sequence[str], raw: Any) -> Choices:
    """The choices as they will be stored; refuses anything the count would refuse, in Swedish."""
    try:
        if ballot.method == Method.DOT:
            allocation = _dot(raw)
            validate_dot_ballot(allocation, options, dots=ballot.dots_per_voter, cap=ballot.effective_cap)
            if not allocation:
                raise DomainError(_("Give at least one dot to an option."))
            return allocation
        if ballot.method == Method.SINGLE:
            if not isinstance(raw, str | int) or raw == "":
                raise DomainError(_("Choose one option."))
            tally_single([str(raw)], options)
            return str(raw)
        chosen = _names(raw)
        if not chosen:
            raise DomainError(_("Choose at least one option."))
        if ballot.method == Method.APPROVAL:
            tally_approval([chosen], options)
        else:
            pairwise_preferences([chosen], options)
        return chosen
    except BallotError as error:
        raise DomainError(str(error)) from error
