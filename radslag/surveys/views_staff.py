"""Staff pages: surveys, the builder, waves and reminders, preview, results, exports, paper forms."""

from __future__ import annotations

import functools
import json
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from radslag.core.access import has_capability, requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.core.statements import parse_key
from radslag.organisations.models import Organisation
from radslag.surveys import building, exports, paper, responding, waves
from radslag.surveys.answer_form import background_given, posted_values, shown_questions
from radslag.surveys.answering import FIELD, field_name, pages_for, survey_structure
from radslag.surveys.forms import BackgroundForm, PaperForm, QuestionForm, SectionForm, SurveyForm, WaveForm
from radslag.surveys.method import method_text
from radslag.surveys.models import Question, Response, Section, Survey, Wave
from radslag.surveys.results import BACKGROUND, cross_tab, question_results, response_rates
from radslag.surveys.weighting import ensure_weights


def _org(request: HttpRequest) -> Organisation:
    return request.organisation  # type: ignore[attr-defined]


def _survey(request: HttpRequest, pk: int) -> Survey:
    return get_object_or_404(Survey, pk=pk, organisation=_org(request))


@requires_capability(Capability.SURVEYS_READ_RESULTS, write=Capability.SURVEYS_MANAGE)
@require_http_methods(["GET", "POST"])
def survey_list(request: HttpRequest) -> HttpResponse:
    form = SurveyForm(request.POST or None, organisation=_org(request))
    if request.method == "POST" and form.is_valid():
        try:
            survey = building.save_survey(organisation=_org(request), actor=request.user, fields=form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("surveys:staff_survey", pk=survey.pk)
    surveys = Survey.objects.filter(organisation=_org(request))
    can_manage = has_capability(request.user, _org(request), Capability.SURVEYS_MANAGE)
    return render(request, "surveys/staff/list.html", {"surveys": surveys, "form": form, "can_manage": can_manage},
                  status=400 if request.method == "POST" else 200)


def _builder(request: HttpRequest, survey: Survey, status: int = 200, **forms: Any) -> HttpResponse:
    rename = forms.get("rename_form")
    structure = [(section, questions, rename if rename is not None and rename.prefix == f"avsnitt-{section.pk}"
                  else SectionForm(prefix=f"avsnitt-{section.pk}",
                                   initial={"title": section.title, "title_en": section.title_en}))
                 for section, questions in survey_structure(survey)]
    context = {
        "survey": survey, "structure": structure,
        "form": forms.get("form") or SurveyForm(instance=survey, organisation=_org(request)),
        "section_form": forms.get("section_form") or SectionForm(),
        "question_form": forms.get("question_form") or QuestionForm(survey=survey),
        "wave_form": forms.get("wave_form") or WaveForm(),
        "waves": survey.waves.all(), "max_reminders": waves.MAX_REMINDERS,
        "responses": Response.objects.filter(survey=survey, submitted_at__isnull=False).count(),
    }
    return render(request, "surveys/staff/survey.html", context, status=status)


def _question_page(request: HttpRequest, survey: Survey, question: Question, form: QuestionForm | None = None,
                   status: int = 200) -> HttpResponse:
    """The edit form of one question: the add form's fields, filled in with what the question says now."""
    form = form or QuestionForm(instance=question, survey=survey,
                                initial={"options_text": building.options_as_text(question)})
    return render(request, "surveys/staff/question.html",
                  {"survey": survey, "question": question, "question_form": form}, status=status)


@requires_capability(Capability.SURVEYS_MANAGE)
@require_http_methods(["GET", "POST"])
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    if request.method == "GET":
        if "edit" not in request.GET:
            return _builder(request, survey)
        question = get_object_or_404(Question, pk=parse_key(request.GET.get("edit")), section__survey=survey)
        if survey.status != Survey.Status.DRAFT:
            messages.error(request, _("The survey has been opened: its questions can no longer change, so that "
                                      "every answer means the same."))
            return redirect("surveys:staff_survey", pk=survey.pk)
        return _question_page(request, survey, question)
    action = request.POST.get("action", "")
    if action in FORM_ACTIONS:
        return FORM_ACTIONS[action](request, survey)
    anchor = ""
    try:
        if action not in ACTIONS:
            raise DomainError(_("Choose what to do with the survey."))
        anchor = ACTIONS[action](request, survey)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(reverse("surveys:staff_survey", kwargs={"pk": survey.pk}) + anchor)


def _set_status(request: HttpRequest, survey: Survey) -> str:
    building.set_status(survey=survey, actor=request.user, status=request.POST["action"])
    return ""


def _remind(request: HttpRequest, survey: Survey) -> str:
    wave = get_object_or_404(Wave, pk=parse_key(request.POST.get("wave")), survey=survey)
    count = waves.send_reminder(wave=wave, actor=request.user)
    messages.success(request, _("%(count)d reminders are on their way.") % {"count": count})
    return ""


def _delete_question(request: HttpRequest, survey: Survey) -> str:
    question = get_object_or_404(Question, pk=parse_key(request.POST.get("question")), section__survey=survey)
    building.delete_question(question=question, actor=request.user)
    return ""


def _move_question(request: HttpRequest, survey: Survey) -> str:
    question = get_object_or_404(Question, pk=parse_key(request.POST.get("question")), section__survey=survey)
    building.move_question(question=question, actor=request.user, direction=request.POST.get("direction", ""))
    return f"#fraga-{question.pk}"


def _move_section(request: HttpRequest, survey: Survey) -> str:
    section = get_object_or_404(Section, pk=parse_key(request.POST.get("section")), survey=survey)
    building.move_section(section=section, actor=request.user, direction=request.POST.get("direction", ""))
    return f"#avsnitt-{section.pk}"


def _delete_section(request: HttpRequest, survey: Survey) -> str:
    section = get_object_or_404(Section, pk=parse_key(request.POST.get("section")), survey=survey)
    building.delete_section(section=section, actor=request.user)
    messages.success(request, _("The section is removed."))
    return ""


def _post_edit_question(request: HttpRequest, survey: Survey) -> HttpResponse:
    question = get_object_or_404(Question, pk=parse_key(request.POST.get("question")), section__survey=survey)
    form = QuestionForm(request.POST, instance=question, survey=survey)
    if form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k not in ("section", "options_text")}
        try:
            building.edit_question(question=question, actor=request.user, section=form.cleaned_data["section"],
                                   fields=fields, options_text=form.cleaned_data["options_text"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The question is saved."))
            return redirect(reverse("surveys:staff_survey", kwargs={"pk": survey.pk}) + f"#fraga-{question.pk}")
    return _question_page(request, survey, Question.objects.get(pk=question.pk), form, 400)


def _post_edit_section(request: HttpRequest, survey: Survey) -> HttpResponse:
    section = get_object_or_404(Section, pk=parse_key(request.POST.get("section")), survey=survey)
    form = SectionForm(request.POST, prefix=f"avsnitt-{section.pk}")
    if form.is_valid():
        try:
            building.edit_section(section=section, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The section is saved."))
            return redirect(reverse("surveys:staff_survey", kwargs={"pk": survey.pk}) + f"#avsnitt-{section.pk}")
    return _builder(request, survey, 400, rename_form=form)


def _post_settings(request: HttpRequest, survey: Survey) -> HttpResponse:
    form = SurveyForm(request.POST, instance=survey, organisation=_org(request))
    if form.is_valid():
        try:
            building.save_survey(organisation=_org(request), actor=request.user, fields=form.cleaned_data,
                                 survey=survey)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The survey is saved."))
            return redirect("surveys:staff_survey", pk=survey.pk)
    return _builder(request, Survey.objects.get(pk=survey.pk), 400, form=form)


def _post_section(request: HttpRequest, survey: Survey) -> HttpResponse:
    form = SectionForm(request.POST)
    if form.is_valid():
        try:
            building.add_section(survey=survey, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("surveys:staff_survey", pk=survey.pk)
    return _builder(request, survey, 400, section_form=form)


def _post_question(request: HttpRequest, survey: Survey) -> HttpResponse:
    form = QuestionForm(request.POST, survey=survey)
    if form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k not in ("section", "options_text")}
        try:
            building.add_question(section=form.cleaned_data["section"], actor=request.user, fields=fields,
                                  options_text=form.cleaned_data["options_text"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The question is added."))
            return redirect("surveys:staff_survey", pk=survey.pk)
    return _builder(request, survey, 400, question_form=form)


def _post_wave(request: HttpRequest, survey: Survey) -> HttpResponse:
    form = WaveForm(request.POST)
    if form.is_valid():
        try:
            wave = waves.send_wave(survey=survey, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("%(count)d members are invited.") % {"count": wave.invitations.count()})
            return redirect("surveys:staff_survey", pk=survey.pk)
    return _builder(request, survey, 400, wave_form=form)


# Actions that show a form again when it is not valid, and actions that only redirect (with a message).
FORM_ACTIONS = {"settings": _post_settings, "section": _post_section, "question": _post_question,
                "wave": _post_wave, "edit_question": _post_edit_question, "edit_section": _post_edit_section}
ACTIONS = {"open": _set_status, "closed": _set_status, "reminder": _remind, "delete_question": _delete_question,
           "move_question": _move_question, "move_section": _move_section, "delete_section": _delete_section}


@requires_capability(Capability.SURVEYS_MANAGE)
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Every page exactly as a respondent sees it (the same template), with nothing to send. The answers
    given so far travel in the address from page to page, so a question shown only after an answer shows
    here after that answer too, and going back finds the page as it was left."""
    survey = _survey(request, pk)
    structure = survey_structure(survey)
    given = posted_values(request.GET)
    known = {q.pk: given[field_name(q)] for _section, questions in structure for q in questions
             if field_name(q) in given}
    pages = pages_for(structure, known, ask_background=survey.self_selected)
    if not pages:
        messages.info(request, _("Add questions to preview the survey."))
        return redirect("surveys:staff_survey", pk=survey.pk)
    number = max(1, min(parse_key(request.GET.get("sida")) or 1, len(pages)))
    page = pages[number - 1]
    shown = shown_questions(page.questions, given, {})
    on_page = ({*BACKGROUND} if page.is_background else
               {name for item in shown for name in [item.name, *(row.name for row in item.rows)]})
    carried = [(name, value) for name, values in request.GET.lists()
               if name not in on_page and (name in BACKGROUND or FIELD.match(name)) for value in values if value]
    return render(request, "surveys/answer.html", {
        "survey": survey, "page": page, "pages": pages, "number": number, "total": len(pages),
        "last": number == len(pages), "preview": True, "questions": shown, "errors": {}, "carried": carried,
        "background": BackgroundForm(organisation=survey.organisation, initial=background_given(request.GET))
        if page.is_background else None,
    })


@requires_capability(Capability.SURVEYS_READ_RESULTS)
def results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    report = ensure_weights(survey)
    # The rates and the per-question tables are worked out only when the template's cache of them (keyed by
    # what the weights were computed from, so a new answer makes a new key) has no copy.
    context: dict[str, Any] = {
        "survey": survey, "report": report,
        "version": json.dumps([survey.created_at.isoformat(), survey.weights_for], sort_keys=True),
        "rates": functools.cache(lambda: response_rates(survey)),
        "results": functools.cache(lambda: question_results(survey)),
        "method": method_text(survey, report), "variables": BACKGROUND,
        "can_manage": has_capability(request.user, _org(request), Capability.SURVEYS_MANAGE),
        "respondents": Response.objects.filter(survey=survey, submitted_at__isnull=False).count(),
    }
    question_pk, variable = request.GET.get("fraga", ""), request.GET.get("efter", "")
    if parse_key(question_pk) and variable in BACKGROUND:
        question = get_object_or_404(Question, pk=parse_key(question_pk), section__survey=survey)
        if question.has_options or question.kind == "scale":
            context["crosstab"] = cross_tab(survey, question, variable)
    return render(request, "surveys/staff/results.html", context)


EXPORTS = {
    "csv": (exports.write_csv, "text/csv; charset=utf-8"),
    "xlsx": (exports.write_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "sav": (exports.write_sav, "application/x-spss-sav"),
}


@requires_capability(Capability.SURVEYS_MANAGE)
@never_cache
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    survey = _survey(request, pk)
    if fmt not in EXPORTS:
        raise Http404
    write, content_type = EXPORTS[fmt]
    response = HttpResponse(write(survey), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="enkat-{survey.pk}.{fmt}"'
    return response


@requires_capability(Capability.SURVEYS_MANAGE)
def paper_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    response = HttpResponse(paper.survey_pdf(survey, base_url=request.build_absolute_uri("/")),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="enkat-{survey.pk}.pdf"'
    return response


@requires_capability(Capability.SURVEYS_MANAGE)
@require_http_methods(["GET", "POST"])
def paper_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """Type in paper forms one after another: every answer on one page, Enter saves and starts the next."""
    survey = _survey(request, pk)
    form = PaperForm(request.POST or None, organisation=survey.organisation)
    questions = [q for _section, qs in survey_structure(survey) for q in qs]
    given: dict[str, list[str]] = {}
    errors: dict[int, str] = {}
    problem, status = "", 200
    if request.method == "POST" and form.is_valid():
        data = {**{k: request.POST.get(k, "") for k in ("age_band", "sex", "locality")},
                **paper.from_paper(questions, request.POST.dict())}
        try:
            entry = responding.enter_paper_form(survey=survey, entered_by=request.user, data=data,
                                                paper_number=form.cleaned_data["paper_number"])
        except responding.PageErrors as error:
            given, errors, problem, status = posted_values(request.POST), error.errors, error.message, 400
            for name, message in error.background.items():
                form.add_error(name, message)
        except DomainError as error:
            given, problem, status = posted_values(request.POST), error.message, 400
        else:
            messages.success(request, _("The form is saved. Type in the next one."))
            for note in paper.left_out_notes(questions, entry.left_out):
                messages.warning(request, note)
            return redirect("surveys:staff_paper_entry", pk=survey.pk)
    entered = Response.objects.filter(survey=survey, source="paper").count()
    shown = shown_questions(questions, {}, errors)
    for item in shown:
        item.value = request.POST.get(item.name, "") if given else ""
        for row in item.rows:
            row.typed = request.POST.get(row.name, "") if given else ""
    return render(request, "surveys/staff/paper_entry.html", {
        "survey": survey, "form": form, "questions": shown, "problem": problem, "entered": entered}, status=status)


__all__ = ["EXPORTS", "export", "paper_entry", "paper_pdf", "preview", "results", "survey_detail", "survey_list"]
