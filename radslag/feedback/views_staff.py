"""Staff write the answers to a process's themes and publish them."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.dialogues.access import process_for
from radslag.dialogues.followup import answer_debts
from radslag.dialogues.timeline import today
from radslag.feedback import services
from radslag.feedback.forms import AnswerForm
from radslag.feedback.models import Answer
from radslag.themes.models import Theme


@requires_capability(Capability.PROCESS_READ_ANALYSIS)
def staff_answers(request: HttpRequest, pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.PROCESS_READ_ANALYSIS)
    themes = Theme.objects.filter(process=process, status=Theme.Status.ACTIVE).order_by("order", "id")
    answers = {a.theme_id: a for a in Answer.objects.filter(process=process)}
    rows = [{"theme": theme, "answer": answers.get(theme.pk)} for theme in themes]
    return render(request, "feedback/staff/answers.html", {
        "process": process, "rows": rows, "debt": answer_debts([process], today()).get(process.pk),
        "pending": services.unpublished(process).count(),
    })


@requires_capability(Capability.ANSWERS_WRITE)
def answer_edit(request: HttpRequest, pk: int, theme_pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.ANSWERS_WRITE)
    theme = get_object_or_404(Theme, pk=theme_pk, process=process, status=Theme.Status.ACTIVE)
    answer = Answer.objects.filter(theme=theme).first()
    form = AnswerForm(request.POST or None, instance=answer, organisation=process.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_answer(process=process, theme=theme, actor=request.user, fields=form.answer_fields(),
                                 decisions=list(form.cleaned_data["decisions"]))
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The answer is saved. Publish it from the list when you are ready."))
            return redirect("feedback:staff_answers", pk=process.pk)
    return render(request, "feedback/staff/answer_form.html",
                  {"process": process, "theme": theme, "answer": answer, "form": form})


@requires_capability(Capability.ANSWERS_WRITE)
@require_POST
def answers_publish(request: HttpRequest, pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.ANSWERS_WRITE)
    try:
        release = services.publish_answers(process=process, actor=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        count = release.answers.count()
        messages.success(request, ngettext("%(count)d answer is published.", "%(count)d answers are published.",
                                           count) % {"count": count})
    return redirect("feedback:staff_answers", pk=process.pk)
