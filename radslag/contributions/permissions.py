"""Who may add, enter and moderate contributions, as plain predicates."""

from __future__ import annotations

from typing import Any

from radslag.core.access import has_capability
from radslag.core.permissions import Capability
from radslag.dialogues.models import DialogueProcess, Table


def accepts_contributions(process: DialogueProcess) -> bool:
    """Residents can send input online while the process is published (not draft, not closed)."""
    return process.status == DialogueProcess.Status.PUBLISHED and process.accepts_online_input


def is_premoderated(process: DialogueProcess) -> bool:
    """Input waits for a moderator whenever the process has published rules to check it against.

    A process without any rules has nothing to moderate against, so its input is published at once.
    """
    return bool(process.rule_list())


def entry_table_ids(user: Any, process: DialogueProcess) -> set[int] | None:
    """Tables the user may type in notes for: None means any table (staff), else the tables they host.

    A table host writes only to their own table, not to another host's table at the same activity.
    """
    if has_capability(user, process.organisation, Capability.CONTRIBUTIONS_ENTER):
        return None
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(Table.objects.filter(host=user, activity__process=process).values_list("pk", flat=True))


def can_enter_for_process(user: Any, process: DialogueProcess) -> bool:
    """Staff of the municipality, and the hosts of a table at one of the process's activities."""
    table_ids = entry_table_ids(user, process)
    return table_ids is None or bool(table_ids)
