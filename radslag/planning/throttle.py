"""How fast phones may send suggestions to a workshop: each phone, and each room.

Each phone (its cookie) is held to core.throttle's "workshop_phone" rate. A room's phones share one
address (a school's or a town hall's Wi-Fi behind NAT), so the room is counted per workshop and
address, with core.throttle's "workshop_room" rate: one that a full room cannot reach and a script from
one address can (60 phones that each send a suggestion every 10 seconds make 3,600 in ten minutes; the
room may send 6,000). The key names the workshop, so that two workshops behind one address never count
against each other.
"""

from __future__ import annotations

from radslag.core.throttle import seconds_until_allowed

ROOM_SCOPE = "workshop_room"


def seconds_until_room_allowed(*, code: str, address: str, now: float | None = None) -> int:
    """Counts one more suggestion from `address` to the workshop `code`: 0 if allowed, else the seconds to wait."""
    return seconds_until_allowed(ROOM_SCOPE, f"room:{code}|{address}", now=now)


def seconds_until_suggestion_allowed(*, phone: str, code: str, address: str, now: float | None = None) -> int:
    """The phone's own rate first (a refused phone costs the room nothing), then the room's."""
    return (seconds_until_allowed("workshop_phone", f"phone:{phone}", now=now)
            or seconds_until_room_allowed(code=code, address=address, now=now))
