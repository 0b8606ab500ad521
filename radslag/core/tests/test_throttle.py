"""Anonymous input is throttled per client in the shared cache, with the site's own 429 page."""

from radslag.core.throttle import Rate, seconds_until_allowed


def test_a_window_allows_its_count_then_says_how_long_to_wait(shared_cache):
    shared_cache.RADSLAG_THROTTLE_RATES = {"contribution": "2/60"}
    assert [seconds_until_allowed("contribution", "a", now=120.0) for _ in range(3)] == [0, 0, 60]
    assert seconds_until_allowed("contribution", "b", now=150.0) == 0  # another client counts alone
    assert seconds_until_allowed("contribution", "a", now=180.0) == 0  # a new window
    assert Rate.parse("10/600") == Rate(10, 600)
