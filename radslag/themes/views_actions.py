"""The coding actions: each a small POST that calls one service and returns to the page it came from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from radslag.contributions.models import Contribution
from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.dialogues.access import process_for
from radslag.themes import services
from radslag.themes.forms import FocusAreaForm, MergeForm, MoveForm, NewThemeForm, RenameForm, RunForm
from radslag.themes.models import Theme
from radslag.themes.views import overview_context, process_theme, safe_next


def _theme_url(theme: Theme) -> str:
    return reverse("themes:theme_detail", kwargs={"pk": theme.process_id, "theme_pk": theme.pk})


def _attempt(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    """Run a service; show its success or its domain error as a message."""
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
        return False
    messages.success(request, success)
    return True


def _form_errors(request: HttpRequest, form: Any) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@requires_capability(Capability.PROCESS_MANAGE)
@require_POST
def rename(request: HttpRequest, pk: int, theme_pk: int) -> HttpResponse:
    theme = process_theme(process_for(request, pk, Capability.PROCESS_MANAGE), theme_pk)
    form = RenameForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _attempt(
            request,
            lambda: services.rename_theme(theme=theme, user=request.user, label=data["label"],
                                          description=data["description"], label_en=data["label_en"],
                                          description_en=data["description_en"]),
            _("The theme was renamed to “%(name)s”.") % {"name": data["label"].strip()},
        )  # fmt: skip
    else:
        _form_errors(request, form)
    return redirect(_theme_url(theme))


@requires_capability(Capability.PROCESS_MANAGE)
@require_POST
def accept(request: HttpRequest, pk: int, theme_pk: int) -> HttpResponse:
    theme = process_theme(process_for(request, pk, Capability.PROCESS_MANAGE), theme_pk)
    accepted = request.POST.get("accepted") == "1"
    _attempt(
        request, lambda: services.set_theme_accepted(theme=theme, user=request.user, accepted=accepted),
        _("The theme is accepted.") if accepted else _("The theme is no longer accepted."),
    )
    return redirect(safe_next(request, _theme_url(theme)))


@requires_capability(Capability.PROCESS_MANAGE)
@require_POST
def pin(request: HttpRequest, pk: int, theme_pk: int) -> HttpResponse:
    theme = process_theme(process_for(request, pk, Capability.PROCESS_MANAGE), theme_pk)
    pinned = request.POST.get("pinned") == "1"
    _attempt(
        request, lambda: services.set_theme_pinned(theme=theme, user=request.user, pinned=pinned),
        _("The theme is pinned and stays when the analysis is run again.") if pinned
        else _("The theme is no longer pinned."),
    )  # fmt: skip
    return redirect(_theme_url(theme))


@requires_capability(Capability.PROCESS_MANAGE)
@require_POST
def split(request: HttpRequest, pk: int, theme_pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.PROCESS_MANAGE)
    theme = process_theme(process, theme_pk)
    split_done = _attempt(
        request, lambda: services.split_theme(theme=theme, user=request.user),
        _("The theme was split in two. Check both parts and name them."),
    )
    if split_done:
        return redirect(reverse("themes:overview", kwargs={"pk": process.pk}) + "#themes-title")
    return redirect(_theme_url(theme))


@requires_capability(Capability.PROCESS_MANAGE)
@require_POST
def focus_areas(request: HttpRequest, pk: int, theme_pk: int) -> HttpResponse:
    theme = process_theme(process_for(request, pk, Capability.PROCESS_MANAGE), theme_pk)
    form = FocusAreaForm(request.POST, theme=theme)
    if form.is_valid():
        areas = list(form.cleaned_data["focus_areas"])
        _attempt(
            request, lambda: services.set_theme_focus_areas(theme=theme, user=request.user, focus_areas=areas),
            _("The theme's focus areas were saved."),
        )
    else:
        _form_errors(request, form)
    return redirect(_theme_url(theme))


@requires_capability(Capability.PROCESS_MANAGE)
@require_POST
def move(request: HttpRequest, pk: int, theme_pk: int, contribution_pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.PROCESS_MANAGE)
    theme = process_theme(process, theme_pk)
    contribution = get_object_or_404(Contribution, pk=contribution_pk, process=process)
    form = MoveForm(request.POST, theme=theme)
    if form.is_valid():
        target = form.cleaned_data["to_theme"]
        _attempt(
            request,
            lambda: services.move_contribution(contribution=contribution, from_theme=theme, to_theme=target,
                                               user=request.user),
            _("The contribution was moved to “%(name)s”.") % {"name": target.name},
        )  # fmt: skip
    else:
        _form_errors(request, form)
    return redirect(_theme_url(theme) + "#members-title")


@requires_capability(Capability.PROCESS_MANAGE)
@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.PROCESS_MANAGE)
    form = MergeForm(request.POST, process=process)
    if form.is_valid():
        themes = list(form.cleaned_data["themes"])
        into = form.cleaned_data["into"]
        try:
            target = services.merge_themes(themes=themes, into=into, user=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("%(count)d themes were merged into “%(name)s”.") % {
                "count": len(themes), "name": target.name})
            return redirect(_theme_url(target))
    context = overview_context(process, RunForm(process=process), merge_form=form)
    return render(request, "themes/overview.html", context, status=400)


@requires_capability(Capability.PROCESS_MANAGE)
@require_POST
def create(request: HttpRequest, pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.PROCESS_MANAGE)
    form = NewThemeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        theme = services.create_theme(process=process, user=request.user, label=data["label"],
                                      description=data["description"], label_en=data["label_en"],
                                      description_en=data["description_en"])  # fmt: skip
        messages.success(request, _("The theme “%(name)s” was created.") % {"name": theme.name})
        return redirect(_theme_url(theme))
    context = overview_context(process, RunForm(process=process), new_theme_form=form)
    return render(request, "themes/overview.html", context, status=400)
