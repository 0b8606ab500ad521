"""Guards for staff pages, usable by every app from the lowest layer up.

A guard sends a signed-out visitor to sign in and answers 403 to a signed-in person whom the
predicate refuses. Roles are read through the organisation's reverse relation `memberships`
(accounts.Membership), so apps below accounts need not import it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]
Predicate = Callable[[Any, Any], bool]


def holds_role(user: Any, organisation: Any, roles: Iterable[str]) -> bool:
    """Whether `user` has one of `roles` in `organisation` (one query)."""
    if organisation is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(organisation.memberships.filter(user=user, role__in=[str(r) for r in roles]).exists())


def requires(predicate: Predicate) -> Callable[[View], View]:
    """A view decorator: sign-in first, then `predicate(user, request.organisation)` or 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request.user, getattr(request, "organisation", None)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def role_required(roles: Iterable[str]) -> Callable[[View], View]:
    wanted = tuple(roles)
    return requires(lambda user, organisation: holds_role(user, organisation, wanted))
