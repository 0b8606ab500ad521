"""The public "who has taken part" summary is computed once per few minutes, not on every page view."""

import pytest

from radslag.contributions.representativeness import public_summary
from radslag.contributions.tests.factories import ContributionFactory
from radslag.dialogues.tests.factories import ProcessFactory


@pytest.mark.django_db
def test_second_public_page_view_reuses_the_summary(org, settings, django_assert_num_queries):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}}
    process = ProcessFactory(organisation=org)
    ContributionFactory.create_batch(3, process=process)
    first = public_summary(process)
    with django_assert_num_queries(0):
        again = public_summary(process)
    assert again.total == first.total == 3
