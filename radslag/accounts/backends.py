"""Authentication backends: Django's and allauth's, with the signed-in person read in one written-out
statement on every request.

Signing in (passwords, e-mail addresses, rate limits) is the parent classes' own. What differs is
`get_user`, which every signed-in request runs: the statement (core.statements) reads the person and
whether they hold a role in any municipality, so a resident's request needs no second query to learn
that they have no staff role (`core.access.roles_in`). The ORM's compiled `get` cost more processor
time than the database spent answering it.

Sessions begun before these classes name Django's and allauth's own backends; the session store
(`accounts.sessions`) reads those names as these.
"""

from __future__ import annotations

import functools
from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from radslag.accounts.models import Membership, User
from radslag.core import statements
from radslag.core.access import mark_without_roles

# What a session begun before these classes names, and what it names now.
RENAMED = {
    "django.contrib.auth.backends.ModelBackend": "radslag.accounts.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend": "radslag.accounts.backends.AuthenticationBackend",
}


def signed_in_person(user_id: Any) -> User | None:
    pk = statements.parse_key(user_id)
    if not pk:
        return None
    row = statements.fetch_row(_person_sql(), [pk])
    if row is None:
        return None
    user = statements.load(User, row)
    if not row[-1]:
        mark_without_roles(user)
    return user


@functools.cache
def _person_sql() -> str:
    key, member = statements.column(User, "id"), statements.column(Membership, "user")
    return (
        f"SELECT {statements.columns(User, 'u')}, "  # noqa: S608 - names from model metadata
        f"EXISTS (SELECT 1 FROM {statements.table(Membership)} m WHERE m.{member} = u.{key}) "
        f"FROM {statements.table(User)} u WHERE u.{key} = %s"
    )


class ReadsThePersonAtOnce:
    """`get_user` through `signed_in_person`; who may sign in is the backend's own `user_can_authenticate`."""

    user_can_authenticate: Any

    def get_user(self, user_id: Any) -> Any:
        user = signed_in_person(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(ReadsThePersonAtOnce, DjangoModelBackend):
    pass


class AuthenticationBackend(ReadsThePersonAtOnce, AllauthBackend):
    pass
