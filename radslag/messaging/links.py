"""Absolute links in mail, which is sent without a request: the organisation's own host name, or
the site address from the environment (`RADSLAG_SITE_URL`, default http://127.0.0.1:8000)."""

from __future__ import annotations

from django.conf import settings

from radslag.organisations.models import Organisation


def site_url(organisation: Organisation) -> str:
    if organisation.hostname:
        scheme = "https" if getattr(settings, "RADSLAG_HTTPS", False) else "http"
        return f"{scheme}://{organisation.hostname}"
    return str(getattr(settings, "RADSLAG_SITE_URL", "http://127.0.0.1:8000")).rstrip("/")


def absolute(organisation: Organisation, path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return site_url(organisation) + (path if path.startswith("/") else "/" + path)


# The pages mail links to. The views behind them are the messaging app's (confirm, unsubscribe,
# preferences) and the feedback app's (a person's trail); the paths are fixed here because mail is
# rendered below the layer that serves the trail.
CONFIRM_PATH = "/meddelanden/bekrafta/{token}/"
UNSUBSCRIBE_PATH = "/meddelanden/avsluta/{token}/"  # GET shows a page; POST is RFC 8058's one click
PREFERENCES_PATH = "/meddelanden/installningar/{token}/"
TRAIL_PATH = "/mina-inspel/spar/{token}/"
