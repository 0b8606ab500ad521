"""Workshops: the facilitator's page, the shared screen with its JSON, and the phones' pages."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from radslag.core.access import requires_capability
from radslag.core.clients import client_address
from radslag.core.errors import DomainError
from radslag.core.statements import parse_key
from radslag.planning import items, screen, workshops
from radslag.planning.access import can_write
from radslag.planning.forms import CodeForm, SuggestionForm, WorkshopForm
from radslag.planning.models import Suggestion, TreeNode, Workshop
from radslag.planning.throttle import seconds_until_suggestion_allowed
from radslag.planning.views import EDIT, OPEN, load, org, page

PHONE_COOKIE = "radslag_workshop_phone"


def _workshop(request: HttpRequest, project_pk: int, workshop_pk: int, *, write: bool = False) -> Any:
    project, member = load(request, project_pk, write=write)
    return project, member, get_object_or_404(Workshop, pk=workshop_pk, project=project)


@requires_capability(OPEN, write=EDIT)
@require_http_methods(["GET", "POST"])
def workshop_list(request: HttpRequest, project_pk: int) -> HttpResponse:
    project, member = load(request, project_pk, write=request.method == "POST")
    form = WorkshopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        workshop = workshops.open_workshop(project=project, actor=request.user, organisation=org(request),
                                           **form.cleaned_data)
        return redirect("planning:workshop", project_pk=project.pk, workshop_pk=workshop.pk)
    return page(request, "workshops.html", project, member, status=400 if request.method == "POST" else 200,
                form=form, workshops=project.workshops.all())


@requires_capability(OPEN, write=EDIT)
@require_GET
def workshop(request: HttpRequest, project_pk: int, workshop_pk: int) -> HttpResponse:
    project, member, found = _workshop(request, project_pk, workshop_pk)
    tree = found.board if found.board in TreeNode.Tree.values else TreeNode.Tree.PROBLEM
    merge_targets = {kind: list(items.KINDS[kind].objects.filter(project=project))  # type: ignore[attr-defined]
                     for kind in ("stakeholder", "risk")}
    return page(request, "workshop.html", project, member, workshop=found,
                pending=found.suggestions.filter(status=Suggestion.Status.PENDING),
                handled=found.suggestions.exclude(status=Suggestion.Status.PENDING),
                nodes=TreeNode.objects.filter(project=project, tree=tree), merge_targets=merge_targets,
                join_path=request.build_absolute_uri(f"/planering/workshop/{found.code}/"))


@requires_capability(OPEN, write=EDIT)
@require_POST
def workshop_close(request: HttpRequest, project_pk: int, workshop_pk: int) -> HttpResponse:
    project, _member, found = _workshop(request, project_pk, workshop_pk, write=True)
    workshops.close_workshop(workshop=found, actor=request.user, organisation=org(request))
    messages.success(request, _("The workshop is closed; its code takes no more suggestions."))
    return redirect("planning:workshop", project_pk=project.pk, workshop_pk=found.pk)


@requires_capability(OPEN, write=EDIT)
@require_POST
def suggestion_handle(request: HttpRequest, project_pk: int, workshop_pk: int, suggestion_pk: int) -> HttpResponse:
    project, member, found = _workshop(request, project_pk, workshop_pk)
    if not can_write(member):
        raise PermissionDenied
    suggestion = get_object_or_404(Suggestion, pk=suggestion_pk, workshop=found)
    action = request.POST.get("action", "")
    target = request.POST.get("target", "")
    try:
        if action == "reject":
            workshops.reject_suggestion(suggestion=suggestion, actor=request.user, organisation=org(request))
        elif action == "merge":
            kind, _sep, pk = target.partition(":")
            model = items.KINDS.get(kind)
            into = model.objects.filter(pk=parse_key(pk), project=project).first() if model else None  # type: ignore[attr-defined]
            if into is None:
                raise DomainError(_("Choose what to merge the suggestion into."))
            workshops.merge_suggestion(suggestion=suggestion, actor=request.user, organisation=org(request), into=into)
        else:
            parent = TreeNode.objects.filter(pk=parse_key(target), project=project).first()
            workshops.accept_suggestion(suggestion=suggestion, actor=request.user, organisation=org(request),
                                        parent=parent, owner=request.POST.get("owner", ""))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("planning:workshop", project_pk=project.pk, workshop_pk=found.pk)


@requires_capability(OPEN, write=EDIT)
@require_GET
def screen_page(request: HttpRequest, project_pk: int, workshop_pk: int) -> HttpResponse:
    project, member, found = _workshop(request, project_pk, workshop_pk)
    return page(request, "screen.html", project, member, workshop=found, board=screen.board(found),
                join_path=request.build_absolute_uri(f"/planering/workshop/{found.code}/"))


@requires_capability(OPEN, write=EDIT)
@require_GET
def screen_json(request: HttpRequest, project_pk: int, workshop_pk: int) -> HttpResponse:
    _project, _member, found = _workshop(request, project_pk, workshop_pk)
    return JsonResponse(screen.board(found), json_dumps_params={"ensure_ascii": False})


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return redirect("planning:phone", code=workshops.normalise_code(form.cleaned_data["code"]))
    return render(request, "planning/join.html", {"form": form}, status=400 if request.method == "POST" else 200)


@require_http_methods(["GET", "POST"])
def phone(request: HttpRequest, code: str) -> HttpResponse:
    """A participant's page: no account, a short code, one suggestion at a time."""
    try:
        found = workshops.workshop_for_code(code, org(request))
    except workshops.WorkshopClosed as closed:
        return render(request, "planning/phone_closed.html", {"message": closed.message}, status=410)
    except DomainError:
        raise Http404 from None
    kinds = workshops.KINDS_FOR_BOARD[Workshop.Board(found.board)]
    form = SuggestionForm(request.POST or None, kinds=kinds)
    phone_id = request.COOKIES.get(PHONE_COOKIE) or secrets.token_urlsafe(12)
    status = 200
    if request.method == "POST":
        wait = seconds_until_suggestion_allowed(phone=phone_id, code=found.code, address=client_address(request))
        if wait:
            form.add_error(None, _("You are sending very fast. Wait %(seconds)s seconds and send again.")
                           % {"seconds": wait})
            status = 429
        elif form.is_valid():
            try:
                workshops.submit_suggestion(code=found.code, organisation=org(request), language=get_language()[:2],
                                            **form.cleaned_data)
            except workshops.WorkshopClosed as closed:
                return render(request, "planning/phone_closed.html", {"message": closed.message}, status=410)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Thank you! Your suggestion is on its way to the facilitator."))
                sent: HttpResponse = redirect("planning:phone", code=found.code)
                sent.set_cookie(PHONE_COOKIE, phone_id, max_age=86400, httponly=True, samesite="Lax")
                return sent
        status = status if status != 200 else 400
    response = render(request, "planning/phone.html", {"workshop": found, "form": form}, status=status)
    response.set_cookie(PHONE_COOKIE, phone_id, max_age=86400, httponly=True, samesite="Lax")
    return response
