"""The one access layer: a person's roles in a municipality, what they may do, and the view guard.

A guard sends a signed-out visitor to sign in and answers 403 to a signed-in person whose roles lack
the capability (see radslag.core.permissions for the table). Roles are read through the
organisation's reverse relation `memberships` (accounts.Membership), so apps below accounts need not
import it; they are read once per person and municipality and kept on the user object for the rest
of the request.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from radslag.core import statements
from radslag.core.permissions import READ_ONLY, Capability, capabilities_of, roles_holding

View = Callable[..., HttpResponse]
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_CACHE_ATTRIBUTE = "_radslag_roles"
_NO_ROLES_ATTRIBUTE = "_radslag_without_roles"


def mark_without_roles(user: Any) -> None:
    """The person holds no role in any municipality (read with the person at sign-in of the request, see
    accounts.backends): `roles_in` answers without asking the database."""
    setattr(user, _NO_ROLES_ATTRIBUTE, True)


def roles_in(user: Any, organisation: Any) -> frozenset[str]:
    """The roles `user` holds in `organisation` (one query per person and municipality)."""
    if organisation is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    if getattr(user, _NO_ROLES_ATTRIBUTE, False):
        return frozenset()
    cache = getattr(user, _CACHE_ATTRIBUTE, None)
    if cache is None:
        cache = {}
        setattr(user, _CACHE_ATTRIBUTE, cache)
    if organisation.pk not in cache:
        membership = organisation.memberships.model
        with connection.cursor() as cursor:
            cursor.execute(_roles_sql(membership), [organisation.pk, user.pk])
            cache[organisation.pk] = frozenset(role for (role,) in cursor.fetchall())
    return cache[organisation.pk]


@cache
def _roles_sql(membership: type[Model]) -> str:
    """Asked on every signed-in request (the second-factor check), so written out once (core.statements)."""
    return (
        f"SELECT {statements.column(membership, 'role')} FROM {statements.table(membership)} "  # noqa: S608 - names from model metadata
        f"WHERE {statements.column(membership, 'organisation')} = %s AND {statements.column(membership, 'user')} = %s"
    )


def has_capability(user: Any, organisation: Any, capability: Capability) -> bool:
    return bool(roles_in(user, organisation) & roles_holding(capability))


def capabilities_in(user: Any, organisation: Any) -> frozenset[Capability]:
    return capabilities_of(roles_in(user, organisation))


def requires_capability(capability: Capability, *, write: Capability | None = None) -> Callable[[View], View]:
    """A view decorator: sign in first, then `capability` in the request's municipality, or 403.

    `write`, when given, is what a POST (or any other unsafe method) needs instead: a page that
    officials may read but only staff may change says `requires_capability(READ, write=MANAGE)`.
    A page guarded by a read-only capability (permissions.READ_ONLY) without `write` changes nothing:
    its guard answers any unsafe method with 403, to everyone.
    The capabilities are kept on the view, so that menus and tests can ask what a page needs.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.method not in SAFE_METHODS and write is None and capability in READ_ONLY:
                raise PermissionDenied
            needed = capability if write is None or request.method in SAFE_METHODS else write
            if not has_capability(request.user, getattr(request, "organisation", None), needed):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_capability = capability  # type: ignore[attr-defined]
        wrapped.write_capability = write or capability  # type: ignore[attr-defined]
        return wrapped

    return decorator
