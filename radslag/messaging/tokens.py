"""Signed tokens in mail links: confirming an address, unsubscribing, and seeing one's trail.

Each purpose has its own salt, so a token for one cannot be used for another. Confirmation tokens
expire (`CONFIRM_MAX_AGE`); unsubscribe tokens never do, since RFC 8058 expects a link in an old mail
to keep working. A tampered or expired token raises `BadToken`, which the views turn into a clear page.
"""

from __future__ import annotations

from django.core import signing

from radslag.messaging.models import Recipient

CONFIRM_MAX_AGE = 14 * 24 * 3600


class BadToken(Exception):
    def __init__(self, expired: bool = False) -> None:
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _make(recipient: Recipient, salt: str) -> str:
    return signing.dumps({"r": recipient.pk, "e": recipient.email}, salt=salt, compress=True)


def _read(token: str, salt: str, max_age: int | None = None) -> Recipient:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise BadToken(expired=True) from exc
    except signing.BadSignature as exc:
        raise BadToken() from exc
    recipient = Recipient.objects.filter(pk=data.get("r"), email=data.get("e")).first()
    if recipient is None:
        raise BadToken()
    return recipient


def confirm_token(recipient: Recipient) -> str:
    return _make(recipient, "radslag.messaging.confirm")


def recipient_from_confirm_token(token: str) -> Recipient:
    return _read(token, "radslag.messaging.confirm", CONFIRM_MAX_AGE)


def unsubscribe_token(recipient: Recipient) -> str:
    return _make(recipient, "radslag.messaging.unsubscribe")


def recipient_from_unsubscribe_token(token: str) -> Recipient:
    return _read(token, "radslag.messaging.unsubscribe")


def trail_token(recipient: Recipient) -> str:
    return _make(recipient, "radslag.messaging.trail")


def recipient_from_trail_token(token: str) -> Recipient:
    return _read(token, "radslag.messaging.trail")
