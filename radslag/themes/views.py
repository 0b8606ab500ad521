"""Staff pages for theme analysis: run an analysis, see its progress, code themes and contributions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from radslag.contributions.models import Contribution
from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.dialogues.access import process_for
from radslag.dialogues.models import DialogueProcess
from radslag.themes.explanations import duplicate_groups, explain_run, method_name, run_backend
from radslag.themes.forms import CodeForm, FocusAreaForm, MergeForm, MoveForm, NewThemeForm, RenameForm, RunForm
from radslag.themes.models import AnalysisRun, Coding, Theme, ThemeExclusion
from radslag.themes.querysets import (
    MemberGroup,
    active_themes,
    held_back_codings,
    member_groups,
    quotes_by_theme,
    set_aside_contributions,
    theme_breakdowns,
    theme_members,
    theme_quotes,
    themes_of,
    unthemed_contributions,
)
from radslag.themes.runs import start_analysis
from radslag.themes.services import code_contribution as code_contribution_to

RECENT_RUNS = 10
UNTHEMED_SHOWN = 50
OVERVIEW_QUOTES = 3
MEMBERS_PER_PAGE = 50



def process_theme(process: DialogueProcess, theme_pk: int) -> Theme:
    return get_object_or_404(Theme, pk=theme_pk, process=process)


def overview_context(process: DialogueProcess, run_form: RunForm, merge_form: MergeForm | None = None,
                     new_theme_form: NewThemeForm | None = None) -> Any:
    themes = list(active_themes(process))
    quotes = quotes_by_theme(themes, members_only=True)
    merge_form = merge_form or MergeForm(process=process)
    selected = set(merge_form.data.getlist("themes")) if merge_form.is_bound else set()  # type: ignore[attr-defined]
    for theme in themes:
        theme.quote_list = quotes[theme.pk][:OVERVIEW_QUOTES]  # type: ignore[attr-defined]
        theme.selected = str(theme.pk) in selected  # type: ignore[attr-defined]
    recent = AnalysisRun.objects.filter(process=process).select_related("activity", "locality", "created_by")
    runs = list(recent[:RECENT_RUNS])
    for run in runs:
        run.method_name = method_name(run_backend(run))  # type: ignore[attr-defined]
    done = next((run for run in runs if run.status == AnalysisRun.Status.DONE), None)
    done = done or AnalysisRun.objects.filter(process=process, status=AnalysisRun.Status.DONE).first()
    unthemed = unthemed_contributions(process)
    set_aside = set_aside_contributions(process)
    return {
        "process": process,
        "run_form": run_form,
        "merge_form": merge_form,
        "new_theme_form": new_theme_form or NewThemeForm(),
        "themes": themes,
        "latest_run": runs[0] if runs else None,
        "runs": runs,
        "explanation": explain_run(done) if done else None,
        "unthemed": unthemed[:UNTHEMED_SHOWN],
        "unthemed_count": unthemed.count(),
        "set_aside": set_aside[:UNTHEMED_SHOWN],
        "set_aside_count": set_aside.count(),
        "pending_count": Contribution.objects.filter(process=process, status=Contribution.Status.PENDING).count(),
    }


@requires_capability(Capability.PROCESS_READ_ANALYSIS)
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.PROCESS_READ_ANALYSIS)
    context = overview_context(process, RunForm(process=process))
    return render(request, "themes/overview.html", context)


@requires_capability(Capability.PROCESS_MANAGE)
@require_POST
def start_run(request: HttpRequest, pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.PROCESS_MANAGE)
    form = RunForm(request.POST, process=process)
    if form.is_valid():
        data = form.cleaned_data
        try:
            start_analysis(
                process=process, user=request.user, channel=data["channel"], activity=data["activity"],
                locality=data["locality"], backend=data["backend"], k=data["k"], seed=data["seed"] or 0,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("themes:overview", pk=process.pk)
    return render(request, "themes/overview.html", overview_context(process, form), status=400)


@requires_capability(Capability.PROCESS_READ_ANALYSIS)
def run_status(request: HttpRequest, pk: int, run_pk: int) -> JsonResponse:
    """A small status document the page polls while a run works."""
    process = process_for(request, pk, Capability.PROCESS_READ_ANALYSIS)
    run = get_object_or_404(AnalysisRun, pk=run_pk, process=process)
    return JsonResponse({
        "status": run.status,
        "status_label": str(run.get_status_display()),
        "progress": run.progress,
        "stage": run.stage,
        "finished": not run.is_active,
        "error": run.error if run.status == AnalysisRun.Status.FAILED else "",
    })


@requires_capability(Capability.PROCESS_READ_ANALYSIS)
def theme_detail(request: HttpRequest, pk: int, theme_pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.PROCESS_READ_ANALYSIS)
    theme = process_theme(process, theme_pk)
    latest = AnalysisRun.objects.filter(process=process, status=AnalysisRun.Status.DONE).first()
    groups = member_groups(theme, duplicate_groups(latest))
    page = Paginator(groups, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "process": process,
        "theme": theme,
        "page": page,
        "member_rows": member_rows(theme, list(page.object_list)),
        "member_count": sum(len(group.coding_ids) for group in groups),
        "held_back": list(held_back_codings(theme)[:MEMBERS_PER_PAGE]),
        "quotes": theme_quotes(theme),
        "breakdowns": theme_breakdowns(theme),
        "rename_form": RenameForm(initial={"label": theme.name, "description": theme.description,
                                           "label_en": theme.human_label_en, "description_en": theme.description_en}),
        "focus_form": FocusAreaForm(theme=theme, initial={"focus_areas": list(theme.focus_areas.all())}),
        "move_form": MoveForm(theme=theme),
        "has_other_themes": active_themes(process).exclude(pk=theme.pk).exists(),
    }
    return render(request, "themes/theme_detail.html", context)


@dataclass(frozen=True)
class MemberRow:
    """One row of the theme page's list: a contribution, or identical (or near-identical) ones together."""

    codings: list[Coding]
    identical: bool

    @property
    def first(self) -> Coding:
        return self.codings[0]


def member_rows(theme: Theme, groups: list[MemberGroup]) -> list[MemberRow]:
    """The page's rows with their codings loaded in one query."""
    wanted = [pk for group in groups for pk in group.coding_ids]
    codings = {coding.pk: coding for coding in theme_members(theme).filter(pk__in=wanted)}
    return [MemberRow([codings[pk] for pk in group.coding_ids if pk in codings], group.identical)
            for group in groups]  # fmt: skip


def safe_next(request: HttpRequest, default: str) -> str:
    """Where to go after a form: the `next` field when it is a path on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


@requires_capability(Capability.PROCESS_MANAGE)
def code_contribution(request: HttpRequest, pk: int, contribution_pk: int) -> HttpResponse:
    """Choose by hand the themes one contribution belongs to."""
    process = process_for(request, pk, Capability.PROCESS_MANAGE)
    contribution = get_object_or_404(Contribution, pk=contribution_pk, process=process)
    current = themes_of(contribution)
    set_aside = ThemeExclusion.objects.filter(contribution=contribution).exists()
    form = CodeForm(request.POST or None, process=process, initial={"themes": current, "no_theme": set_aside})
    if request.method == "POST" and form.is_valid():
        chosen, no_theme = list(form.cleaned_data["themes"]), form.cleaned_data["no_theme"]
        try:
            code_contribution_to(contribution=contribution, themes=chosen, user=request.user, no_theme=no_theme)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, coded_message(len(chosen), no_theme=no_theme))
            return redirect(safe_next(request, reverse("themes:overview", kwargs={"pk": process.pk})))
    context = {"process": process, "contribution": contribution, "current": current, "form": form,
               "next": safe_next(request, "")}  # fmt: skip
    return render(request, "themes/code_contribution.html", context, status=400 if form.errors else 200)


def coded_message(count: int, *, no_theme: bool = False) -> str:
    if no_theme:
        return gettext("The contribution is set aside as belonging to no theme. Analyses leave it out.")
    if not count:
        return gettext("The hand coding was removed. The next analysis places the contribution.")
    return ngettext(
        "The contribution was coded to %(count)d theme.", "The contribution was coded to %(count)d themes.", count
    ) % {"count": count}
