"""`manage.py print_demo_logins`: where the local demo runs and who can sign in to it."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from radslag.accounts.models import User
from radslag.demo.logins import DEMO_EMAILS, DEMO_LOGINS
from radslag.demo.seed.planning import GHANZI_HOST, GHANZI_PLANNER


class Command(BaseCommand):
    help = "Prints the local demo's address and one sign-in per role."

    def handle(self, *args: Any, **options: Any) -> None:
        port = os.environ.get("PORT", "8000")
        self.stdout.write(_("Rådslag demo: http://127.0.0.1:%(port)s") % {"port": port})
        if User.objects.filter(email__in=DEMO_EMAILS).count() < len(DEMO_LOGINS):
            self.stderr.write(_("The demo is not loaded: run `manage.py load_demo` first."))
        self.stdout.write(_("Sign in with (e-mail, password, what they can do):"))
        width = max(len(login.email) for login in DEMO_LOGINS)
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.email:<{width}}  {login.password:<20}  {login.can_do}")
        email, password, _name = GHANZI_PLANNER
        self.stdout.write(_("The partner organisation Ghanzi District Council (the shared LFA planning project): "
                            "http://%(host)s:%(port)s") % {"host": GHANZI_HOST, "port": port})
        self.stdout.write(f"  {email:<{width}}  {password:<20}  " + _("planner in the partnership project"))
        if _local_demo_requires_mfa():
            self.stdout.write(_("Staff and administrators will be asked to set up two-factor sign-in (TOTP)."))
        else:
            self.stdout.write(_("Two-factor sign-in for staff is off in this local demo (RADSLAG_STAFF_MFA=false)."))


def _local_demo_requires_mfa() -> bool:
    """`make run` serves the demo with MFA off unless RADSLAG_STAFF_MFA is set to a true value."""
    return os.environ.get("RADSLAG_STAFF_MFA", "false").strip().lower() in {"1", "true", "yes", "on"}
