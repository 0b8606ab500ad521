"""The client's address, also behind the TLS proxy the README recommends."""

import pytest
from django.test import RequestFactory

from radslag.core.clients import client_address


def request(remote, forwarded=None, header="HTTP_X_FORWARDED_FOR"):
    extra = {header: forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.RADSLAG_TRUSTED_PROXIES = []
    assert client_address(request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_behind_a_trusted_proxy_each_voter_has_their_own_address(settings):
    settings.RADSLAG_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(request("10.0.0.2", "203.0.113.9")) == "203.0.113.9"
    assert client_address(request("10.0.0.2", "203.0.113.10")) == "203.0.113.10"


@pytest.mark.parametrize(("forwarded", "expected"), [
    ("1.1.1.1, 203.0.113.9", "203.0.113.9"),  # a client-written first hop proves nothing
    ("203.0.113.9, 10.0.0.5", "203.0.113.9"),  # two proxies: the rightmost untrusted hop
    ("junk, 203.0.113.9", "203.0.113.9"),
    ("203.0.113.9:51234", "203.0.113.9"),
    ("[2001:db8::1]:443", "2001:db8::1"),
    ("", "10.0.0.2"),
    ("not-an-address", "10.0.0.2"),
])
def test_the_rightmost_untrusted_hop_is_the_client(settings, forwarded, expected):
    settings.RADSLAG_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(request("10.0.0.2", forwarded)) == expected


def test_a_request_not_from_a_trusted_proxy_cannot_choose_its_address(settings):
    settings.RADSLAG_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(request("203.0.113.66", "1.2.3.4")) == "203.0.113.66"


def test_the_header_is_configurable(settings):
    settings.RADSLAG_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.RADSLAG_CLIENT_ADDRESS_HEADER = "X-Real-IP"
    assert client_address(request("127.0.0.1", "203.0.113.9", header="HTTP_X_REAL_IP")) == "203.0.113.9"
