"""Changes to who holds which role in a municipality. Every change is written to the audit log."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from radslag.accounts.models import Membership, Role, User
from radslag.audit.services import record_event
from radslag.core.errors import DomainError
from radslag.organisations.models import Organisation


@transaction.atomic
def add_role(*, organisation: Organisation, actor: Any, email: str, role: str) -> Membership:
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise DomainError(_("There is no account with the e-mail address %(email)s. The person must create an "
                            "account first.") % {"email": email})
    membership, created = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    if not created:
        raise DomainError(_("%(user)s already has the role %(role)s.") % {
            "user": user.email, "role": membership.get_role_display()})
    record_event(organisation=organisation, actor=actor, action="role.added", target=membership,
                 data={"user": user.email, "role": role})
    return membership


@transaction.atomic
def remove_role(*, organisation: Organisation, actor: Any, membership: Membership) -> None:
    if membership.organisation_id != organisation.pk:
        raise DomainError(_("The role belongs to another municipality."))
    if membership.role == Role.ADMIN:
        admins = Membership.objects.select_for_update().filter(organisation=organisation, role=Role.ADMIN)
        if membership.user_id == getattr(actor, "pk", None):
            raise DomainError(_("You cannot remove your own administrator role. Ask another administrator."))
        if admins.count() <= 1:
            raise DomainError(_("The municipality must keep at least one administrator."))
    record_event(organisation=organisation, actor=actor, action="role.removed", target=membership,
                 data={"user": membership.user.email, "role": membership.role})
    membership.delete()
