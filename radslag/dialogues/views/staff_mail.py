"""Staff write to an activity's registrants or its table hosts (service mail, through the outbox)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from radslag.core.access import requires_capability
from radslag.core.errors import DomainError
from radslag.core.permissions import Capability
from radslag.dialogues.access import process_for
from radslag.dialogues.forms_meetings import ActivityMailForm
from radslag.dialogues.models import Activity, Registration
from radslag.dialogues.services.meetings import write_to_activity


@requires_capability(Capability.PROCESS_MANAGE)
@require_http_methods(["GET", "POST"])
def activity_mail(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    process = process_for(request, pk, Capability.PROCESS_MANAGE)
    activity = get_object_or_404(Activity, pk=activity_pk, process=process)
    form = ActivityMailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            message = write_to_activity(activity=activity, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            count = message.deliveries.count()
            messages.success(request, ngettext("The mail is on its way to %(count)d person.",
                                               "The mail is on its way to %(count)d people.", count) % {"count": count})
            return redirect("dialogues:activity_edit", pk=process.pk, activity_pk=activity.pk)
    return render(request, "dialogues/staff/activity_mail.html", {
        "process": process, "activity": activity, "form": form,
        "registered": activity.registrations.filter(status=Registration.Status.CONFIRMED).count(),
        "hosts": activity.tables.filter(host__isnull=False).values("host").distinct().count(),
        "hosts_without_account": activity.tables.filter(host__isnull=True).exclude(host_name="").count(),
    })
