"""Mail about meetings: the reminder the day before, and staff writing to an activity's registrants or
table hosts. Both go through the messaging outbox as service mail tied to the registration or the
hosting (not subscriptions): `outbox.send_direct`, idempotent per message key."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.core.errors import DomainError
from radslag.dialogues.models import Activity, Registration, Table
from radslag.messaging import consent, links, outbox
from radslag.messaging.models import Message, Recipient

REGISTRANTS, TABLE_HOSTS = "registrants", "table_hosts"


def registrant_recipients(activity: Activity) -> list[Recipient]:
    """An address per confirmed registration, in the language the address already has (if it has one)."""
    organisation = activity.process.organisation
    registrations = activity.registrations.filter(status=Registration.Status.CONFIRMED).select_related("user")
    found: dict[int, Recipient] = {}
    for registration in registrations:
        recipient = consent.recipient_for(organisation=organisation, email=registration.email,
                                          language=organisation.default_language, user=registration.user)
        found[recipient.pk] = recipient
    return list(found.values())


def host_recipients(activity: Activity) -> list[Recipient]:
    """An address per table host with an account; hosts known only by name have no address here."""
    organisation = activity.process.organisation
    found: dict[int, Recipient] = {}
    for table in Table.objects.filter(activity=activity, host__isnull=False).select_related("host"):
        host = table.host
        if host is not None and host.email:
            recipient = consent.recipient_for(organisation=organisation, email=host.email,
                                              language=organisation.default_language, user=host)
            found[recipient.pk] = recipient
    return list(found.values())


@transaction.atomic
def write_to_activity(
    *, activity: Activity, actor: Any, audience: str, subject: str, body: str, nonce: str
) -> Message:
    """The same text to everyone registered (confirmed) or to every table host of the activity.

    `nonce` comes with the form, so a form sent twice (a double click, a reload) makes one message.
    """
    recipients = registrant_recipients(activity) if audience == REGISTRANTS else host_recipients(activity)
    if not recipients:
        raise DomainError(_("There is no one to write to: no one is registered.") if audience == REGISTRANTS
                          else _("There is no one to write to: no table host has an account with an e-mail address."))
    message = outbox.send_direct(
        organisation=activity.process.organisation, key=f"activity:{activity.pk}:{audience}:{nonce}",
        recipients=recipients, subject=subject, body=body, kind=Message.Kind.DIRECT, created_by=actor,
    )
    record_event(organisation=activity.process.organisation, actor=actor, action="activity.mail_sent",
                 target=activity, data={"audience": audience, "recipients": len(recipients), "message": message.pk})
    return message


def reminder_key(activity: Activity) -> str:
    return f"reminder:activity:{activity.pk}"


def _reminder_texts(activity: Activity, site_url: str) -> dict[str, str]:
    """Subject and text in Swedish and English; each recipient gets the one in their language."""
    texts = {}
    context = {"activity": activity, "organisation": activity.process.organisation,
               "url": site_url + reverse("dialogues:activity_detail",
                                         kwargs={"slug": activity.process.slug, "pk": activity.pk}),
               "ics_url": site_url + reverse("dialogues:activity_ics",
                                             kwargs={"slug": activity.process.slug, "pk": activity.pk})}
    for language, suffix in (("sv", ""), ("en", "_en")):
        with translation.override(language), timezone.override("Europe/Stockholm"):
            english = language == "en"
            context["title"] = activity.title_en if english and activity.title_en else activity.title
            texts[f"subject{suffix}"] = render_to_string("dialogues/email/reminder_subject.txt", context).strip()
            texts[f"body{suffix}"] = render_to_string("dialogues/email/reminder.txt", context)
    return texts


def activities_tomorrow(today: dt.date) -> list[Activity]:
    tomorrow = today + dt.timedelta(days=1)
    zone = timezone.get_default_timezone()
    start = dt.datetime.combine(tomorrow, dt.time.min, tzinfo=zone)
    return list(
        Activity.objects.filter(starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1),
                                cancelled_at__isnull=True, registration_required=True)
        .select_related("process__organisation", "locality")
    )


def _as_mail(texts: dict[str, str]) -> dict[str, Any]:
    """The subject and body in both languages, as `outbox.send_direct` takes them."""
    return {key: texts.get(key, "") for key in ("subject", "subject_en", "body", "body_en")}


def send_reminders(*, today: dt.date | None = None) -> int:
    """Remind everyone registered for tomorrow's activities; each activity's reminder is sent once, ever."""
    sent = 0
    for activity in activities_tomorrow(today or timezone.localdate()):
        if Message.objects.filter(organisation=activity.process.organisation, key=reminder_key(activity)).exists():
            continue
        with transaction.atomic():
            recipients = registrant_recipients(activity)
            if not recipients:
                continue
            site_url = links.site_url(activity.process.organisation)
            texts = _as_mail(_reminder_texts(activity, site_url))
            outbox.send_direct(organisation=activity.process.organisation, key=reminder_key(activity),
                               recipients=recipients, kind=Message.Kind.REMINDER, **texts)
        sent += 1
    return sent
