"""Sending the outbox: claimed batches, one SMTP connection per batch, every mail handed over once.

A delivery (one message to one recipient) moves through these states:

    pending ──claim──> claimed ──body sent, final dot held back; COMMIT, dot──> handed ──250──> sent
       ^                  │                                                  ├──5xx──> refused (address marked)
       │                  │                                                  └──4xx──> deferred
       │                  ├── no longer wanted (unsubscribed, refused, kind's rule) ──> withdrawn
       │                  └── 5xx / 4xx already at MAIL, RCPT or DATA ──> refused / deferred
       └── lease expired (claimed_until passed: the worker died) ── deferred, once next_attempt_at has come
                                                                    (failed after MAX_ATTEMPTS tries)

Claiming. A worker takes a batch with one conditional UPDATE of rows that are claimable (pending, deferred
and due, or claimed with an expired lease), writing its own claim token and a lease (`claimed_until`). On
PostgreSQL the candidates are read with SELECT ... FOR UPDATE SKIP LOCKED, so concurrent workers take
disjoint batches without waiting; SQLite serialises writers, and the UPDATE's own condition keeps the
claim exclusive there. A worker whose lease is running out extends it.

Why a mail is never sent twice. For each delivery the worker sends MAIL FROM, RCPT TO, DATA and the whole
body, but not the final "\\r\\n.\\r\\n". Only then does it mark the row `handed`, with an UPDATE that
succeeds only while the row is still claimed under this worker's token and the recipient may still
receive the mail. If that UPDATE changes nothing (the lease expired and another worker took the row, or
the person unsubscribed a moment ago), the worker drops the connection without the dot, and an SMTP
server discards a mail whose DATA never ended. Otherwise it commits and sends the dot. So:

* killed before the COMMIT left the worker: the server never saw the dot and threw the mail away; the
  row is still `claimed`, its lease expires and another worker sends it, once;
* killed after the dot left: the row says `handed` and no worker ever sends it again.

The remaining window, honestly. Between those two moments a dead worker loses the mail: the database
commits `handed`, and the dot was never written. On PostgreSQL the worker writes the COMMIT to the
database's socket without waiting for its reply, writes the dot to the mail server's socket straight
after, and only then reads both replies (`_hand_over_and_release`), so the window is the few
microseconds between two socket writes, with nothing waited on in between. (When the worker waited for
the COMMIT's reply first, the window held the database's flush to disk and the wait for a processor to
wake the worker up again; `make bench` then lost 0 of 100,000 mails in one run and 2 in another, one per
killed sending process.) On SQLite the hand-over is committed first and the dot sent after. Rows left
`handed` by a dead worker are never resent: a rare loss is preferred to a duplicate, and they stay
visible in the send report as handed. Should the COMMIT itself fail after the dot went (the database
gone at that instant), the worker writes `handed` again, so that the mail is not sent a second time. To
keep one commit per mail, the outcomes of a batch (sent, refused, deferred) are written together when
the batch ends, so the mails whose 250 had arrived in a batch a crash interrupted are also left `handed`
(delivered, as the server's counts show); a 5xx in such a batch is seen again, and the address marked,
the next time mail goes to it.

With a backend other than SMTP (the console in `make run`, locmem in tests) the same state machine runs,
but Django's backend sends a mail in one piece, so `handed` covers the whole send rather than the dot.

Every mail carries a Message-ID derived from (message, recipient) as well, so a receiving system could
recognise a copy even if one ever slipped through.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import socket
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from radslag.messaging.models import Delivery, Message, Recipient
from radslag.messaging.rendering import MailRenderer
from radslag.messaging.transport import DjangoTransport, Reply, SmtpTransport, Transport, TransportError

logger = logging.getLogger(__name__)
Status = Delivery.Status


def setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def batch_size() -> int:
    return setting("RADSLAG_MAIL_BATCH_SIZE", 100)


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=setting("RADSLAG_MAIL_LEASE_SECONDS", 60))


def max_attempts() -> int:
    return setting("RADSLAG_MAIL_MAX_ATTEMPTS", 6)


def backoff(attempts: int) -> dt.timedelta:
    """5 minutes after the first try, then doubling: 10, 20, 40 minutes ... at most 12 hours."""
    first = setting("RADSLAG_MAIL_RETRY_SECONDS", 300)
    return dt.timedelta(seconds=min(first * 2 ** max(attempts - 1, 0), 12 * 3600))


def claimable(now: dt.datetime) -> Q:
    return (
        Q(status=Status.PENDING)
        | Q(status=Status.DEFERRED, next_attempt_at__lte=now)
        | Q(status=Status.CLAIMED, claimed_until__lt=now)
    )


def may_receive(kind: str, prefix: str = "recipient__") -> Q:
    """Who may receive a message of this kind: the rule, as a filter on deliveries (or recipients)."""
    rule = Q(**{f"{prefix}unsubscribed_at__isnull": True, f"{prefix}refused_at__isnull": True})
    if kind == Message.Kind.CONFIRMATION:
        return rule & Q(**{f"{prefix}confirmed_at__isnull": True})
    if kind in (Message.Kind.NOTICE, Message.Kind.DIGEST, Message.Kind.NEWSLETTER):
        return rule & Q(**{f"{prefix}confirmed_at__isnull": False})
    return rule  # direct mail and reminders: anyone who has not withdrawn and is not refused


def claim_batch(*, message: Message, size: int) -> tuple[str, list[Delivery]]:
    """Claims up to `size` claimable deliveries of the message; returns the claim token and the rows."""
    now = timezone.now()
    token = f"{socket.gethostname()[:30]}:{os.getpid()}:{secrets.token_hex(6)}"
    with transaction.atomic():
        candidates = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(claimable(now), message=message)
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        if not candidates:
            return token, []
        Delivery.objects.filter(claimable(now), pk__in=candidates).update(
            status=Status.CLAIMED, claimed_by=token, claimed_until=now + lease(), attempts=F("attempts") + 1
        )
        # Rows the recipient no longer wants (unsubscribed or refused since queueing) are withdrawn now.
        Delivery.objects.filter(claimed_by=token, status=Status.CLAIMED).exclude(may_receive(message.kind)).update(
            status=Status.WITHDRAWN, claimed_until=None
        )
    rows = Delivery.objects.filter(claimed_by=token, status=Status.CLAIMED).select_related("recipient")
    return token, list(rows.order_by("pk"))


@dataclass
class Outcomes:
    """Replies not yet written: flushed with the next hand-over, or at the end of the batch."""

    sent: list[int] = field(default_factory=list)
    refused: list[tuple[Delivery, Reply]] = field(default_factory=list)
    deferred: list[tuple[Delivery, Reply]] = field(default_factory=list)
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("sent", "refused", "deferred", "withdrawn", "handed"), 0)
    )

    def add(self, delivery: Delivery, reply: Reply) -> None:
        if reply.ok:
            self.sent.append(delivery.pk)
            self.counts["sent"] += 1
        elif reply.permanent:
            self.refused.append((delivery, reply))
            self.counts["refused"] += 1
        else:
            self.deferred.append((delivery, reply))
            self.counts["deferred"] += 1

    def flush(self, token: str) -> None:
        """Writes the outcomes; call inside a transaction. One UPDATE per kind of outcome (and per reply
        text or attempt count within it), not one per delivery."""
        now = timezone.now()
        if self.sent:
            Delivery.objects.filter(pk__in=self.sent).update(
                status=Status.SENT, sent_at=now, claimed_until=None, last_error=""
            )
        refusals: dict[str, list[Delivery]] = defaultdict(list)
        for delivery, reply in self.refused:
            refusals[reply.text[:300]].append(delivery)
        for text, refused in refusals.items():
            Delivery.objects.filter(pk__in=[d.pk for d in refused]).update(
                status=Status.REFUSED, claimed_until=None, last_error=text
            )
            Recipient.objects.filter(pk__in={d.recipient_id for d in refused}, refused_at__isnull=True).update(
                refused_at=now, refusal=text
            )
        deferrals: dict[str, list[Delivery]] = defaultdict(list)
        for delivery, reply in self.deferred:
            deferrals[reply.text].append(delivery)
        for text, deferred in deferrals.items():
            defer(deferred, error=text, now=now)
        self.sent, self.refused, self.deferred = [], [], []


def defer(deliveries: list[Delivery], *, error: str, now: dt.datetime) -> None:
    """A temporary failure: try again after a pause that grows with the tries made, or give up after
    MAX_ATTEMPTS tries. Deliveries with the same number of tries share one UPDATE."""
    by_attempts: dict[int, list[int]] = defaultdict(list)
    for delivery in deliveries:
        by_attempts[delivery.attempts].append(delivery.pk)
    limit = max_attempts()
    for attempts, pks in by_attempts.items():
        if attempts >= limit:
            Delivery.objects.filter(pk__in=pks).update(status=Status.FAILED, claimed_until=None, last_error=error[:300])
        else:
            Delivery.objects.filter(pk__in=pks).update(
                status=Status.DEFERRED,
                claimed_until=None,
                next_attempt_at=now + backoff(attempts),
                last_error=error[:300],
            )


def open_transport() -> Transport:
    if settings.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend":
        return SmtpTransport.from_settings()
    return DjangoTransport()


@contextmanager
def batch_transport() -> Iterator[Transport]:
    transport = open_transport()
    try:
        yield transport
    finally:
        transport.close()


def send_batch(*, message: Message, token: str, deliveries: list[Delivery], renderer: MailRenderer) -> Outcomes:
    """Sends one claimed batch over one connection (reopened only when a hand-over was abandoned)."""
    outcomes = Outcomes()
    until = timezone.now() + lease()
    with batch_transport() as transport:
        for index, delivery in enumerate(deliveries):
            if timezone.now() > until - lease() / 2:
                until = _extend_lease(token)
            try:
                _send_one(message, token, delivery, renderer, transport, outcomes)
            except TransportError as error:
                logger.warning("mail connection failed: %s", error)
                _give_back(deliveries[index:], token, str(error), outcomes)
                break
    with transaction.atomic():
        outcomes.flush(token)
    return outcomes


def _send_one(
    message: Message, token: str, delivery: Delivery, renderer: MailRenderer, transport: Transport, outcomes: Outcomes
) -> None:
    email = renderer.email(delivery.recipient, notice_ids=delivery.notice_ids)
    early = transport.begin(email)
    if early is not None:  # refused or deferred at MAIL, RCPT or DATA: nothing reached the server
        outcomes.add(delivery, early)
        return
    try:
        handed = _hand_over_and_release(message, token, delivery, transport)
    except TransportError as error:  # the dot may or may not have reached the server: never resent
        Delivery.objects.filter(pk=delivery.pk).update(last_error=f"outcome unknown: {error}"[:300])
        raise
    if not handed:
        transport.abandon()  # the server discards a mail whose DATA never ended
        withdrawn = Delivery.objects.filter(pk=delivery.pk, claimed_by=token, status=Status.CLAIMED).update(
            status=Status.WITHDRAWN, claimed_until=None
        )
        outcomes.counts["withdrawn"] += withdrawn
        return
    outcomes.counts["handed"] += 1
    try:
        reply = transport.outcome()
    except TransportError as error:
        Delivery.objects.filter(pk=delivery.pk).update(last_error=f"outcome unknown: {error}"[:300])
        raise
    outcomes.add(delivery, reply)


def _hand_over_and_release(message: Message, token: str, delivery: Delivery, transport: Transport) -> bool:
    """Commits `handed` and sends the final dot; False (nothing committed, no dot) when the row is no
    longer ours or the person no longer wants the mail.

    On PostgreSQL the COMMIT is written to the database's socket without waiting for its reply, the dot
    is written at once after it, and only then is the COMMIT's reply read. A worker killed between those
    two writes loses the mail (the database still receives and commits the COMMIT); a few microseconds
    of work that never waits on anything. Waiting for the reply first put the database's flush to disk
    and the wake-up of the process inside that window, which on a busy machine is milliseconds.
    Elsewhere (SQLite, or inside a transaction the caller holds) the hand-over is committed first and
    the dot sent after."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        if not _hand_over(message, token, delivery):
            return False
        transport.release()
        return True
    connection.ensure_connection()
    pgconn = connection.connection.pgconn
    with connection.cursor() as cursor:
        cursor.execute("BEGIN")
        try:
            handed = _hand_over(message, token, delivery)
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        if not handed:
            cursor.execute("ROLLBACK")
            return False
    pgconn.send_query(b"COMMIT")
    while pgconn.flush():  # the socket is non-blocking; a 7-byte query leaves in one write
        pass
    try:
        transport.release()
    finally:
        _commit_outcome(pgconn, delivery)
    return True


def _hand_over(message: Message, token: str, delivery: Delivery) -> int:
    """One UPDATE: the row is ours still, and the person still wants it."""
    wanted = Recipient.objects.filter(may_receive(message.kind, prefix=""), pk=OuterRef("recipient_id"))
    return Delivery.objects.filter(Exists(wanted), pk=delivery.pk, claimed_by=token, status=Status.CLAIMED).update(
        status=Status.HANDED, handed_at=timezone.now()
    )


def _commit_outcome(pgconn: Any, delivery: Delivery) -> None:
    """Reads the reply to a COMMIT sent without waiting. Should the COMMIT have failed after the dot went,
    the mail is on its way: `handed` is written again, so that the row is never sent a second time."""
    from psycopg import pq

    errors = []
    while (result := pgconn.get_result()) is not None:
        if result.status != pq.ExecStatus.COMMAND_OK:
            errors.append(result.error_message.decode("utf-8", "replace"))
    if errors or pgconn.transaction_status != pq.TransactionStatus.IDLE:
        logger.error("the hand-over of delivery %s did not commit: %s", delivery.pk, "; ".join(errors))
        connection.close_if_unusable_or_obsolete()
        Delivery.objects.filter(pk=delivery.pk).update(status=Status.HANDED, handed_at=timezone.now())


def _extend_lease(token: str) -> dt.datetime:
    until = timezone.now() + lease()
    Delivery.objects.filter(claimed_by=token, status=Status.CLAIMED).update(claimed_until=until)
    return until


def _give_back(rest: list[Delivery], token: str, error: str, outcomes: Outcomes) -> None:
    """The connection failed: the rows not yet handed over wait for a later try."""
    with transaction.atomic():
        outcomes.flush(token)
        still_ours = set(
            Delivery.objects.filter(pk__in=[d.pk for d in rest], claimed_by=token, status=Status.CLAIMED)
            .values_list("pk", flat=True)
        )
        waiting = [d for d in rest if d.pk in still_ours]
        defer(waiting, error=error, now=timezone.now())
        outcomes.counts["deferred"] += len(waiting)


@dataclass(frozen=True)
class Progress:
    handed: int
    more_now: bool  # claimable rows are left (the time budget ran out)
    retry_at: dt.datetime | None  # when deferred rows or others' leases come due


def send_message(*, message_id: int, budget_s: float | None = None) -> Progress:
    """Sends a message's claimable deliveries, batch by batch, until none is left or the budget is spent."""
    message = Message.objects.select_related("organisation", "notice").get(pk=message_id)
    if message.send_after and message.send_after > timezone.now():
        return Progress(handed=0, more_now=False, retry_at=message.send_after)
    renderer = MailRenderer(message)
    started, handed = time.monotonic(), 0
    while True:
        token, deliveries = claim_batch(message=message, size=batch_size())
        if not deliveries:
            return Progress(handed=handed, more_now=False, retry_at=next_due(message))
        handed += send_batch(message=message, token=token, deliveries=deliveries, renderer=renderer).counts["handed"]
        if budget_s is not None and time.monotonic() - started > budget_s:
            return Progress(handed=handed, more_now=True, retry_at=None)


def next_due(message: Message) -> dt.datetime | None:
    """When rows of the message that cannot be claimed now (deferred, others' leases) come due."""
    waiting = Delivery.objects.filter(message=message)
    deferred = waiting.filter(status=Status.DEFERRED).order_by("next_attempt_at").values_list(
        "next_attempt_at", flat=True
    ).first()
    leased = waiting.filter(status=Status.CLAIMED).order_by("claimed_until").values_list(
        "claimed_until", flat=True
    ).first()
    due = [moment for moment in (deferred, leased) if moment is not None]
    return min(due) if due else None


def messages_with_work(now: dt.datetime | None = None) -> list[int]:
    """Messages that have deliveries to send now: pending, due for a retry, or left by a dead worker."""
    now = now or timezone.now()
    ready = Q(message__send_after__isnull=True) | Q(message__send_after__lte=now)
    return list(
        Delivery.objects.filter(claimable(now)).filter(ready).values_list("message_id", flat=True).distinct()
    )
