"""The one access layer: a person's roles in a municipality, what they may do, and the view guard.

A guard sends a signed-out visitor to sign in and answers 403 to a signed-in person whose roles lack
the capability (see radslag.core.permissions for the table). Roles are read through the
organisation's reverse relation `memberships` (accounts.Membership), so apps below accounts need not
import it; they are read once per person and municipality and kept on the user object for the rest
of the request.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from radslag.core.permissions import READ_ONLY, Capability, capabilities_of, roles_holding

View = Callable[..., HttpResponse]
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_CACHE_ATTRIBUTE = "_radslag_roles"


def roles_in(user: Any, organisation: Any) -> frozenset[str]:
    """The roles `user` holds in `organisation` (one query per person and municipality)."""
    if organisation is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    cache = getattr(user, _CACHE_ATTRIBUTE, None)
    if cache is None:
        cache = {}
        setattr(user, _CACHE_ATTRIBUTE, cache)
    if organisation.pk not in cache:
        cache[organisation.pk] = frozenset(
            organisation.memberships.filter(user=user).values_list("role", flat=True)
        )
    return cache[organisation.pk]


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
