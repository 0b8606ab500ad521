"""Telling followers that a conversation's results are final: one notice per conversation.

A conversation's results are public while it runs (the map moves with every answer); they are final, and
worth a mail, when staff close it or import a finished conversation. Those who follow the process, one of
its focus areas or the municipality hear it once (`messaging.outbox.announce`, keyed per conversation),
however often the conversation is reopened and closed again. A draft process tells nobody, and neither
does a conversation nobody answered: it has no result.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from radslag.dialogues.notify import process_topics
from radslag.messaging.outbox import announce
from radslag.opinions.models import Conversation, StatementVote


def announce_results(conversation: Conversation) -> None:
    """Call inside the transaction that closes the conversation: the mail leaves after commit."""
    process = conversation.process
    if conversation.is_open or not process.is_public:
        return
    if not StatementVote.objects.filter(statement__conversation=conversation).exists():
        return
    texts: dict[str, tuple[str, str]] = {}
    for language in ("sv", "en"):
        with translation.override(language):
            english = language == "en"
            title = conversation.title_en if english and conversation.title_en else conversation.title
            process_title = process.title_en if english and process.title_en else process.title
            texts[language] = (
                _("The results of the conversation “%(title)s” are published") % {"title": title},
                _("The conversation in “%(process)s” is closed. See the opinion groups and what most agree on.")
                % {"process": process_title},
            )
    announce(
        organisation=conversation.organisation, key=f"opinion-results:{conversation.pk}",
        topics=process_topics(process.pk), title=texts["sv"][0], title_en=texts["en"][0],
        summary=texts["sv"][1], summary_en=texts["en"][1],
        url=reverse("opinions:results", kwargs={"pk": conversation.pk}),
    )
