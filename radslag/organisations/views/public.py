"""Pages every visitor sees: accessibility statement, privacy notice, and the page feedback form's target."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from radslag.organisations.accessibility import default_statement_text
from radslag.organisations.forms import PageFeedbackForm
from radslag.organisations.models import AccessibilityStatement, Organisation
from radslag.organisations.services import record_page_feedback


def require_organisation(request: HttpRequest) -> Organisation:
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        raise Http404(_("No municipality is configured for this address."))
    return organisation


def accessibility(request: HttpRequest) -> HttpResponse:
    organisation = require_organisation(request)
    statement = AccessibilityStatement.objects.filter(organisation=organisation).first()
    return render(request, "organisations/accessibility.html", {
        "statement": statement,
        "statement_text": statement.body if statement else default_statement_text(organisation),
        "contact_email": (statement and statement.contact_email) or organisation.contact_email,
    })


def privacy(request: HttpRequest) -> HttpResponse:
    require_organisation(request)
    return render(request, "organisations/privacy.html")


@require_POST
def page_feedback(request: HttpRequest) -> HttpResponse:
    organisation = require_organisation(request)
    form = PageFeedbackForm(request.POST)
    if not form.is_valid():
        path = form.cleaned_data.get("path") or "/"
        messages.error(request, _("Choose yes or no before you send your answer about the page."))
        return HttpResponseRedirect(path)
    record_page_feedback(
        organisation=organisation,
        path=form.cleaned_data["path"],
        helpful=form.cleaned_data["helpful"],
        comment=form.cleaned_data["comment"],
    )
    messages.success(request, _("Thank you for your answer. It helps us make the pages better."))
    return HttpResponseRedirect(form.cleaned_data["path"])
