"""Who may open this app's staff pages.

Organisations sits below accounts in the layers, so it cannot import
`radslag.accounts.decorators`. It asks the organisation's own reverse relation
`memberships` instead; the role values are the stored strings of `accounts.Role`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

STAFF_ROLE_VALUES = ("staff", "moderator", "admin")
ADMIN_ROLE_VALUES = ("admin",)

View = Callable[..., HttpResponse]


def holds_role(user: Any, organisation: Any, roles: Iterable[str]) -> bool:
    if organisation is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(organisation.memberships.filter(user=user, role__in=list(roles)).exists())


def role_required(roles: Iterable[str]) -> Callable[[View], View]:
    """Signed-out visitors go to sign in; signed-in people without one of `roles` get 403."""
    wanted = tuple(roles)

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not holds_role(request.user, getattr(request, "organisation", None), wanted):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


staff_required = role_required(STAFF_ROLE_VALUES)
admin_required = role_required(ADMIN_ROLE_VALUES)
