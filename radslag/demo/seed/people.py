"""The demo's people: one user per role, each with a verified primary e-mail address for allauth."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from radslag.accounts.models import Membership, Role, User
from radslag.demo.logins import DEMO_LOGINS, DemoLogin
from radslag.demo.seed.context import DemoContext


def load_people(context: DemoContext) -> None:
    for login in DEMO_LOGINS:
        context.users[login.key] = _create_user(context, login)


def _create_user(context: DemoContext, login: DemoLogin) -> User:
    is_admin = login.role == Role.ADMIN
    user = User(
        email=login.email, display_name=login.display_name, is_staff=is_admin, is_superuser=is_admin,
        verification_level=User.Verification.EMAIL, age_band=login.age_band, sex=login.sex,
        locality=context.localities.get(login.locality),
    )
    user.set_password(login.password)
    user.save()
    EmailAddress.objects.create(user=user, email=login.email, verified=True, primary=True)
    Membership.objects.create(user=user, organisation=context.organisation, role=login.role)
    return user
