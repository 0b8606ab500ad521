"""Who may see what in the dialogues app."""

from __future__ import annotations

from typing import Any

from radslag.core.access import has_capability
from radslag.core.permissions import Capability
from radslag.dialogues.models import DialogueProcess


def can_view_process(user: Any, process: DialogueProcess) -> bool:
    """Published and closed processes are public; a draft only to the municipality's staff (as a preview)."""
    return process.is_public or has_capability(user, process.organisation, Capability.PROCESS_PREVIEW)


def can_read_early_results(user: Any, process: DialogueProcess) -> bool:
    """Vote and opinion results before they are published: staff always, elected officials where the
    process allows it (`officials_see_results_early`)."""
    if has_capability(user, process.organisation, Capability.PROCESS_MANAGE):
        return True
    return process.officials_see_results_early and has_capability(
        user, process.organisation, Capability.RESULTS_READ_EARLY
    )


def can_register(process: DialogueProcess) -> bool:
    """Registration is open while the process is published, not while it is a draft or closed."""
    return process.status == DialogueProcess.Status.PUBLISHED
