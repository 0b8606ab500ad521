"""Date ranges name each year once, and both years when the range crosses one."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from radslag.core.templatetags.dateranges import date_range


@pytest.mark.parametrize(("starts", "ends", "swedish"), [
    (dt.date(2026, 3, 3), dt.date(2026, 3, 17), "3–17 mars 2026"),
    (dt.date(2026, 3, 3), dt.date(2026, 4, 17), "3 mars–17 april 2026"),
    (dt.date(2026, 12, 3), dt.date(2027, 1, 17), "3 december 2026–17 januari 2027"),
    (dt.date(2026, 3, 3), dt.date(2026, 3, 3), "3 mars 2026"),
    (dt.date(2026, 3, 3), None, "3 mars 2026"),
])
def test_date_ranges_in_swedish(starts, ends, swedish):
    with translation.override("sv"):
        assert date_range(starts, ends) == swedish


def test_the_filter_in_a_template_in_english():
    template = Template("{% load dateranges %}{{ a|until:b }}")
    with translation.override("en"):
        html = template.render(Context({"a": dt.date(2026, 12, 3), "b": dt.date(2027, 1, 17)}))
    assert html == "3 December 2026–17 January 2027"


def test_datetimes_are_shown_as_local_dates():
    starts = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)  # already 1 January in Stockholm
    ends = dt.datetime(2027, 1, 2, 10, 0, tzinfo=dt.UTC)
    with translation.override("sv"):
        assert date_range(starts, ends) == "1–2 januari 2027"
