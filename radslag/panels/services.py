"""Every write on the citizen panel: its settings, invitation mailings, joining and leaving."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from radslag.accounts.models import User
from radslag.audit.services import record_event
from radslag.core import codes
from radslag.core.access import has_capability
from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.core.models import AgeBand
from radslag.core.permissions import Capability
from radslag.organisations.models import Locality, Organisation
from radslag.panels.models import Channel, Invitation, InvitationBatch, Panel, PanelMember

PURPOSE = "radslag.panels.invitation"
MAX_LETTERS = 20_000


def _check_staff(user: Any, organisation: Organisation) -> None:
    if not has_capability(user, organisation, Capability.PANEL_MANAGE):
        raise PermissionDeniedError(_("Only staff may manage the citizen panel."))


@transaction.atomic
def save_panel(*, organisation: Organisation, actor: Any, fields: Mapping[str, Any],
               panel: Panel | None = None) -> Panel:
    _check_staff(actor, organisation)
    is_new = panel is None
    panel = panel or Panel(organisation=organisation)
    if panel.organisation_id != organisation.pk:
        raise DomainError(_("The panel belongs to another municipality."))
    for name, value in fields.items():
        setattr(panel, name, value)
    panel.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            panel.save()
    except IntegrityError:  # a second "start the panel" that raced the first
        raise DomainError(_("The municipality already has a citizen panel.")) from None
    record_event(organisation=organisation, actor=actor, action="panel.created" if is_new else "panel.updated",
                 target=panel, data={"fields": sorted(fields)})
    return panel


@transaction.atomic
def create_invitations(*, panel: Panel, user: Any, count: int, label: str) -> InvitationBatch:
    """Codes for a mailing to a random sample: one per letter, stored only as keyed hashes."""
    _check_staff(user, panel.organisation)
    if not 1 <= count <= MAX_LETTERS:
        raise DomainError(_("A mailing has between 1 and %(most)d letters.") % {"most": MAX_LETTERS})
    label = label.strip()
    if not label:
        raise DomainError(_("Name the mailing, for example the month it is sent."))
    batch = InvitationBatch.objects.create(panel=panel, label=label, size=count, salt=codes.new_salt(),
                                           created_by=user)
    Invitation.objects.bulk_create(
        Invitation(batch=batch, number=number, code_hash=code_hash)
        for number, code_hash in codes.numbered_hashes(PURPOSE, batch.salt, count)
    )
    record_event(organisation=panel.organisation, actor=user, action="panel.invitations_created", target=panel,
                 data={"batch": batch.pk, "letters": count})
    return batch


def invitation_letters(*, batch: InvitationBatch, user: Any) -> list[tuple[int, str, bool]]:
    """(letter number, code, used) for the mail merge; every print is written to the audit log."""
    _check_staff(user, batch.panel.organisation)
    used = set(batch.invitations.filter(used_at__isnull=False).values_list("number", flat=True))
    record_event(organisation=batch.panel.organisation, actor=user, action="panel.invitations_printed",
                 target=batch.panel, data={"batch": batch.pk})
    return [(number, codes.display_code(code), is_used)
            for number, code, is_used in codes.sheet(PURPOSE, batch.salt, batch.size, used)]


def _claim_invitation(panel: Panel, code: str) -> Invitation:
    if not codes.normalise_code(code):
        raise DomainError(_("Type the code from your invitation letter."))
    invitation = (Invitation.objects.select_for_update(of=("self",))
                  .filter(batch__panel=panel, code_hash=codes.hash_code(PURPOSE, code)).first())
    if invitation is None:
        raise DomainError(_("The code does not match any invitation to this panel. Check that you typed it "
                            "correctly."))
    if invitation.used_at is not None:
        raise DomainError(_("The code has already been used."))
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return invitation


@transaction.atomic
def join_panel(*, panel: Panel, user: Any, age_band: str = "", sex: str = "", locality: Locality | None = None,
               code: str = "") -> PanelMember:
    """Make a signed-in resident with a verified e-mail address a member; with a letter's code the member
    counts as recruited by postal invitation."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDeniedError(_("Sign in to join the panel."))
    if user.verification_level < User.Verification.EMAIL:
        raise DomainError(_("Confirm your e-mail address first: the panel sends its surveys by e-mail."))
    if locality is not None and locality.organisation_id != panel.organisation_id:
        raise DomainError(_("Choose one of the municipality's localities."))
    if age_band == AgeBand.UNDER_16:
        raise DomainError(_("The panel is for people aged 16 or more."))
    if PanelMember.objects.active().filter(panel=panel, user=user).exists():
        raise DomainError(_("You are already a member of the panel."))
    invitation = _claim_invitation(panel, code) if code.strip() else None
    if invitation is None and not panel.open_for_signup:
        raise DomainError(_("The panel takes new members by invitation only. Type the code from your letter."))
    try:
        with transaction.atomic():
            member = PanelMember.objects.create(
                panel=panel, user=user, invitation=invitation, age_band=age_band, sex=sex, locality=locality,
                channel=Channel.POSTAL_INVITATION if invitation else Channel.SELF_SIGNUP, joined_at=timezone.now(),
            )
    except IntegrityError:
        raise DomainError(_("You are already a member of the panel.")) from None
    record_event(organisation=panel.organisation, actor=user, action="panel.joined", target=panel,
                 data={"member": member.pk, "channel": member.channel})
    return member


@transaction.atomic
def leave_panel(*, member: PanelMember, actor: Any) -> None:
    """End a membership. The profile answers and the link to the invitation letter (which a mail-merge
    list could tie to an address) are removed; that the person was a member, and how they were
    recruited, stays for the panel's statistics."""
    member = PanelMember.objects.select_for_update(of=("self",)).select_related("panel__organisation").get(
        pk=member.pk)
    if member.left_at is not None:
        raise DomainError(_("You have already left the panel."))
    if actor != member.user and not has_capability(actor, member.panel.organisation, Capability.PANEL_MANAGE):
        raise PermissionDeniedError(_("Only the member or staff may end a membership."))
    member.left_at = timezone.now()
    member.age_band, member.sex, member.locality, member.invitation = "", "", None, None
    member.save(update_fields=["left_at", "age_band", "sex", "locality", "invitation"])
    record_event(organisation=member.panel.organisation, actor=actor, action="panel.left", target=member.panel,
                 data={"member": member.pk})
