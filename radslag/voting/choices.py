"""A voter's choices: checked by `analysis.ballot_rules` (what `radslag tally` applies) and stored in its format."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from radslag.analysis.ballot_rules import BallotError, Choices, read_ballot
from radslag.core.errors import DomainError
from radslag.voting.models import Ballot


def _message(error: BallotError) -> str:
    """The refusal in the interface's language; rules without a translation keep the engine's Swedish text."""
    messages = {
        "unreadable": _("The ballot could not be read. Reload the page and try again."),
        "not_whole": _("The number of dots must be a whole number."),
        "no_dots": _("Give at least one dot to an option."),
        "no_choice": _("Choose one option."),
        "empty": _("Choose at least one option."),
        "no_word": _("Write a word or a few."),
        "word_too_long": _("Write at most %(limit)s characters.") % {"limit": error.params.get("limit", "")},
    }
    return messages.get(error.kind, str(error))


def canonical_choices(ballot: Ballot, options: Sequence[str], raw: Any) -> Choices:
    """The choices as they will be stored; refuses exactly what a recount would refuse."""
    try:
        return read_ballot(ballot.method, raw, options, dots=ballot.dots_per_voter, cap=ballot.effective_cap)
    except BallotError as error:
        raise DomainError(_message(error)) from error
