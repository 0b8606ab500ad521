"""The address of the client behind the trusted proxies, for throttling sign-in attempts.

Written here because radslag.core has no such function yet; when it gains one, this module should
call it. A client can write anything into X-Forwarded-For, so only the entries added by the
`RADSLAG_TRUSTED_PROXY_COUNT` proxies in front of the app are believed.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's IP address: the entry the nearest untrusted hop gave, or REMOTE_ADDR without proxies."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.RADSLAG_TRUSTED_PROXY_COUNT
    forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if proxies > 0 and forwarded:
        # The last proxy appends what it saw; the first trusted proxy's view is `proxies` entries from the end.
        address = forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]
    try:
        return str(ipaddress.ip_address(address.strip("[]")))
    except ValueError:
        return "unknown"
