"""Anonymous input is throttled per client in the shared cache, with the site's own 429 page."""

import re

import pytest

from radslag.contributions.models import Contribution
from radslag.core.throttle import Rate, seconds_until_allowed
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.opinions.models import Statement
from radslag.opinions.tests.factories import ConversationFactory
from radslag.voting.models import CastBallot, Eligibility
from radslag.voting.tests.factories import ballot_with_options, keys


@pytest.fixture
def shared_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "throttle-tests"}}
    settings.RADSLAG_TRUSTED_PROXIES = ["10.0.0.0/8"]
    from django.core.cache import cache

    cache.clear()
    return settings


def test_a_window_allows_its_count_then_says_how_long_to_wait(shared_cache):
    shared_cache.RADSLAG_THROTTLE_RATES = {"contribution": "2/60"}
    assert [seconds_until_allowed("contribution", "a", now=120.0) for _ in range(3)] == [0, 0, 60]
    assert seconds_until_allowed("contribution", "b", now=150.0) == 0  # another client counts alone
    assert seconds_until_allowed("contribution", "a", now=180.0) == 0  # a new window
    assert Rate.parse("10/600") == Rate(10, 600)


@pytest.mark.django_db
def test_forty_anonymous_contributions_in_a_second_are_not_all_accepted(shared_cache, client_for, org):
    process = ProcessFactory(organisation=org)
    client = client_for(org)
    answers = [client.post(f"/dialoger/{process.slug}/bidra/", {"body": f"Inspel nummer {n}"},
                           REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9") for n in range(40)]
    assert Contribution.objects.count() == 10
    refused = answers[-1]
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    page = refused.content.decode()
    assert "För många försök från din uppkoppling" in page and 'class="site-header"' in page
    # Another resident behind the same proxy is not affected.
    other = client.post(f"/dialoger/{process.slug}/bidra/", {"body": "Mitt eget inspel"},
                        REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert other.status_code == 302


@pytest.mark.django_db
def test_anonymous_statements_and_answers_are_throttled(shared_cache, client_for, org):
    shared_cache.RADSLAG_THROTTLE_RATES = {"statement": "3/600", "statement_answer": "2/600"}
    conversation = ConversationFactory(process=ProcessFactory(organisation=org))
    client = client_for(org)
    statuses = [client.post(f"/samtal/{conversation.pk}/pastaende/", {"text": f"Påstående {n}"}).status_code
                for n in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert Statement.objects.count() == 3
    statement = Statement.objects.first()
    statement.status = Statement.Status.ACCEPTED
    statement.save()
    answers = [client.post(f"/samtal/{conversation.pk}/svara/", {"statement": statement.pk, "value": "agree"})
               for _ in range(3)]
    assert [a.status_code for a in answers] == [302, 302, 429]


@pytest.mark.django_db
def test_open_ballot_voters_behind_one_proxy_are_told_apart(shared_cache, client_for, org):
    shared_cache.RADSLAG_THROTTLE_RATES = {"open_ballot": "1/600"}
    ballot = ballot_with_options(process__organisation=org, eligibility=Eligibility.OPEN)
    first = keys(ballot)[0]

    def vote(address, n):
        client = client_for(org)
        page = client.get(f"/rosta/{ballot.pk}/").content.decode()
        key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
        return client.post(f"/rosta/{ballot.pk}/", {"idempotency_key": key, f"dots_{first}": "1"},
                           REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=address)

    assert vote("203.0.113.9", 1).status_code == 302
    assert vote("203.0.113.10", 1).status_code == 302
    assert vote("203.0.113.9", 2).status_code == 429
    assert len({cast.client_hash for cast in CastBallot.objects.all()}) == 2
