"""The pages mail links to (confirm, unsubscribe, preferences), following, and a person's own mail.

Links in mail carry a signed token instead of a session, so these pages work without signing in. A
tampered or expired token gets a clear page with status 400; a token of another municipality is not
found here (404).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from radslag.core.statements import parse_key
from radslag.core.throttle import throttled
from radslag.messaging import consent, tokens
from radslag.messaging.forms import FollowForm, SubscriptionChangeForm
from radslag.messaging.models import Recipient, Topic
from radslag.messaging.topics import describe, describe_all
from radslag.organisations.models import Organisation


def _organisation(request: HttpRequest) -> Organisation:
    return request.organisation  # type: ignore[attr-defined]


def _bad_link(request: HttpRequest, error: tokens.BadToken) -> HttpResponse:
    return render(request, "messaging/bad_link.html", {"expired": error.expired}, status=400)


def _here(request: HttpRequest, recipient: Recipient) -> Recipient:
    if recipient.organisation_id != _organisation(request).pk:
        raise Http404
    return recipient


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET only shows a button: mail scanners open links, and must not confirm on the person's behalf."""
    try:
        recipient = _here(request, tokens.recipient_from_confirm_token(token))
    except tokens.BadToken as error:
        return _bad_link(request, error)
    if request.method == "POST":
        consent.confirm_address(recipient=recipient)
        recipient.refresh_from_db()
        return render(request, "messaging/confirmed.html", {
            "recipient": recipient, "preferences_token": tokens.unsubscribe_token(recipient),
        })
    return render(request, "messaging/confirm.html", {"recipient": recipient, "token": token})


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no cookie; the signed token is the key
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        recipient = _here(request, tokens.recipient_from_unsubscribe_token(token))
    except tokens.BadToken as error:
        return _bad_link(request, error)
    if request.method == "POST":
        consent.unsubscribe_all(recipient=recipient)
        return render(request, "messaging/unsubscribed.html", {"recipient": recipient, "token": token})
    return render(request, "messaging/unsubscribe.html", {"recipient": recipient, "token": token})


def _change(request: HttpRequest, recipient: Recipient) -> None:
    form = SubscriptionChangeForm(request.POST)
    if not form.is_valid():
        problems = [str(error) for errors in form.errors.values() for error in errors]
        messages.error(request, _("Nothing was changed: %(reason)s") % {"reason": " ".join(problems)})
        return
    data = form.cleaned_data
    if data["action"] == "end":
        if consent.end_subscription(recipient=recipient, subscription_id=data["subscription"]):
            messages.success(request, _("You will no longer get mail about that."))
        else:
            messages.error(request, _("That subscription had already ended, or is not yours. Nothing was changed."))
    elif consent.change_frequency(recipient=recipient, subscription_id=data["subscription"],
                                  frequency=data["frequency"]):
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("That subscription is not yours. Nothing was changed."))


def _listing(organisation: Organisation, recipient: Recipient) -> dict[str, Any]:
    subscriptions = list(recipient.subscriptions.order_by("ended_at", "-created_at"))
    about = describe_all(organisation, [(s.topic, s.topic_id) for s in subscriptions])
    rows = [(subscription, about.get((subscription.topic, subscription.topic_id))) for subscription in subscriptions]
    return {"recipient": recipient, "rows": rows}


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    try:
        recipient = _here(request, tokens.recipient_from_unsubscribe_token(token))
    except tokens.BadToken as error:
        return _bad_link(request, error)
    if request.method == "POST":
        _change(request, recipient)
        return redirect("messaging:preferences", token=token)
    listing = _listing(_organisation(request), recipient)
    return render(request, "messaging/preferences.html", {**listing, "token": token})


@login_required
@require_http_methods(["GET", "POST"])
def my_mail(request: HttpRequest) -> HttpResponse:
    """A signed-in person's addresses and what each is told about."""
    recipients = consent.recipients_of(request.user, _organisation(request))
    if request.method == "POST":
        chosen = next((r for r in recipients if str(r.pk) == request.POST.get("recipient")), None)
        if chosen is None:
            messages.error(request, _("That address is not one of yours here. Nothing was changed."))
        elif request.POST.get("action") == "all":
            consent.unsubscribe_all(recipient=chosen)
            messages.success(request, _("You will get no more mail from us at %(email)s.") % {"email": chosen.email})
        else:
            _change(request, chosen)
        return redirect("messaging:my_mail")
    return render(request, "messaging/my_mail.html", {
        "listings": [_listing(_organisation(request), r) for r in recipients],
    })


@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    """Follow the municipality, a process or a focus area (?amne=process&id=5)."""
    organisation = _organisation(request)
    topic = request.GET.get("amne") or Topic.ORGANISATION
    topic_id = request.GET.get("id", "")
    number = parse_key(topic_id) if topic != Topic.ORGANISATION else None
    if topic not in Topic.values or number == 0:
        raise Http404
    about = describe(organisation, topic, number)
    if about is None:
        raise Http404
    if request.method == "POST" and (refusal := throttled(request, "consent")):
        return refusal
    form = FollowForm(request.POST or None, organisation=organisation, user=request.user)
    if request.method == "POST" and form.is_valid():
        subscription = consent.follow(
            organisation=organisation, email=form.address(), topic=topic, topic_id=number,
            frequency=form.cleaned_data["frequency"], language=get_language() or "sv", user=request.user,
        )
        return render(request, "messaging/followed.html", {
            "about": about, "recipient": subscription.recipient, "subscription": subscription,
        })
    return render(request, "messaging/follow.html", {"about": about, "form": form})
