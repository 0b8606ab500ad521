"""Sending mail from a transaction: only once it has committed, and one refused address never stops the rest."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.core.mail import EmailMessage, get_connection
from django.db import transaction

logger = logging.getLogger(__name__)

Mail = tuple[str, str, str, Sequence[str]]  # subject, body, sender, recipients


def send_after_commit(mails: Sequence[Mail]) -> None:
    """Queue the mails for after the current transaction commits (at once outside one).

    They go over one connection, each on its own: an address the server refuses, or a server that is
    down, is logged and does not stop the others or fail the request whose data is already stored.
    """
    if not mails:
        return
    pending = list(mails)

    def send() -> None:
        with get_connection() as connection:
            for subject, body, sender, recipients in pending:
                try:
                    EmailMessage(subject, body, sender, list(recipients), connection=connection).send()
                except Exception:
                    logger.exception("Mail %r to %s could not be sent", subject, ", ".join(recipients))

    transaction.on_commit(send, robust=True)
