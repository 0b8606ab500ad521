"""One mail per delivery: subject, plain text and HTML, in the recipient's language.

Every mail is multipart/alternative (text first, HTML second), carries a Message-ID derived from the
delivery (so a copy that ever slipped through twice is recognisable as the same mail), and, except a
confirmation, the RFC 8058 one-click unsubscribe headers and a visible unsubscribe link. There are no
tracking pixels and no rewritten links: a link in a mail points straight at the page it names.

`MailRenderer` is made once per message and batch; what is the same for every recipient of a message
(a newsletter's HTML, a notice's texts, the digest's notices) is worked out once per language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from radslag.messaging import links, markup, tokens
from radslag.messaging.models import Message, Notice, Recipient

LANGUAGES = ("sv", "en")
# The links that differ per person; the templates are rendered with a marker in their place.
PERSONAL = ("confirm_url", "unsubscribe_url", "preferences_url", "trail_url")
# Relative links and images in a newsletter's Markdown point at the municipality's own site.
_RELATIVE = re.compile(r'(?P<attr>\b(?:href|src))="/(?!/)')


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str
    headers: dict[str, str]


def _marker(name: str) -> str:
    return f"radslag-personal-{name.replace('_', '-')}-link"


def language_of(recipient: Recipient) -> str:
    return recipient.language if recipient.language in LANGUAGES else "sv"


def message_id_for(message: Message, recipient: Recipient) -> str:
    """The same Message-ID every time this message is rendered for this recipient."""
    domain = message.organisation.hostname or settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"<radslag.{message.pk}.{recipient.pk}@{domain}>"


class MailRenderer:
    """Renders one message for each of its recipients."""

    def __init__(self, message: Message) -> None:
        self.message = message
        self.organisation = message.organisation
        self.notices: dict[int, Notice] = {}  # a digest's notices, fetched as deliveries name them
        self._shared: dict[str, dict[str, Any]] = {}
        self._templates: dict[tuple[str, tuple[int, ...]], tuple[str, str, str]] = {}

    def email(self, recipient: Recipient, notice_ids: list[int] | None = None) -> EmailMultiAlternatives:
        mail = self.render(recipient, notice_ids)
        email = EmailMultiAlternatives(
            mail.subject, mail.text, self.from_address(), [recipient.email], headers=mail.headers
        )
        email.attach_alternative(mail.html, "text/html")
        return email

    def from_address(self) -> str:
        name = self.organisation.name.replace('"', "")
        return f'"{name}" <{settings.DEFAULT_FROM_EMAIL}>' if name else settings.DEFAULT_FROM_EMAIL

    def render(self, recipient: Recipient, notice_ids: list[int] | None = None) -> RenderedMail:
        language = language_of(recipient)
        subject, text, html = self._rendered(language, tuple(notice_ids or ()))
        urls = self._personal_urls(recipient)
        for name, url in urls.items():
            text, html = text.replace(_marker(name), url), html.replace(_marker(name), escape(url))
        headers = {"Message-ID": message_id_for(self.message, recipient)}
        if self.message.kind != Message.Kind.CONFIRMATION:
            headers["List-Unsubscribe"] = f"<{urls['unsubscribe_url']}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        return RenderedMail(subject=subject, text=text, html=html, headers=headers)

    def _rendered(self, language: str, notice_ids: tuple[int, ...]) -> tuple[str, str, str]:
        """Subject, text and HTML in one language, with a marker where each personal link goes: the
        templates run once per language (and, for a digest, per set of notices), not once per person."""
        key = (language, notice_ids)
        if key not in self._templates:
            if len(self._templates) >= 256:
                self._templates.clear()
            with translation.override(language):
                context = {**self._shared_context(language), **{name: _marker(name) for name in PERSONAL}}
                if self.message.kind == Message.Kind.DIGEST:
                    context["notices"] = [
                        _localized_notice(self.organisation, notice, language == "en")
                        for notice in self._notices(list(notice_ids))
                    ]
                name = f"messaging/mail/{self.message.kind}"
                text = render_to_string(f"{name}.txt", context).strip() + "\n"
                html = render_to_string(f"{name}.html", context)
            self._templates[key] = (str(context["subject"]), text, html)
        return self._templates[key]

    def _personal_urls(self, recipient: Recipient) -> dict[str, str]:
        organisation, kind = self.organisation, self.message.kind
        if kind == Message.Kind.CONFIRMATION:
            token = tokens.confirm_token(recipient)
            return {"confirm_url": links.absolute(organisation, links.CONFIRM_PATH.format(token=token))}
        unsubscribe = tokens.unsubscribe_token(recipient)
        urls = {
            "unsubscribe_url": links.absolute(organisation, links.UNSUBSCRIBE_PATH.format(token=unsubscribe)),
            "preferences_url": links.absolute(organisation, links.PREFERENCES_PATH.format(token=unsubscribe)),
        }
        if kind in (Message.Kind.NOTICE, Message.Kind.DIGEST):
            trail = tokens.trail_token(recipient)
            urls["trail_url"] = links.absolute(organisation, links.TRAIL_PATH.format(token=trail))
        return urls

    def _shared_context(self, language: str) -> dict[str, Any]:
        """What every recipient in this language sees alike (worked out once per language)."""
        if language not in self._shared:
            message, english = self.message, language == "en"
            context: dict[str, Any] = {
                "organisation": self.organisation,
                "site_url": links.site_url(self.organisation),
                "language": language,
                "kind": message.kind,
            }
            subject = (message.subject_en if english and message.subject_en else message.subject) or ""
            body = (message.body_en if english and message.body_en else message.body) or ""
            if message.kind == Message.Kind.NOTICE and message.notice is not None:
                context["notice"] = _localized_notice(self.organisation, message.notice, english)
                subject = context["notice"]["title"]
            elif message.kind == Message.Kind.DIGEST:
                subject = _("What happened this week at %(organisation)s") % {"organisation": self.organisation.name}
                context["week"] = message.key.removeprefix("digest:")
            elif message.kind == Message.Kind.CONFIRMATION:
                subject = _("Confirm your e-mail address for %(organisation)s") % {
                    "organisation": self.organisation.name
                }
            elif message.kind == Message.Kind.NEWSLETTER:
                context["body_html"] = _RELATIVE.sub(
                    lambda m: f'{m["attr"]}="{context["site_url"]}/', markup.to_html(body)
                )
            context["subject"], context["body"] = subject, body
            self._shared[language] = context
        return self._shared[language]

    def _notices(self, ids: list[int]) -> list[Notice]:
        missing = [pk for pk in ids if pk not in self.notices]
        if missing:
            self.notices.update(Notice.objects.in_bulk(missing))
        return [self.notices[pk] for pk in ids if pk in self.notices]


def _localized_notice(organisation: Any, notice: Notice, english: bool) -> dict[str, str]:
    return {
        "title": (notice.title_en if english and notice.title_en else notice.title),
        "summary": (notice.summary_en if english and notice.summary_en else notice.summary),
        "url": links.absolute(organisation, notice.url),
    }
