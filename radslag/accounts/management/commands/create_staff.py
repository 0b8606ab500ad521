"""Give a person a staff role from the command line, creating the account if needed.

    manage.py create_staff --organisation ale --email anna@ale.se --role admin

Without --password the account gets no usable password; the person sets one with
"Forgot password" on the sign-in page. Two-factor set-up follows at the first staff page.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from radslag.accounts.models import Membership, Role, User
from radslag.audit.services import record_event
from radslag.organisations.models import Organisation


class Command(BaseCommand):
    help = "Create or update a staff account and give it a role in a municipality."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="The municipality's short name (slug).")
        parser.add_argument("--email", required=True)
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--password", default="", help="Optional; prefer letting the person set it.")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No municipality with the short name {options['organisation']!r}.")
        email = User.objects.normalize_email(options["email"].strip())
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(email, password=options["password"] or None)
        elif options["password"]:
            user.set_password(options["password"])
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email__iexact=email, defaults={"email": email, "verified": True, "primary": True}
        )
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=organisation, role=options["role"]
        )
        if created:
            record_event(organisation=organisation, actor=None, action="role.added", target=membership,
                         data={"user": email, "role": options["role"], "via": "create_staff"})
        state = "given" if created else "already had"
        self.stdout.write(self.style.SUCCESS(f"{email} {state} the role {options['role']} in {organisation.name}."))
