"""Who may see what in the dialogues app."""

from __future__ import annotations

from typing import Any

from radslag.accounts.permissions import is_staff_in
from radslag.dialogues.models import DialogueProcess


def can_view_process(user: Any, process: DialogueProcess) -> bool:
    """Published and closed processes are public; a draft only to the municipality's staff (as a preview)."""
    return process.is_public or is_staff_in(user, process.organisation)


def can_register(process: DialogueProcess) -> bool:
    """Registration is open while the process is published, not while it is a draft or closed."""
    return process.status == DialogueProcess.Status.PUBLISHED
