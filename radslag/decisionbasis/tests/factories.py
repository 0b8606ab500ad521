"""Decision bases for other apps' tests: one draft and one frozen version of a process."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from radslag.decisionbasis.models import BasisVersion
from radslag.decisionbasis.services import freeze_version, save_version, start_basis


def frozen_basis(process: Any, actor: Any, *, committee: Any = None, days_ahead: int = 7) -> BasisVersion:
    """A version sent to `committee` (the process's deciding body by default) for a meeting `days_ahead` away."""
    version = start_basis(process=process, actor=actor)
    save_version(version=version, actor=actor, values={
        "committee": committee or process.deciding_body,
        "meeting_date": timezone.localdate() + dt.timedelta(days=days_ahead),
        "registration_number": "KS 2026/117", "proposed_decision": "Nämnden beslutar att godkänna underlaget.",
        "child_impact": "Beslutet påverkar barn som använder mötesplatserna."})
    return freeze_version(version=version, actor=actor)


def decision_basis_world(process: Any, staff: Any) -> dict[str, Any]:
    """What the URL × role matrix needs: a draft, a frozen version, and a part's key."""
    frozen = frozen_basis(process, staff)
    draft = start_basis(process=process, actor=staff)
    return {"basis_draft": draft.pk, "basis_frozen": frozen.pk, "basis_part": "themes"}
