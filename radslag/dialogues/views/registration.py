"""An activity's public page, with registration and cancellation by a signed link."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from radslag.core.errors import DomainError
from radslag.dialogues import querysets, services
from radslag.dialogues.forms import RegistrationForm
from radslag.dialogues.models import Activity, DialogueProcess, Registration
from radslag.dialogues.permissions import can_register
from radslag.dialogues.views.public import viewable_process

# The registrations this browser made (their ids, in the session), so each page can show its own.
SESSION_KEY = "dialogues.registrations"
REMEMBERED = 20
ANOTHER = "ny"  # ?ny=1: register someone else


def site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _activity(request: HttpRequest, slug: str, pk: int) -> tuple[DialogueProcess, Activity]:
    process = viewable_process(request, slug)
    activity = get_object_or_404(querysets.activities_with_counts().select_related("phase"), pk=pk, process=process)
    activity.process = process
    return process, activity


def _registration_message(registration: Registration) -> str:
    if registration.status == Registration.Status.CONFIRMED:
        return _("You are registered. We have sent a confirmation to %(email)s.") % {"email": registration.email}
    return _("The activity is full, so you are on the waiting list. We have sent a confirmation to %(email)s "
             "and will e-mail you if a place becomes free.") % {"email": registration.email}


def _remember(request: HttpRequest, registration: Registration) -> None:
    """This browser made the registration: the page shows it (and how to cancel) instead of the form."""
    made = [pk for pk in request.session.get(SESSION_KEY, []) if isinstance(pk, int)][-REMEMBERED + 1:]
    request.session[SESSION_KEY] = [*made, registration.pk]


def _own_registration(request: HttpRequest, activity: Activity) -> Registration | None:
    """The person's active registration: made in this browser, or under their account."""
    mine = Q(pk__in=[pk for pk in request.session.get(SESSION_KEY, []) if isinstance(pk, int)])
    if request.user.is_authenticated:
        mine |= Q(user=request.user) | Q(email__iexact=request.user.email)
    return activity.registrations.exclude(status=Registration.Status.CANCELLED).filter(mine).order_by("-pk").first()


@require_http_methods(["GET", "POST"])
def activity_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, activity = _activity(request, slug, pk)
    registration_open = activity.registration_required and can_register(process) and activity.cancelled_at is None
    another = request.GET.get(ANOTHER) == "1"  # registering someone else: a clean form
    form = RegistrationForm(request.POST or None, user=None if another else request.user,
                            organisation=process.organisation)
    if request.method == "POST" and registration_open and form.is_valid():
        try:
            registration = services.register_for_activity(
                activity=activity, user=request.user, site_url=site_url(request), **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            _remember(request, registration)
            messages.success(request, _registration_message(registration))
            return redirect("dialogues:activity_detail", slug=process.slug, pk=activity.pk)
    shows_own = activity.registration_required and not another and request.method == "GET"
    own = _own_registration(request, activity) if shows_own else None
    left = None if activity.capacity is None else max(activity.capacity - getattr(activity, "confirmed_count", 0), 0)
    return render(request, "dialogues/activity_detail.html", {
        "process": process, "activity": activity, "form": form,
        "registration_open": registration_open, "places_left": left, "own_registration": own,
        "cancel_url": _cancel_url(activity, own), "another_param": ANOTHER,
    })


def _cancel_url(activity: Activity, registration: Registration | None) -> str:
    """The signed cancellation page, while cancelling online is still possible."""
    if registration is None or activity.starts_at <= timezone.now():
        return ""
    registration.activity = activity
    return services.cancellation_url(registration)


@require_http_methods(["GET", "POST"])
def registration_cancel(request: HttpRequest, slug: str, pk: int, token: str) -> HttpResponse:
    process, activity = _activity(request, slug, pk)
    try:
        registration = services.registration_from_link(activity, token)
    except services.CancellationLinkError as error:
        expired = isinstance(error, services.CancellationLinkExpiredError)
        return render(request, "dialogues/registration_link_invalid.html", {
            "process": process, "activity": activity, "message": error.message, "expired": expired,
        }, status=410 if expired else 404)
    if request.method == "POST" and registration.status != Registration.Status.CANCELLED:
        try:
            services.cancel_registration(registration=registration, site_url=site_url(request))
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your registration is cancelled. Thank you for letting us know."))
        return redirect("dialogues:activity_detail", slug=process.slug, pk=activity.pk)
    return render(request, "dialogues/registration_cancel.html", {
        "process": process, "activity": activity, "registration": registration,
    })
