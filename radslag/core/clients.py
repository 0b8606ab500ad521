"""The address a request came from, also behind the TLS proxy the README recommends.

Behind a proxy every request's REMOTE_ADDR is the proxy's own address. When REMOTE_ADDR is one of
RADSLAG_TRUSTED_PROXIES (addresses or networks), the client is read from the header the proxies
write (RADSLAG_CLIENT_ADDRESS_HEADER, X-Forwarded-For by default): the rightmost address in it that
is not a trusted proxy. Addresses further left were written by the client and prove nothing. With no
trusted proxies configured the header is ignored, so that nobody can pick their own address.
"""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.lru_cache(maxsize=8)
def _networks(configured: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in configured)


def _meta_name(header: str) -> str:
    return "HTTP_" + header.upper().replace("-", "_")


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An address from a header hop: `1.2.3.4`, `1.2.3.4:5678`, `[2001:db8::1]:443` or `2001:db8::1`."""
    text = text.strip().strip('"')
    if text.startswith("["):
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _is_trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address | None, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's address as text: REMOTE_ADDR, or behind a trusted proxy the address it forwarded."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(getattr(settings, "RADSLAG_TRUSTED_PROXIES", ())))
    if not networks or not _is_trusted(_address(remote), networks):
        return remote
    header = request.META.get(_meta_name(getattr(settings, "RADSLAG_CLIENT_ADDRESS_HEADER", "X-Forwarded-For")), "")
    nearest = remote
    for hop in reversed([part for part in header.split(",") if part.strip()]):
        address = _address(hop)
        if address is None:
            return nearest  # not written by a proxy: the hop to its right is the client
        if not _is_trusted(address, networks):
            return str(address)
        nearest = str(address)
    return nearest
