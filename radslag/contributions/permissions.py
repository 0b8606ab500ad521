"""Who may add, enter and moderate contributions, as plain predicates."""

from __future__ import annotations

from typing import Any

from radslag.accounts.permissions import is_staff_in
from radslag.dialogues.models import DialogueProcess, Table


def accepts_contributions(process: DialogueProcess) -> bool:
    """Residents can send input online while the process is published (not draft, not closed)."""
    return process.status == DialogueProcess.Status.PUBLISHED and process.accepts_online_input


def is_premoderated(process: DialogueProcess) -> bool:
    """Input waits for a moderator whenever the process has published rules to check it against.

    A process without any rules has nothing to moderate against, so its input is published at once.
    """
    return bool(process.rule_list())


def entry_activity_ids(user: Any, process: DialogueProcess) -> set[int] | None:
    """Activities the user may type in input for: None means every activity (staff)."""
    if is_staff_in(user, process.organisation):
        return None
    if not getattr(user, "is_authenticated", False):
        return set()
    hosted = Table.objects.filter(host=user, activity__process=process).values_list("activity_id", flat=True)
    return set(hosted)


def can_enter_for_process(user: Any, process: DialogueProcess) -> bool:
    """Staff of the municipality, and the hosts of a table at one of the process's activities."""
    activity_ids = entry_activity_ids(user, process)
    return activity_ids is None or bool(activity_ids)
