"""Telling the proposer and the supporters who asked, at each step of a proposal's life.

Both follow the proposal as a messaging topic (`Topic.PROPOSAL`): the proposer when submitting, a
supporter when ticking "tell me what happens". A step's mail goes only to those followers (not to
people who follow the whole municipality), through `outbox.send_direct`, once per step (its key).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from radslag.messaging import consent, links, outbox
from radslag.messaging.models import Message, Recipient, Topic
from radslag.proposals.models import Proposal


def follow_proposal(*, proposal: Proposal, user: Any) -> None:
    """Subscribes the signed-in person's address to the proposal (confirmed at once when verified)."""
    if getattr(user, "email", ""):
        consent.follow(organisation=proposal.organisation, email=user.email, topic=Topic.PROPOSAL,
                       topic_id=proposal.pk, user=user)


def followers(proposal: Proposal) -> list[Recipient]:
    return list(Recipient.objects.filter(
        subscriptions__topic=Topic.PROPOSAL, subscriptions__topic_id=proposal.pk, subscriptions__ended_at__isnull=True,
        confirmed_at__isnull=False, unsubscribed_at__isnull=True, refused_at__isnull=True,
    ).distinct())


def _texts(proposal: Proposal, step: str, language: str) -> tuple[str, str]:
    with override(language):
        status = str(Proposal.Status(proposal.status).label)
        subject = _("Your followed proposal: %(title)s – %(status)s") % {"title": proposal.title, "status": status}
        lines = [_("The proposal “%(title)s” has a new status: %(status)s.") % {"title": proposal.title,
                                                                                "status": status}]
        if proposal.status == Proposal.Status.REFUSED:
            lines += [_("Rule: %(rule)s") % {"rule": proposal.refusal_rule}, proposal.refusal_reason]
        if proposal.status == Proposal.Status.ASSIGNED and proposal.committee is not None:
            lines.append(_("It is handled by %(committee)s.") % {"committee": proposal.committee.name})
        if proposal.status == Proposal.Status.ANSWERED:
            lines += [_("The answer:"), proposal.answer]
            if proposal.decision is not None:
                lines.append(_("Decision: %(decision)s") % {"decision": proposal.decision})
        if step.startswith("update"):
            latest = proposal.updates.first()
            subject = _("News from the proposer: %(title)s") % {"title": proposal.title}
            lines = [latest.text if latest else ""]
        if step.startswith("outcome"):
            subject, lines = _outcome_texts(proposal)
        page = links.absolute(proposal.organisation, reverse("proposals:detail", kwargs={"pk": proposal.pk}))
        lines.append(_("Read more: %(url)s") % {"url": page})
        return subject, "\n\n".join(line for line in lines if line)


def _outcome_texts(proposal: Proposal) -> tuple[str, list[str]]:
    """After the answer: what is now being done, and how far it has come."""
    outcome = proposal.get_outcome_display()
    subject = _("News on the proposal “%(title)s”: %(outcome)s") % {"title": proposal.title, "outcome": outcome}
    lines = [_("What the municipality does with the proposal “%(title)s” has changed: %(outcome)s.")
             % {"title": proposal.title, "outcome": outcome}]
    if proposal.shows_progress and proposal.progress is not None:
        lines.append(_("Progress: %(percent)s per cent.") % {"percent": proposal.progress})
    if proposal.shows_progress:
        lines.append(proposal.progress_note)
    return subject, lines


def tell_followers(*, proposal: Proposal, step: str, actor: Any = None) -> Message | None:
    """Queues the mail for `step` to the proposal's followers (inside the caller's transaction)."""
    recipients = followers(proposal)
    if not recipients:
        return None
    subject, body = _texts(proposal, step, "sv")
    subject_en, body_en = _texts(proposal, step, "en")
    return outbox.send_direct(
        organisation=proposal.organisation, key=f"proposal:{proposal.pk}:{step}", recipients=recipients,
        subject=subject, body=body, subject_en=subject_en, body_en=body_en, kind=Message.Kind.DIRECT,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
