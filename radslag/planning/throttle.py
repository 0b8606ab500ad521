"""How fast phones may send suggestions to a workshop: each phone, and each room.

Each phone (its cookie) is held to core.throttle's "workshop_phone" rate. A room's phones share one
address (a school's or a town hall's Wi-Fi behind NAT), so the room is counted per workshop and
address, at a rate that a full room cannot reach and a script from one address can: 60 phones that
each send a suggestion every 10 seconds make 3,600 in ten minutes, and the room may send 6,000
(ten a second, as 100 such phones would). The room's count uses the same shared cache and fixed
windows as core.throttle, with its own rate and key: the key names the workshop, so that two
workshops behind one address never count against each other.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache

from radslag.core.throttle import Rate, seconds_until_allowed

ROOM_RATE = Rate(6000, 600)


def seconds_until_room_allowed(*, code: str, address: str, now: float | None = None) -> int:
    """Counts one more suggestion from `address` to the workshop `code`: 0 if allowed, else the seconds to wait."""
    now = time.time() if now is None else now
    window = int(now // ROOM_RATE.seconds)
    digest = hashlib.sha256(f"{code}|{address}".encode()).hexdigest()[:32]
    key = f"radslag:throttle:planning_room:{digest}:{window}"
    cache.add(key, 0, timeout=ROOM_RATE.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the window expired between add and incr: this is its first suggestion
        cache.set(key, 1, timeout=ROOM_RATE.seconds + 1)
        count = 1
    if count <= ROOM_RATE.count:
        return 0
    return max(1, int((window + 1) * ROOM_RATE.seconds - now))


def seconds_until_suggestion_allowed(*, phone: str, code: str, address: str, now: float | None = None) -> int:
    """The phone's own rate first (a refused phone costs the room nothing), then the room's."""
    return (seconds_until_allowed("workshop_phone", f"phone:{phone}", now=now)
            or seconds_until_room_allowed(code=code, address=address, now=now))
