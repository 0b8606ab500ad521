"""System checks for sign-in security that depend on the deployment shape."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Warning, register


def is_scaled_out() -> bool:
    """More than one process shares the work: PostgreSQL, a shared cache or a task broker is configured."""
    engine = settings.DATABASES["default"]["ENGINE"]
    return "postgresql" in engine or bool(settings.CACHE_URL) or bool(settings.CELERY_BROKER_URL)


@register("security", deploy=False)
def secret_key_is_set(app_configs: Any = None, **kwargs: Any) -> list[Error | Warning]:
    """A key generated into one machine's var/ differs between servers (and is lost with the machine):
    sessions, password-reset links and one-time codes keyed with it would fail on the other servers."""
    problems: list[Error | Warning] = []
    if settings.RADSLAG_SECRET_KEY_GENERATED and is_scaled_out():
        problems.append(Error(
            "SECRET_KEY is not set, but this installation is scaled out (PostgreSQL, CACHE_URL or "
            "CELERY_BROKER_URL); a key generated into var/ would differ between servers.",
            hint="Set SECRET_KEY in the environment of every app server and worker, the same on all.",
            id="radslag.E001",
        ))
    if is_scaled_out() and not settings.RADSLAG_HTTPS and not settings.DEBUG:
        problems.append(Warning(
            "RADSLAG_HTTPS is off in a scaled-out installation: cookies are not marked secure and no HSTS "
            "header is sent.",
            hint="Serve the site over HTTPS and set RADSLAG_HTTPS=true.",
            id="radslag.W002",
        ))
    return problems


def refuse_to_serve_unsafely() -> None:
    """Called by the WSGI and ASGI entry points: gunicorn runs no system checks, so the errors above
    would otherwise only stop `manage.py` commands."""
    from django.core.exceptions import ImproperlyConfigured

    errors = [problem for problem in secret_key_is_set() if isinstance(problem, Error)]
    if errors:
        raise ImproperlyConfigured("; ".join(f"{error.msg} {error.hint}" for error in errors))
