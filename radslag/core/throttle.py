"""One throttle for anonymous input: a count per client and scope in the shared cache.

Used by the open ballot, contributions and opinion statements and answers. Counts live in the
default cache (Redis in production, shared by every app server), in fixed windows. A rate is written
"COUNT/SECONDS" and configured per scope in RADSLAG_THROTTLE_RATES; the client is the signed-in
user, or else the address from `client_address`.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from radslag.core.clients import client_address

DEFAULT_RATES = {
    "contribution": "10/600",
    "statement": "10/600",
    "statement_answer": "300/600",
    "open_ballot": "20/600",
    "consent": "10/600",  # leaving an address to be told, or following
    # planning workshops: per phone (a cookie), and per workshop and address, since a room's phones share
    # one address: 60 phones at one suggestion every 10 s make 3,600 in ten minutes (radslag.planning.throttle)
    "workshop_phone": "20/60",
    "workshop_room": "6000/600",
}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Rate:
        count, seconds = text.split("/")
        return cls(int(count), int(seconds))


def rate_for(scope: str) -> Rate:
    configured = {**DEFAULT_RATES, **getattr(settings, "RADSLAG_THROTTLE_RATES", {})}
    return Rate.parse(configured[scope])


def client_key(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"address:{client_address(request)}"


def seconds_until_allowed(scope: str, key: str, *, now: float | None = None) -> int:
    """Counts one more request from `key` in `scope`: 0 if it is allowed, else the seconds to wait."""
    rate = rate_for(scope)
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"radslag:throttle:{scope}:{digest}:{window}"
    cache.add(cache_key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the window expired between add and incr: this is its first request
        cache.set(cache_key, 1, timeout=rate.seconds + 1)
        count = 1
    if count <= rate.count:
        return 0
    return max(1, int((window + 1) * rate.seconds - now))


def throttled(request: HttpRequest, scope: str) -> HttpResponse | None:
    """None when the request may go on; else the 429 answer (the site's page, or JSON for JSON endpoints)."""
    wait = seconds_until_allowed(scope, client_key(request))
    if not wait:
        return None
    from radslag.core.error_pages import too_many_requests

    return too_many_requests(request, retry_after=wait)
