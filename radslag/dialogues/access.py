"""The one loader for staff pages under a process: `process_for(request, pk, capability)`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from radslag.core.access import has_capability
from radslag.core.permissions import Capability
from radslag.dialogues.models import DialogueProcess


def process_for(
    request: HttpRequest, pk: int, capability: Capability,
    *, unless: Callable[[Any, DialogueProcess], bool] | None = None,
) -> DialogueProcess:
    """The process `pk` of the request's municipality, if the person holds `capability` there.

    Another municipality's process is a 404 (its existence is not confirmed); a missing
    capability is a 403. `unless` is a rule about this one process that lets a person in without
    the capability (a table host typing in notes for their own table). Views also carry
    `requires_capability`, which signs the visitor in first.
    """
    organisation = getattr(request, "organisation", None)
    process = get_object_or_404(DialogueProcess, pk=pk, organisation=organisation)
    if has_capability(request.user, organisation, capability):
        return process
    if unless is None or not unless(request.user, process):
        raise PermissionDenied
    return process
