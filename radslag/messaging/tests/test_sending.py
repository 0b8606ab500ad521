"""Sending the outbox to a real SMTP server: what arrives, to whom, in which language, and exactly once."""

from __future__ import annotations

import datetime as dt
import re
import smtplib
import socket
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from django.db import connection
from django.utils import timezone
from psycopg import pq

from radslag.messaging import consent, links, outbox, sender, tasks, tokens
from radslag.messaging.models import Delivery, Message, Recipient, Topic
from radslag.messaging.transport import SmtpTransport

pytestmark = pytest.mark.django_db(transaction=True)
Status = Delivery.Status


class Mailbox:
    """An SMTP server's side: what it accepted, and replies it was told to give at the final dot."""

    def __init__(self) -> None:
        self.received: list[tuple[str, EmailMessage]] = []
        self.after_data: dict[str, list[str]] = {}  # address -> replies to give instead of 250, in turn

    async def handle_DATA(self, server, session, envelope):
        address = envelope.rcpt_tos[0]
        if self.after_data.get(address):
            return self.after_data[address].pop(0)
        self.received.append((address, message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [mail for rcpt, mail in self.received if rcpt == address]


@pytest.fixture
def mailbox(settings):
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    yield box
    controller.stop()


def follower(org, email, language="sv", confirmed=True):
    if confirmed:  # confirmed before following, so no confirmation mail is asked for
        recipient = consent.recipient_for(organisation=org, email=email, language=language)
        recipient.confirmed_at = timezone.now()
        recipient.save()
    consent.follow(organisation=org, email=email, topic=Topic.ORGANISATION, language=language)
    recipient = Recipient.objects.get(email=email)
    return recipient


def newsletter(org, key="nyhetsbrev:1", body="## Nytt i december\n\nLäs [mer](/dialoger/).", **extra):
    return outbox.send_to_followers(
        organisation=org, key=key, topics=[], subject="Månadsblad", body=body,
        subject_en="Monthly letter", body_en="## News in December", **extra,
    )


def parts(mail: EmailMessage) -> tuple[str, str]:
    return mail.get_body(("plain",)).get_content(), mail.get_body(("html",)).get_content()


def test_a_newsletter_arrives_as_text_and_html_with_one_click_unsubscribe(org, mailbox, steady_signing_clock):
    anna = follower(org, "anna@example.se")
    newsletter(org)

    [mail] = mailbox.to("anna@example.se")
    text, html = parts(mail)
    assert mail.get_content_type() == "multipart/alternative"
    assert text.startswith("## Nytt i december")  # the text part is the Markdown source
    assert "<h2>Nytt i december</h2>" in html
    assert 'href="http://ale.example.se/dialoger/"' in html  # relative links point at the site, unrewritten
    unsubscribe = links.absolute(org, links.UNSUBSCRIBE_PATH.format(token=tokens.unsubscribe_token(anna)))
    assert mail["List-Unsubscribe"].strip() == f"<{unsubscribe}>"  # folded: the URL is long
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in text and unsubscribe in html
    assert "<img" not in html  # no tracking pixel
    assert mail["Message-ID"] == f"<radslag.{Message.objects.get().pk}.{anna.pk}@ale.example.se>"
    assert Delivery.objects.get().status == Status.SENT


def test_an_english_recipient_gets_english(org, mailbox):
    follower(org, "sv@example.se")
    follower(org, "en@example.se", language="en")
    outbox.announce(
        organisation=org, key="answer:1", topics=[(Topic.PROCESS, 3)], url="/dialoger/torget/vad-hande/",
        title="Kommunen har svarat", title_en="The municipality has answered",
        summary="Läs svaret.", summary_en="Read the answer.",
    )

    [swedish] = mailbox.to("sv@example.se")
    [english] = mailbox.to("en@example.se")
    assert swedish["Subject"] == "Kommunen har svarat"
    assert english["Subject"] == "The municipality has answered"
    english_text, english_html = parts(english)
    assert "Read the answer." in english_text and "Unsubscribe from all mail" in english_text
    assert '<html lang="en">' in english_html
    swedish_text, _html = parts(swedish)
    assert "Avsluta alla utskick" in swedish_text


def test_a_notice_links_to_the_page_and_to_the_persons_trail(org, mailbox, steady_signing_clock):
    anna = follower(org, "anna@example.se")
    outbox.announce(organisation=org, key="decision:4", topics=[], title="Beslut", url="/beslut/4/")

    text, html = parts(mailbox.to("anna@example.se")[0])
    trail = links.absolute(org, links.TRAIL_PATH.format(token=tokens.trail_token(anna)))
    for part in (text, html):
        assert "http://ale.example.se/beslut/4/" in part
        assert trail in part
    token = re.search(r"/mina-inspel/spar/([^/]+)/", text)[1]
    assert tokens.recipient_from_trail_token(token) == anna


def test_one_mail_per_person_per_event_however_many_topics_match(org, mailbox):
    anna = follower(org, "anna@example.se")  # follows the whole municipality ...
    for n in range(3):  # ... and three of her contributions were in the process
        consent.ask_to_be_told(organisation=org, email="anna@example.se", source="contribution", source_id=n,
                               process_id=7)
    consent.follow(organisation=org, email="anna@example.se", topic=Topic.FOCUS_AREA, topic_id=2)
    outbox.announce(organisation=org, key="answer:7", topics=[(Topic.PROCESS, 7), (Topic.FOCUS_AREA, 2)],
                    title="Svar", url="/x/")
    outbox.announce(organisation=org, key="answer:7", topics=[(Topic.PROCESS, 7)], title="Svar", url="/x/")
    tasks.resume_sending()

    assert len(mailbox.to(anna.email)) == 1


def test_who_gets_what(org, mailbox):
    confirmed = follower(org, "bekraftad@example.se")
    unconfirmed = follower(org, "obekraftad@example.se", confirmed=False)
    newsletter(org)
    outbox.send_direct(organisation=org, key="direct:1", recipients=[confirmed, unconfirmed], subject="Hej",
                       body="Välkommen till mötet.")
    outbox.request_confirmation(recipient=unconfirmed)
    outbox.request_confirmation(recipient=unconfirmed)  # a second ask the same day sends nothing more
    assert outbox.request_confirmation(recipient=confirmed) is None

    def subjects(address):
        return sorted(str(mail["Subject"]) for mail in mailbox.to(address))

    assert subjects(confirmed.email) == ["Hej", "Månadsblad"]
    assert subjects(unconfirmed.email) == ["Bekräfta din e-postadress för Ale kommun", "Hej"]
    [confirmation] = [mail for mail in mailbox.to(unconfirmed.email) if mail["Subject"].startswith("Bekräfta")]
    text, _html = parts(confirmation)
    assert "/meddelanden/bekrafta/" in text
    assert confirmation["List-Unsubscribe"] is None
    # A delivery queued before a kind's rule stopped holding is withdrawn when its turn comes.
    message = Message.objects.get(kind=Message.Kind.NEWSLETTER)
    late = Delivery.objects.create(message=message, recipient=unconfirmed)
    tasks.send_message(message.pk)
    late.refresh_from_db()
    assert late.status == Status.WITHDRAWN
    assert "Månadsblad" not in subjects(unconfirmed.email)


def test_a_permanent_refusal_marks_the_address_and_stops_later_mail(org, mailbox):
    follower(org, "finns-inte@example.se")
    follower(org, "anna@example.se")
    mailbox.after_data["finns-inte@example.se"] = ["550 5.1.1 No such mailbox"]
    newsletter(org, key="nyhetsbrev:1")

    refused = Recipient.objects.get(email="finns-inte@example.se")
    assert refused.refused_at is not None and refused.refusal.startswith("550")
    assert Delivery.objects.get(recipient=refused).status == Status.REFUSED
    outbox.send_direct(organisation=org, key="direct:2", recipients=Recipient.objects.all(), subject="Hej", body=".")
    newsletter(org, key="nyhetsbrev:2")

    assert mailbox.to("finns-inte@example.se") == []
    assert len(mailbox.to("anna@example.se")) == 3
    assert not Delivery.objects.filter(recipient=refused).exclude(status=Status.REFUSED).exists()


def test_a_temporary_refusal_is_retried_later_and_then_sent(org, mailbox):
    follower(org, "anna@example.se")
    mailbox.after_data["anna@example.se"] = ["451 4.3.0 Try again later"]
    newsletter(org)

    delivery = Delivery.objects.get()
    assert delivery.status == Status.DEFERRED
    assert delivery.next_attempt_at >= timezone.now() + dt.timedelta(minutes=4)
    tasks.resume_sending()  # too early: nothing is tried
    assert mailbox.received == []

    Delivery.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))  # the five minutes pass
    tasks.resume_sending()

    assert len(mailbox.to("anna@example.se")) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Status.SENT, 2)


def test_a_delivery_that_keeps_failing_is_given_up(org, mailbox, settings):
    settings.RADSLAG_MAIL_MAX_ATTEMPTS = 2
    follower(org, "anna@example.se")
    mailbox.after_data["anna@example.se"] = ["451 busy", "452 still busy", "250 would be sent"]
    newsletter(org)
    Delivery.objects.update(next_attempt_at=timezone.now())
    tasks.resume_sending()

    assert Delivery.objects.get().status == Status.FAILED
    assert mailbox.received == []


def test_unsubscribing_after_queueing_withdraws_the_mail(org, mailbox):
    anna = follower(org, "anna@example.se")
    follower(org, "bo@example.se")
    newsletter(org, send_after=timezone.now() + dt.timedelta(hours=1))  # scheduled: queued, not yet sent
    consent.unsubscribe_all(recipient=anna)
    Message.objects.update(send_after=timezone.now())
    tasks.resume_sending()

    assert mailbox.to("anna@example.se") == []
    assert len(mailbox.to("bo@example.se")) == 1
    assert Delivery.objects.get(recipient=anna).status == Status.WITHDRAWN


def test_a_killed_worker_leaves_nobody_twice_and_nobody_out(org, mailbox):
    """A worker died mid-batch: one mail's body was on the wire without its final dot (the server threw
    it away), one mail had been committed as handed. The next worker sends each of the others once."""
    people = [follower(org, f"person{n}@example.se") for n in range(6)]
    message = newsletter(org, send_after=timezone.now() + dt.timedelta(hours=1))
    Message.objects.update(send_after=None)
    message.refresh_from_db()

    token, claimed = sender.claim_batch(message=message, size=4)  # the doomed worker's batch
    dying = SmtpTransport.from_settings()
    renderer = sender.MailRenderer(message)
    assert dying.begin(renderer.email(claimed[0].recipient)) is None  # body sent, dot held back ...
    Delivery.objects.filter(pk=claimed[1].pk).update(status=Status.HANDED)  # ... the next one committed
    dying.abandon()  # SIGKILL: the socket closes without the dot
    Delivery.objects.filter(claimed_by=token).update(claimed_until=timezone.now() - dt.timedelta(seconds=1))

    tasks.resume_sending()

    copies = {person.email: len(mailbox.to(person.email)) for person in people}
    handed = claimed[1].recipient.email
    assert copies.pop(handed) == 0  # handed before the crash: never sent again (see sender's docstring)
    assert set(copies.values()) == {1}
    assert Delivery.objects.filter(status=Status.SENT).count() == 5


def test_a_connection_lost_at_the_final_dot_is_never_sent_again(org, mailbox, monkeypatch):
    """The dot may or may not have reached the server when the connection broke: the row stays handed,
    says so, and is not resent; the rest of the batch waits for its retry and then arrives once."""
    people = [follower(org, f"person{n}@example.se") for n in range(3)]
    message = newsletter(org, send_after=timezone.now() + dt.timedelta(hours=1))
    Message.objects.update(send_after=None)
    message.refresh_from_db()
    real_send, broken = smtplib.SMTP.send, []

    def send(smtp, data):
        if data == b".\r\n" and not broken:
            broken.append(True)
            raise OSError("connection reset by peer")
        return real_send(smtp, data)

    monkeypatch.setattr(smtplib.SMTP, "send", send)
    tasks.resume_sending()
    Delivery.objects.filter(status=Status.DEFERRED).update(next_attempt_at=timezone.now())
    tasks.resume_sending()

    first = Delivery.objects.get(recipient=people[0])
    assert first.status == Status.HANDED
    assert first.last_error.startswith("outcome unknown")
    assert mailbox.to(people[0].email) == []
    assert [len(mailbox.to(person.email)) for person in people[1:]] == [1, 1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the pipelined hand-over is PostgreSQL's")
def test_on_postgresql_the_commit_is_on_the_wire_before_the_dot_and_its_reply_read_after(org, mailbox, monkeypatch):
    """The window in which a killed worker loses a mail is the time between writing the COMMIT and writing
    the dot: nothing may be waited on in between, so the COMMIT's reply is still unread at the dot."""
    follower(org, "anna@example.se")
    seen = []
    real_release = SmtpTransport.release

    def release(transport):
        seen.append(connection.connection.pgconn.transaction_status)
        real_release(transport)

    monkeypatch.setattr(SmtpTransport, "release", release)
    newsletter(org)

    assert seen == [pq.TransactionStatus.ACTIVE]  # COMMIT sent, its reply not yet read
    assert connection.connection.pgconn.transaction_status == pq.TransactionStatus.IDLE
    assert Delivery.objects.get().status == Status.SENT
    assert len(mailbox.to("anna@example.se")) == 1


def test_a_worker_that_lost_its_lease_cannot_hand_the_mail_over(org, mailbox):
    """Two workers hold the same delivery (the first one's lease ran out): only one mail arrives."""
    follower(org, "anna@example.se")
    message = newsletter(org, send_after=timezone.now() + dt.timedelta(hours=1))
    Message.objects.update(send_after=None)
    message.refresh_from_db()
    slow_token, slow_batch = sender.claim_batch(message=message, size=10)
    Delivery.objects.update(claimed_until=timezone.now() - dt.timedelta(seconds=1))
    fast_token, fast_batch = sender.claim_batch(message=message, size=10)
    renderer = sender.MailRenderer(message)

    slow = sender.send_batch(message=message, token=slow_token, deliveries=slow_batch, renderer=renderer)
    fast = sender.send_batch(message=message, token=fast_token, deliveries=fast_batch, renderer=renderer)

    assert (slow.counts["handed"], fast.counts["handed"]) == (0, 1)
    assert len(mailbox.to("anna@example.se")) == 1


def test_the_console_backend_prints_the_mail_through_the_same_states(org, settings, capsys):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    follower(org, "anna@example.se")
    newsletter(org)

    assert "Subject: =?utf-8?q?M=C3=A5nadsblad?=" in capsys.readouterr().out
    assert Delivery.objects.get().status == Status.SENT
