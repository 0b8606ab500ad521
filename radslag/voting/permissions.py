"""Who may see and manage ballots, as plain predicates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.permissions import can_read_early_results, can_view_process
from radslag.voting.models import Ballot


def can_see_ballot(user: Any, ballot: Ballot) -> bool:
    """Residents see ballots of published processes; staff (and officials allowed early results) also
    those being prepared."""
    return (
        ballot.process.status != DialogueProcess.Status.DRAFT
        or can_view_process(user, ballot.process)
        or can_read_early_results(user, ballot.process)
    )


def can_see_results(user: Any, ballot: Ballot, at: dt.datetime) -> bool:
    return ballot.results_are_public(at) or can_read_early_results(user, ballot.process)
