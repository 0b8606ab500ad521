"""Workshops: a shared screen for the room, suggestions from phones with a short code, and the
facilitator who places, merges or rejects each one."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.core.errors import DomainError
from radslag.organisations.models import Organisation
from radslag.planning import items, services, trees
from radslag.planning.models import Project, Stakeholder, Suggestion, TreeNode, Workshop

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed on phones
KINDS_FOR_BOARD = {
    Workshop.Board.PROBLEM: (Suggestion.Kind.CAUSE, Suggestion.Kind.EFFECT),
    Workshop.Board.OBJECTIVE: (Suggestion.Kind.CAUSE, Suggestion.Kind.EFFECT),
    Workshop.Board.STAKEHOLDERS: (Suggestion.Kind.STAKEHOLDER,),
    Workshop.Board.RISKS: (Suggestion.Kind.RISK,),
}


class WorkshopClosed(DomainError):
    pass


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _n in range(6))
        if not Workshop.objects.filter(code=code).exists():
            return code


@transaction.atomic
def open_workshop(*, project: Project, actor: Any, organisation: Organisation, title: str, board: str) -> Workshop:
    services.require_member(project, actor, organisation)
    if board not in Workshop.Board.values:
        raise DomainError(_("Choose what the shared screen shows."))
    workshop = Workshop.objects.create(project=project, title=title.strip() or _("Workshop"), board=board,
                                       code=_new_code())
    record_event(organisation=organisation, actor=actor, action="planning.workshop_opened", target=workshop)
    return workshop


@transaction.atomic
def close_workshop(*, workshop: Workshop, actor: Any, organisation: Organisation) -> None:
    services.require_member(workshop.project, actor, organisation)
    workshop.closed_at = timezone.now()
    workshop.save(update_fields=["closed_at"])
    record_event(organisation=organisation, actor=actor, action="planning.workshop_closed", target=workshop)


def workshop_for_code(code: str, organisation: Organisation | None = None) -> Workshop:
    """The open workshop with this code, among the projects of `organisation` (the host) when given."""
    found = Workshop.objects.select_related("project").filter(code=normalise_code(code))
    if organisation is not None:
        found = found.filter(project__owners=organisation)
    workshop = found.first()
    if workshop is None:
        raise DomainError(_("No workshop has that code. Check the code on the shared screen."))
    if not workshop.is_open:
        raise WorkshopClosed(_("This workshop has closed, so it takes no more suggestions. Thank you for "
                               "taking part!"))
    return workshop


def submit_suggestion(*, code: str, kind: str, text: str, language: str = "sv",
                      organisation: Organisation | None = None) -> Suggestion:
    """A participant's suggestion from a phone, without an account (throttled by the view)."""
    workshop = workshop_for_code(code, organisation)
    if kind not in KINDS_FOR_BOARD[Workshop.Board(workshop.board)]:
        raise DomainError(_("This workshop does not take that kind of suggestion."))
    text = text.strip()
    if not text:
        raise DomainError(_("Write your suggestion first."))
    if len(text) > 1000:
        raise DomainError(_("Keep the suggestion under 1,000 characters."))
    return Suggestion.objects.create(workshop=workshop, kind=kind, text=text,
                                     language="en" if language == "en" else "sv")


def _pending(suggestion: Suggestion) -> Suggestion:
    locked = Suggestion.objects.select_for_update().select_related("workshop__project").get(pk=suggestion.pk)
    if locked.status != Suggestion.Status.PENDING:
        raise DomainError(_("This suggestion has already been handled."))
    return locked


@transaction.atomic
def accept_suggestion(*, suggestion: Suggestion, actor: Any, organisation: Organisation,
                      parent: TreeNode | None = None, owner: str = "") -> Any:
    """Place the suggestion as a new item: a node under `parent`, a stakeholder or a risk (with `owner`)."""
    suggestion = _pending(suggestion)
    project = suggestion.workshop.project
    text: dict[str, Any] = {f"text_{suggestion.language}": suggestion.text}
    if suggestion.kind in (Suggestion.Kind.CAUSE, Suggestion.Kind.EFFECT):
        tree = suggestion.workshop.board if suggestion.workshop.board in TreeNode.Tree.values else "problem"
        item: Any = trees.add_node(project=project, actor=actor, organisation=organisation, tree=tree,
                                   kind=suggestion.kind, parent=parent, text_sv=text.get("text_sv", ""),
                                   text_en=text.get("text_en", ""))
    elif suggestion.kind == Suggestion.Kind.STAKEHOLDER:
        item = services.create_item(project=project, actor=actor, organisation=organisation, kind="stakeholder",
                                    fields={f"name_{suggestion.language}": suggestion.text[:300]})
    else:
        item = services.create_item(project=project, actor=actor, organisation=organisation, kind="risk",
                                    fields={**text, "owner": owner.strip()})
    _handled(suggestion, Suggestion.Status.ACCEPTED, item, actor, organisation)
    return item


@transaction.atomic
def merge_suggestion(*, suggestion: Suggestion, actor: Any, organisation: Organisation, into: Any) -> Any:
    """Add the suggestion's words to an existing item (a new version of it), instead of a new item.

    The words go into the text in the suggestion's language, after what is there: a statement's or a
    risk's text, or a stakeholder's name when it has none in that language yet (else their notes on
    how they take part, since a name is no place for a sentence).
    """
    suggestion = _pending(suggestion)
    if into.project_id != suggestion.workshop.project_id:
        raise DomainError(_("Choose an item of this project."))
    name = items.TITLE_FIELD[items.kind_of(into)]
    if isinstance(into, Stakeholder) and getattr(into, f"name_{suggestion.language}"):
        name = "participation"
    field = f"{name}_{suggestion.language}"
    current = getattr(into, field) or ""
    merged = f"{current}\n{suggestion.text}".strip() if name != "name" else suggestion.text[:300]
    item = services.save_item(item=into, actor=actor, organisation=organisation, fields={field: merged},
                              expected_version=None)
    _handled(suggestion, Suggestion.Status.MERGED, item, actor, organisation)
    return item


@transaction.atomic
def reject_suggestion(*, suggestion: Suggestion, actor: Any, organisation: Organisation) -> None:
    suggestion = _pending(suggestion)
    services.require_member(suggestion.workshop.project, actor, organisation)
    _handled(suggestion, Suggestion.Status.REJECTED, None, actor, organisation)


def _handled(suggestion: Suggestion, status: str, item: Any, actor: Any, organisation: Organisation) -> None:
    suggestion.status = status
    suggestion.placed_kind = items.kind_of(item) if item is not None else ""
    suggestion.placed_id = item.pk if item is not None else None
    suggestion.save(update_fields=["status", "placed_kind", "placed_id"])
    record_event(organisation=organisation, actor=actor, action=f"planning.suggestion_{status}",
                 target=suggestion.workshop, data={"suggestion": suggestion.pk})
