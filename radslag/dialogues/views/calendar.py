"""Calendar files: one activity (to add to one's own calendar) and a feed of a process's activities."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from radslag.dialogues import calendar
from radslag.dialogues.views.public import viewable_process
from radslag.dialogues.views.registration import site_url

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _response(text: str, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(text.encode("utf-8"), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'{"attachment" if attachment else "inline"}; filename="{filename}"'
    return response


@require_GET
def activity_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = viewable_process(request, slug)
    activity = get_object_or_404(process.activities.select_related("locality"), pk=pk)
    text = calendar.calendar(process, [activity], host=request.get_host().split(":")[0], site_url=site_url(request),
                             name=activity.title)
    return _response(text, f"{process.slug}-{activity.pk}.ics", attachment=True)


@require_GET
def process_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """Every activity of the process; a calendar that subscribes sees changes and cancellations."""
    process = viewable_process(request, slug)
    activities = process.activities.select_related("locality").order_by("starts_at")
    text = calendar.calendar(process, activities, host=request.get_host().split(":")[0], site_url=site_url(request))
    return _response(text, f"{process.slug}.ics", attachment=False)
