"""Signing up for an activity, the waiting list and cancellation by a signed link."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.core.errors import DomainError
from radslag.core.mail import send_after_commit
from radslag.dialogues.models import Activity, Registration
from radslag.dialogues.permissions import can_register
from radslag.messaging.consent import ask_to_be_told
from radslag.messaging.models import Source

# A new salt: links signed by earlier versions (which carried the e-mail address) no longer open.
CANCEL_SALT = "radslag.dialogues.registration.cancel.v2"
# A link works until the activity starts, and never longer than this after it was sent.
CANCEL_LINK_MAX_AGE = dt.timedelta(days=365)
Status = Registration.Status


class CancellationLinkError(DomainError):
    """The cancellation link is broken, altered or for another activity."""


class CancellationLinkExpiredError(CancellationLinkError):
    """The cancellation link was genuine but is no longer valid."""


def _address_check(registration: Registration) -> str:
    """A short keyed digest of the address: a changed address voids the link, the link never shows it."""
    return salted_hmac(CANCEL_SALT, registration.email.lower()).hexdigest()[:16]


def cancellation_token(registration: Registration) -> str:
    signer = signing.TimestampSigner(salt=CANCEL_SALT)
    return signer.sign_object({"r": registration.pk, "a": _address_check(registration)})


def registration_from_link(activity: Activity, token: str) -> Registration:
    """The registration a cancellation link points at; a typed error says why a link does not work."""
    signer = signing.TimestampSigner(salt=CANCEL_SALT)
    try:
        payload = signer.unsign_object(token, max_age=CANCEL_LINK_MAX_AGE)
    except signing.SignatureExpired as error:
        raise CancellationLinkExpiredError(_("The cancellation link has expired.")) from error
    except (signing.BadSignature, ValueError) as error:
        raise CancellationLinkError(_("The cancellation link is not valid.")) from error
    registration = None
    if isinstance(payload, dict) and isinstance(payload.get("r"), int):
        registration = Registration.objects.filter(pk=payload["r"], activity=activity).first()
    if registration is None or payload.get("a") != _address_check(registration):
        raise CancellationLinkError(_("The cancellation link is not valid."))
    if activity.starts_at <= timezone.now():
        raise CancellationLinkExpiredError(_("The activity has started, so it can no longer be cancelled online."))
    return registration


def registration_for_token(activity: Activity, token: str) -> Registration | None:
    """The registration a cancellation link points at, or None if the link does not work."""
    try:
        return registration_from_link(activity, token)
    except CancellationLinkError:
        return None


def cancellation_url(registration: Registration) -> str:
    activity = registration.activity
    return reverse("dialogues:registration_cancel", kwargs={
        "slug": activity.process.slug, "pk": activity.pk, "token": cancellation_token(registration),
    })


def places_left(activity: Activity) -> int | None:
    """Free places, or None when the activity has no limit."""
    if activity.capacity is None:
        return None
    confirmed = activity.registrations.filter(status=Status.CONFIRMED).count()
    return max(activity.capacity - confirmed, 0)


def _mail_registration(registration: Registration, *, site_url: str) -> None:
    """Queue the confirmation, in the municipality's language, for after the commit."""
    activity = registration.activity
    organisation = activity.process.organisation
    with translation.override(organisation.default_language or settings.LANGUAGE_CODE):
        context = {"registration": registration, "activity": activity, "organisation": organisation,
                   "cancel_url": site_url + cancellation_url(registration)}
        subject = render_to_string("dialogues/email/registration_subject.txt", context).strip()
        body = render_to_string("dialogues/email/registration.txt", context)
    sender = organisation.contact_email or settings.DEFAULT_FROM_EMAIL
    send_after_commit([(subject, body, sender, [registration.email])])


def _check_open(activity: Activity, email: str) -> None:
    if activity.cancelled_at is not None:
        raise DomainError(_("The activity is cancelled."))
    if not activity.registration_required or not can_register(activity.process):
        raise DomainError(_("Registration is not open for this activity."))
    if activity.starts_at <= timezone.now():
        raise DomainError(_("The activity has already started, so registration is closed."))
    active = activity.registrations.exclude(status=Status.CANCELLED)
    if active.filter(email__iexact=email).exists():
        raise DomainError(_("This e-mail address is already registered for the activity."))


@transaction.atomic
def register_for_activity(
    *, activity: Activity, name: str, email: str, needs: str = "", user: Any = None, site_url: str = "",
    tell_me: bool = False,
) -> Registration:
    """Confirm a place while there are places left, otherwise put the person on the waiting list.

    With `tell_me` the person also asked to hear what happens with the dialogue's input, at the same address."""
    # Lock the activity row so that two people can never both get the last place.
    activity = Activity.objects.select_for_update().select_related("process__organisation").get(pk=activity.pk)
    _check_open(activity, email)
    left = places_left(activity)
    status = Status.CONFIRMED if left is None or left > 0 else Status.WAITING
    registration = Registration.objects.create(
        activity=activity, user=user if getattr(user, "is_authenticated", False) else None,
        name=name, email=email, needs=needs, status=status,
    )
    record_event(organisation=activity.process.organisation, actor=user, action="registration.created",
                 target=activity, data={"registration": registration.pk, "status": status})
    if tell_me:
        ask_to_be_told(
            organisation=activity.process.organisation, email=email, source=Source.REGISTRATION,
            source_id=registration.pk, process_id=activity.process_id, language=translation.get_language() or "sv",
            user=user if getattr(user, "is_authenticated", False) else None,
        )
    _mail_registration(registration, site_url=site_url)
    return registration


@transaction.atomic
def cancel_registration(*, registration: Registration, site_url: str = "") -> Registration | None:
    """Cancel a place; a freed confirmed place goes to the first on the waiting list, who is told by e-mail.

    Returns the promoted registration, if anyone was promoted.
    """
    activity = Activity.objects.select_for_update().select_related("process__organisation").get(
        pk=registration.activity_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        raise DomainError(_("The registration is already cancelled."))
    freed_place = registration.status == Status.CONFIRMED
    registration.status = Status.CANCELLED
    registration.save(update_fields=["status"])
    record_event(organisation=activity.process.organisation, actor=None, action="registration.cancelled",
                 target=activity, data={"registration": registration.pk})
    if not freed_place or activity.cancelled_at is not None:
        return None  # a cancelled activity has no places to give
    return _promote_first_waiting(activity, site_url=site_url)


def promote_from_waiting_list(activity: Activity, *, site_url: str) -> list[Registration]:
    """Give free places to the waiting list in order (after capacity was raised); each is told by e-mail.

    The caller holds the activity's row lock, as for a cancellation.
    """
    promoted = []
    while (registration := _promote_first_waiting(activity, site_url=site_url)) is not None:
        promoted.append(registration)
    return promoted


def _promote_first_waiting(activity: Activity, *, site_url: str) -> Registration | None:
    left = places_left(activity)
    if left is not None and left == 0:
        return None
    promoted = activity.registrations.select_for_update().filter(status=Status.WAITING).order_by(
        "created_at", "id").first()
    if promoted is None:
        return None
    promoted.status = Status.CONFIRMED
    promoted.save(update_fields=["status"])
    record_event(organisation=activity.process.organisation, actor=None, action="registration.promoted",
                 target=activity, data={"registration": promoted.pk})
    _mail_registration(promoted, site_url=site_url)
    return promoted
