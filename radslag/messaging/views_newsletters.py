"""Newsletters: the staff pages (write, preview, test, schedule, send, report), the media library, and the
public archive with each issue's page. The library's images are served here too, from the default storage."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import F
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.messaging import markup, newsletter_lists, newsletters
from radslag.messaging.forms_newsletters import MediaImageForm, NewsletterForm, ScheduleForm
from radslag.messaging.models import MediaImage, Newsletter, Topic
from radslag.organisations.models import Organisation


def _organisation(request: HttpRequest) -> Organisation:
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        raise Http404("No municipality is configured for this address.")
    return organisation


def _newsletter(request: HttpRequest, pk: int) -> Newsletter:
    return get_object_or_404(Newsletter, pk=pk, organisation=_organisation(request))


def issue_context(newsletter: Newsletter) -> dict[str, Any]:
    """One issue as the archive shows it, in the interface language when that version exists."""
    english = get_language() == "en" and bool(newsletter.body_en.strip())
    title = newsletter.title_en if english and newsletter.title_en else newsletter.title
    body = newsletter.body_en if english else newsletter.body
    listed = newsletter_lists.describe(newsletter.organisation, newsletter.topic, newsletter.topic_id)
    return {
        "newsletter": newsletter, "issue_title": title, "issue_lang": "en" if english else "sv",
        "issue_html": mark_safe(markup.to_html(body)),  # noqa: S308  (markup.to_html passes no raw HTML)
        "issue_list": listed,
    }


# --- staff ---------------------------------------------------------------------------------------------

@requires_capability(Capability.NEWSLETTERS_MANAGE)
def staff_list(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    # Drafts and scheduled ones first, then the sent ones, newest first.
    items = Newsletter.objects.filter(organisation=organisation).order_by(
        F("sent_at").desc(nulls_first=True), "-created_at")
    titles = {item.key: item.title for item in newsletter_lists.lists_of(organisation)}
    return render(request, "messaging/newsletters/staff_list.html", {
        "items": [(item, titles.get(f"{item.topic}:{item.topic_id or ''}", "–")) for item in items],
    })


@requires_capability(Capability.NEWSLETTERS_MANAGE)
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, newsletter_pk: int | None = None) -> HttpResponse:
    """Write a newsletter, or change one not yet sent; a sent one shows its send report."""
    organisation = _organisation(request)
    newsletter = _newsletter(request, newsletter_pk) if newsletter_pk else None
    library = newsletters.library(organisation)
    form = NewsletterForm(request.POST or None, instance=newsletter, library=library,
                          lists=newsletter_lists.lists_of(organisation))
    if request.method == "POST" and form.is_valid():
        try:
            saved = newsletters.save_newsletter(organisation=organisation, actor=request.user,
                                                fields=form.cleaned_data, newsletter=newsletter)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The newsletter is saved."))
            return redirect("newsletters:edit", newsletter_pk=saved.pk)
    return render(request, "messaging/newsletters/edit.html", {
        "form": form, "newsletter": newsletter, "library": library,
        "problems": newsletters.problems_before_sending(newsletter) if newsletter else [],
        "report": newsletters.send_report(newsletter) if newsletter else None,
        "schedule_form": ScheduleForm(),
    })


@requires_capability(Capability.NEWSLETTERS_MANAGE)
def preview(request: HttpRequest, newsletter_pk: int) -> HttpResponse:
    """The issue exactly as its archive page will show it."""
    return render(request, "messaging/newsletters/preview.html", issue_context(_newsletter(request, newsletter_pk)))


def _act(request: HttpRequest, newsletter: Newsletter, action: Any, done: str) -> HttpResponse:
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
        for detail in error.details:
            messages.error(request, detail)
    else:
        messages.success(request, done)
    return redirect("newsletters:edit", newsletter_pk=newsletter.pk)


@requires_capability(Capability.NEWSLETTERS_MANAGE)
@require_POST
def send_test(request: HttpRequest, newsletter_pk: int) -> HttpResponse:
    newsletter = _newsletter(request, newsletter_pk)
    return _act(request, newsletter, lambda: newsletters.send_test(newsletter=newsletter, actor=request.user),
                _("A test is on its way to %(email)s.") % {"email": request.user.email})  # type: ignore[union-attr]


@requires_capability(Capability.NEWSLETTERS_MANAGE)
@require_POST
def schedule(request: HttpRequest, newsletter_pk: int) -> HttpResponse:
    newsletter = _newsletter(request, newsletter_pk)
    if "unschedule" in request.POST:
        return _act(request, newsletter, lambda: newsletters.schedule_newsletter(
            newsletter=newsletter, actor=request.user, send_at=None), _("The newsletter is no longer scheduled."))
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("newsletters:edit", newsletter_pk=newsletter.pk)
    send_at = form.cleaned_data["send_at"]
    return _act(request, newsletter, lambda: newsletters.schedule_newsletter(
        newsletter=newsletter, actor=request.user, send_at=send_at), _("The newsletter is scheduled."))


@requires_capability(Capability.NEWSLETTERS_MANAGE)
@require_POST
def send(request: HttpRequest, newsletter_pk: int) -> HttpResponse:
    newsletter = _newsletter(request, newsletter_pk)
    return _act(request, newsletter, lambda: newsletters.send_newsletter(newsletter=newsletter, actor=request.user),
                _("The newsletter is on its way and is now in the public archive."))


@requires_capability(Capability.MEDIA_MANAGE)
@require_http_methods(["GET", "POST"])
def media_library(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    form = MediaImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        newsletters.add_image(organisation=organisation, actor=request.user, fields=form.cleaned_data,
                              image_format=form.image_format, width=form.width, height=form.height)
        messages.success(request, _("The image is in the media library."))
        return redirect("newsletters:media_library")
    return render(request, "messaging/newsletters/media_library.html", {
        "form": form, "images": newsletters.library(organisation),
    })


# --- public --------------------------------------------------------------------------------------------

def archive(request: HttpRequest) -> HttpResponse:
    """The municipality's newsletters, and the processes that have newsletters of their own."""
    organisation = _organisation(request)
    issues = newsletters.archive(organisation)
    with_issues = set(issues.filter(topic=Topic.PROCESS).values_list("topic_id", flat=True))
    process_lists = [item for item in newsletter_lists.lists_of(organisation) if item.topic_id in with_issues]
    return render(request, "messaging/newsletters/archive.html", {
        "issues": issues.filter(topic=Topic.ORGANISATION), "process_lists": process_lists, "listed": None,
    })


def process_archive(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request)
    listed = newsletter_lists.by_slug(organisation, slug)
    if listed is None:
        raise Http404("No such process.")
    issues = newsletters.archive(organisation).filter(topic=listed.topic, topic_id=listed.topic_id)
    return render(request, "messaging/newsletters/archive.html", {"issues": issues, "listed": listed})


def issue(request: HttpRequest, newsletter_pk: int) -> HttpResponse:
    newsletter = get_object_or_404(newsletters.archive(_organisation(request)), pk=newsletter_pk)
    return render(request, "messaging/newsletters/issue.html", issue_context(newsletter))


@require_GET
def image(request: HttpRequest, image_pk: int, extension: str) -> HttpResponseBase:
    """A library image, from the default storage (a local folder, or S3 in a scaled-out installation)."""
    found = get_object_or_404(MediaImage, pk=image_pk, organisation=_organisation(request))
    if found.url != f"/bilder/{image_pk}.{extension}" or not found.file.storage.exists(found.file.name or ""):
        raise Http404("No such image.")
    response = FileResponse(found.file.open("rb"), content_type=found.content_type)
    response["Cache-Control"] = "public, max-age=86400"
    response["Content-Disposition"] = "inline"
    return response
