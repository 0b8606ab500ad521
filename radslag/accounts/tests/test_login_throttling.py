"""Wrong passwords slow the guesser down, per client address and account, without locking out the owner."""

import os
import uuid

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache

from radslag.core.clients import client_address

PASSWORD = "lösenord-123"  # the password UserFactory gives everyone
ATTACKER = "203.0.113.9"
OWNER = "198.51.100.7"
TOO_MANY = "För många misslyckade inloggningsförsök"


REDIS = os.environ.get("RADSLAG_TEST_REDIS_URL", "redis://127.0.0.1:6379/12")


@pytest.fixture(autouse=True, params=["locmem", "redis"])
def shared_cache(request, settings):
    """Throttling counts in the cache (the test settings' dummy cache would forget every attempt); in
    production that is Redis, shared by every app server, so the counts are tried there too."""
    if request.param == "redis":
        import redis

        try:
            redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping()
        except redis.RedisError:
            pytest.skip(f"no Redis at {REDIS} (set RADSLAG_TEST_REDIS_URL)")
        # A prefix of its own, so that parallel test workers never count each other's attempts;
        # the keys expire by themselves within five minutes (no FLUSHDB under other workers' feet).
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS,
                                       "KEY_PREFIX": f"throttle-test-{uuid.uuid4().hex}"}}
        yield
    else:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}}
        cache.clear()
        yield
        cache.clear()


@pytest.fixture
def owner(resident):
    EmailAddress.objects.create(user=resident, email=resident.email, verified=True, primary=True)
    return resident


def sign_in(client, email, password, address, **headers):
    return client.post("/konto/login/", {"login": email, "password": password}, REMOTE_ADDR=address, **headers)


def test_attacker_is_slowed_but_the_owner_signs_in_from_elsewhere(client_for, org, owner):
    attacker = client_for(org)
    answers = [sign_in(attacker, owner.email, f"gissning-{n}", ATTACKER).content.decode() for n in range(6)]
    assert TOO_MANY not in answers[0]
    assert TOO_MANY in answers[5]
    # Slowed: even the right password is refused from the attacker's address for now.
    refused = sign_in(attacker, owner.email, PASSWORD, ATTACKER)
    assert refused.status_code == 200 and TOO_MANY in refused.content.decode()
    assert "_auth_user_id" not in attacker.session

    person = client_for(org)
    response = sign_in(person, owner.email, PASSWORD, OWNER)
    assert response.status_code == 302
    assert person.session["_auth_user_id"] == str(owner.pk)


def test_a_forged_forwarded_header_does_not_reset_the_count_without_trusted_proxies(client_for, org, owner):
    attacker = client_for(org)
    for n in range(5):
        sign_in(attacker, owner.email, f"gissning-{n}", ATTACKER, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    forged = sign_in(attacker, owner.email, "gissning-6", ATTACKER, HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert TOO_MANY in forged.content.decode()


def test_behind_a_trusted_proxy_the_forwarded_client_is_counted(client_for, org, owner, settings):
    proxy = "10.0.0.2"
    settings.RADSLAG_TRUSTED_PROXIES = [proxy]
    attacker, person = client_for(org), client_for(org)
    for n in range(6):
        sign_in(attacker, owner.email, f"gissning-{n}", proxy, HTTP_X_FORWARDED_FOR=ATTACKER)
    # Both arrive from the proxy's address; only the attacker's forwarded address is slowed.
    assert sign_in(person, owner.email, PASSWORD, proxy, HTTP_X_FORWARDED_FOR=OWNER).status_code == 302


def test_client_address_believes_only_the_trusted_proxies(rf, settings):
    settings.RADSLAG_TRUSTED_PROXIES = []
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "10.0.0.2"
    settings.RADSLAG_TRUSTED_PROXIES = ["10.0.0.2"]
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4")
    assert client_address(request) == "1.2.3.4"  # the client's own '6.6.6.6' is not believed
    settings.RADSLAG_TRUSTED_PROXIES = ["10.0.0.2", "1.2.3.4"]
    assert client_address(request) == "6.6.6.6"
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="inte-en-adress")
    assert client_address(request) == "10.0.0.2"  # a hop no proxy wrote: the proxy's own address counts
