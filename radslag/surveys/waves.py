"""Waves to the citizen panel: who is invited (everyone, or a stratified random sample), the invitation and
reminder mails with each member's personal link, and pausing from a mail.

The sample is drawn within strata of age band × sex × locality, each stratum getting its share of the
sample in proportion to its size among active members (largest remainders for the rounding), and the
members within a stratum by a seeded random draw, so the draw can be repeated and checked.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from radslag.audit.services import record_event
from radslag.core.access import has_capability
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.core.permissions import Capability
from radslag.messaging import links, outbox
from radslag.messaging.consent import recipient_for
from radslag.messaging.models import Message
from radslag.panels.models import Panel, PanelMember
from radslag.panels.services import leave_panel
from radslag.surveys.answering import answer_token
from radslag.surveys.models import Audience, Invitation, Pause, Survey, Wave

MAX_REMINDERS = 2
PAUSE_OPTIONS = (3, 6, 12)  # months a member may pause for
_PAUSE_SIGNER = signing.Signer(salt="radslag.surveys.panel-pause")


def stratum_of(member: PanelMember) -> str:
    return f"{member.age_band}|{member.sex}|{member.locality_id or ''}"


def allocate(sizes: dict[str, int], sample: int) -> dict[str, int]:
    """Proportional allocation of `sample` over strata of `sizes`, rounded by largest remainders."""
    total = sum(sizes.values())
    if sample >= total:
        return dict(sizes)
    exact = {key: sample * size / total for key, size in sizes.items()}
    shares = {key: int(value) for key, value in exact.items()}
    left = sample - sum(shares.values())
    for key in sorted(exact, key=lambda k: (-(exact[k] - shares[k]), k))[:left]:
        shares[key] += 1
    return shares


def draw_sample(members: Sequence[PanelMember], size: int | None, seed: int) -> list[PanelMember]:
    """Everyone when `size` is None, else a stratified random sample (see the module docstring)."""
    if size is None or size >= len(members):
        return list(members)
    strata: dict[str, list[PanelMember]] = defaultdict(list)
    for member in sorted(members, key=lambda m: m.pk):
        strata[stratum_of(member)].append(member)
    shares = allocate({key: len(group) for key, group in strata.items()}, size)
    rng = random.Random(seed)  # noqa: S311 - a survey sample, not a secret
    chosen: list[PanelMember] = []
    for key in sorted(strata):
        chosen += rng.sample(strata[key], shares[key])
    return chosen


def eligible_members(panel: Panel, now: dt.datetime) -> list[PanelMember]:
    return list(panel.members.active().exclude(survey_pause__until__gt=now).select_related("user"))


def _check_staff(actor: Any, survey: Survey) -> None:
    if not has_capability(actor, survey.organisation, Capability.SURVEYS_MANAGE):
        raise PermissionDeniedError(_("Only staff may send surveys to the panel."))


@transaction.atomic
def send_wave(*, survey: Survey, actor: Any, label: str, sample_size: int | None = None,
              now: dt.datetime | None = None, seed: int | None = None) -> Wave:
    """Invite the panel (or a stratified sample of it) and queue one invitation mail per member."""
    _check_staff(actor, survey)
    now = now or timezone.now()
    if survey.audience != Audience.PANEL:
        raise DomainError(_("Only a panel survey is sent in waves."))
    if not survey.is_open_at(now):
        raise DomainError(_("Open the survey before sending a wave."))
    panel = Panel.objects.filter(organisation=survey.organisation).first()
    if panel is None:
        raise DomainError(_("The municipality has no citizen panel yet."))
    if sample_size is not None and sample_size < 1:
        raise DomainError(_("The sample must hold at least one member."))
    already = set(Invitation.objects.filter(wave__survey=survey).values_list("member_id", flat=True))
    members = [m for m in eligible_members(panel, now) if m.pk not in already]
    if not members:
        raise DomainError(_("Every active member has already been invited to this survey."))
    wave = Wave.objects.create(survey=survey, label=label.strip() or _("Wave"), sample_size=sample_size,
                               seed=seed if seed is not None else secrets.randbelow(2**62), created_by=actor)
    chosen = draw_sample(members, sample_size, wave.seed)
    invitations = Invitation.objects.bulk_create(
        [Invitation(wave=wave, member=m, stratum=stratum_of(m), channel=m.channel) for m in chosen], batch_size=1000)
    for invitation, member in zip(invitations, chosen, strict=True):
        _mail(survey, invitation, member, key=f"survey-wave:{wave.pk}:invite:{invitation.pk}", actor=actor,
              reminder=False)
    record_event(organisation=survey.organisation, actor=actor, action="survey.wave_sent", target=survey,
                 data={"wave": wave.pk, "invited": len(chosen), "sample_size": sample_size})
    return wave


@transaction.atomic
def send_reminder(*, wave: Wave, actor: Any) -> int:
    """Remind those invited who have not sent their answers; at most two reminders a wave."""
    survey = wave.survey
    _check_staff(actor, survey)
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    if wave.reminders_sent >= MAX_REMINDERS:
        raise DomainError(_("A wave gets at most two reminders."))
    if not survey.is_open_at(timezone.now()):
        raise DomainError(_("The survey is closed: there is nothing to remind about."))
    wave.reminders_sent += 1
    wave.save(update_fields=["reminders_sent"])
    pending = (wave.invitations.filter(member__left_at__isnull=True, member__isnull=False)
               .exclude(response__submitted_at__isnull=False).select_related("member__user"))
    count = 0
    for invitation in pending:
        assert invitation.member is not None  # filtered above
        _mail(survey, invitation, invitation.member, actor=actor, reminder=True,
              key=f"survey-wave:{wave.pk}:reminder{wave.reminders_sent}:{invitation.pk}")
        count += 1
    Invitation.objects.filter(pk__in=[i.pk for i in pending]).update(reminders=wave.reminders_sent)
    record_event(organisation=survey.organisation, actor=actor, action="survey.reminder_sent", target=survey,
                 data={"wave": wave.pk, "reminder": wave.reminders_sent, "reminded": count})
    return count


def pause_token(member: PanelMember) -> str:
    return _PAUSE_SIGNER.sign(str(member.pk))


def member_from_pause_token(token: str) -> PanelMember:
    try:
        pk = int(_PAUSE_SIGNER.unsign(token))
    except (signing.BadSignature, ValueError):
        raise DomainError(_("The link is not valid. Use the link in the latest mail from the panel.")) from None
    member = PanelMember.objects.filter(pk=pk).select_related("panel__organisation", "user").first()
    if member is None:
        raise DomainError(_("The link is not valid. Use the link in the latest mail from the panel."))
    return member


@transaction.atomic
def pause_member(*, member: PanelMember, months: int, now: dt.datetime | None = None) -> Pause:
    """No survey invitations until the pause ends (asked from a mail's link, which proves who asks)."""
    if months not in PAUSE_OPTIONS:
        raise DomainError(_("Choose how long the pause lasts."))
    if member.left_at is not None:
        raise DomainError(_("You have already left the panel."))
    until = (now or timezone.now()) + dt.timedelta(days=30 * months)
    pause, _created = Pause.objects.update_or_create(member=member, defaults={"until": until})
    record_event(organisation=member.panel.organisation, actor=None, action="panel.paused", target=member.panel,
                 data={"member": member.pk, "months": months})
    return pause


def leave_from_mail(*, member: PanelMember) -> None:
    """Leaving the panel from a mail's link: the link stands for the member's own request."""
    leave_panel(member=member, actor=member.user)


def _mail(survey: Survey, invitation: Invitation, member: PanelMember, *, key: str, actor: Any,
          reminder: bool) -> Message | None:
    email = getattr(member.user, "email", "")
    if not email:
        return None
    organisation = survey.organisation
    recipient = recipient_for(organisation=organisation, email=email, user=member.user)
    answer_url = links.absolute(organisation, reverse("surveys:answer", kwargs={"token": answer_token(
        invitation_pk=invitation.pk)}))
    pause_url = links.absolute(organisation, reverse("surveys:pause", kwargs={"token": pause_token(member)}))
    texts = {language: _mail_text(survey, answer_url, pause_url, reminder, language) for language in ("sv", "en")}
    return outbox.send_direct(organisation=organisation, key=key, recipients=[recipient], subject=texts["sv"][0],
                              body=texts["sv"][1], subject_en=texts["en"][0], body_en=texts["en"][1],
                              kind=Message.Kind.REMINDER if reminder else Message.Kind.DIRECT, created_by=actor)


def _mail_text(survey: Survey, answer_url: str, pause_url: str, reminder: bool, language: str) -> tuple[str, str]:
    """Subject and body in one language (the survey's own texts in English where staff wrote them)."""
    english = language == "en"
    title = survey.title_en if english and survey.title_en else survey.title
    intro = survey.intro_en if english and survey.intro_en else survey.intro
    values = {"title": title, "answer_url": answer_url, "pause_url": pause_url}
    with translation.override(language):
        if reminder:
            opening = _("A reminder: we have not yet received your answers to \u201c%(title)s\u201d.") % values
        else:
            opening = _("You are invited, as a member of the citizen panel, to answer \u201c%(title)s\u201d.") % values
        body = "\n\n".join(part for part in [
            opening, intro,
            _("Answer through your personal link (you can save and continue later): %(answer_url)s") % values,
            _("Take a pause from the panel, or leave it: %(pause_url)s") % values,
        ] if part)
        subject = (_("Reminder: %(title)s") if reminder else _("Citizen panel: %(title)s")) % values
    return subject, body
