"""What the messaging app holds about a person: the addresses they left, what each follows, and where
they asked to be told. Erasure deletes all of it (with the addresses' consents, subscriptions and the
record of mail sent to them)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from radslag.audit.personal_data import OnErasure, PersonalDataKind
from radslag.messaging.consent import recipients_of
from radslag.messaging.models import Recipient


def _recipients(person: Any, organisation: Any) -> QuerySet[Recipient]:
    return recipients_of(person, organisation)


def _when(moment: Any) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def _export(person: Any, organisation: Any) -> list[dict[str, Any]]:
    return [
        {
            "email": recipient.email, "language": recipient.language, "confirmed": _when(recipient.confirmed_at),
            "stopped_all_mail": _when(recipient.unsubscribed_at), "refused_by_mail_server": _when(recipient.refused_at),
            "subscriptions": [
                {"about": s.get_topic_display(), "id": s.topic_id, "how_often": s.get_frequency_display(),
                 "asked_at": s.get_source_display(), "since": _when(s.created_at), "ended": _when(s.ended_at)}
                for s in recipient.subscriptions.order_by("created_at")
            ],
            "consents": [
                {"asked_at": c.get_source_display(), "dialogue": c.process_id, "purpose_shown": c.purpose,
                 "given": _when(c.given_at)}
                for c in recipient.consents.order_by("given_at")
            ],
        }
        for recipient in _recipients(person, organisation)
    ]


def _erase(person: Any, organisation: Any) -> int:
    count = _recipients(person, organisation).count()
    Recipient.objects.filter(pk__in=list(_recipients(person, organisation).values_list("pk", flat=True))).delete()
    return count


RECIPIENTS = PersonalDataKind(
    key="messaging.recipients", section="mail", label=_("E-mail addresses for news"),
    on_erasure=OnErasure.ERASE,
    reason=_("The addresses you left to hear what happens, what they follow and where you asked are deleted, "
             "and we will not write to them again."),
    rows=_recipients, export=_export, erase=_erase,
)
