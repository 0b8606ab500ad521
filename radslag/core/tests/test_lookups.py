"""Ids beyond any key in an `__in` list match nothing instead of failing the query."""

import pytest
from django.contrib.contenttypes.models import ContentType

pytestmark = pytest.mark.django_db


def test_an_id_beyond_the_columns_range_in_a_list_matches_nothing() -> None:
    known = ContentType.objects.order_by("pk").first()
    assert known is not None

    assert list(ContentType.objects.filter(pk__in=[known.pk, 10**20])) == [known]
    assert not ContentType.objects.filter(pk__in=[10**20, -(10**20)]).exists()
    assert not ContentType.objects.filter(pk__in=["99999999999999999999"]).exists()
