"""View decorators for the staff pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from radslag.accounts.permissions import can_moderate, is_admin_in, is_staff_in

View = Callable[..., HttpResponse]


def _requires(predicate: Callable[[Any, Any], bool]) -> Callable[[View], View]:
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


staff_required = _requires(is_staff_in)
moderator_required = _requires(can_moderate)
admin_required = _requires(is_admin_in)
