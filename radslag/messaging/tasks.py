"""Celery tasks that send the outbox. (First version: sends each pending delivery over one connection;
the batched, resumable sender replaces the loop body.)"""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.utils import timezone

logger = logging.getLogger(__name__)


@shared_task
def send_message(message_id: int) -> int:
    from radslag.messaging.models import Delivery, Message

    message = Message.objects.get(pk=message_id)
    sent = 0
    with get_connection() as connection:
        for delivery in message.deliveries.filter(status=Delivery.Status.PENDING).select_related(
            "recipient", "message__notice"
        ):
            english = delivery.recipient.language == "en"
            if message.notice is not None:
                notice = message.notice
                subject = notice.title_en if english and notice.title_en else notice.title
                body = f"{(notice.summary_en if english and notice.summary_en else notice.summary)}\n\n{notice.url}"
            else:
                subject = message.subject_en if english and message.subject_en else message.subject
                body = message.body_en if english and message.body_en else message.body
            EmailMultiAlternatives(
                subject, body, settings.DEFAULT_FROM_EMAIL, [delivery.recipient.email], connection=connection
            ).send()
            Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.SENT, sent_at=timezone.now())
            sent += 1
    return sent
