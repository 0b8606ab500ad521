"""Who may see and manage ballots, as plain predicates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from radslag.accounts.permissions import is_staff_in
from radslag.dialogues.models import DialogueProcess
from radslag.voting.models import Ballot


def can_see_ballot(user: Any, ballot: Ballot) -> bool:
    """Residents see ballots of published processes; staff also see those being prepared."""
    return ballot.process.status != DialogueProcess.Status.DRAFT or is_staff_in(user, ballot.organisation)


def can_see_results(user: Any, ballot: Ballot, at: dt.datetime) -> bool:
    return ballot.results_are_public(at) or is_staff_in(user, ballot.organisation)
