"""The demo's committees have coming meetings, which an official sees in the overview."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.demo.seed.meetings import days_off, easter_sunday, load_meetings, meeting_day
from radslag.demo.seed.municipality import DEMO_SLUG, load_municipality
from radslag.governance.models import BodyMeeting


def test_the_demo_committees_meet_in_the_coming_weeks_and_the_overview_shows_it(db, settings):
    settings.RADSLAG_DEFAULT_ORGANISATION = DEMO_SLUG  # the demo is served on any host
    context = load_municipality(today=timezone.localdate(), existing=None)
    load_meetings(context)
    coming = BodyMeeting.objects.filter(organisation=context.organisation, date__gte=timezone.localdate())
    assert coming.count() >= 10 and BodyMeeting.objects.count() > coming.count()
    client = Client()
    client.force_login(user_with_role(context.organisation, Role.OFFICIAL))
    page = client.get("/personal/oversikt/").content.decode()
    assert "Fullmäktige i Ale gymnasiums aula" in page and "Kultur- och fritidsnämnden" in page


@pytest.mark.parametrize("today", [dt.date(2026, 12, 7) + dt.timedelta(days=n) for n in range(7)])
def test_a_meeting_counted_from_a_week_of_load_days_falls_on_a_working_day_shortly_before(today):
    """Loaded any day of a week in December: a weekend moves a meeting back at most two days (holidays, as
    the tests below show, can move it further)."""
    for days in (-70, -40, 10, 69):
        held = meeting_day(today, days)
        assert held.weekday() < 5 and 0 <= (today + dt.timedelta(days=days) - held).days <= 2
        assert held not in days_off(held.year)


def test_easter_and_the_holidays_that_follow_it_are_where_the_almanac_has_them():
    assert [easter_sunday(year) for year in (2024, 2025, 2026, 2027, 2038)] == [
        dt.date(2024, 3, 31), dt.date(2025, 4, 20), dt.date(2026, 4, 5), dt.date(2027, 3, 28), dt.date(2038, 4, 25)]
    assert {dt.date(2026, 4, 3), dt.date(2026, 4, 6), dt.date(2026, 5, 14), dt.date(2026, 6, 19)} <= days_off(2026)


def test_no_body_meets_on_boxing_day_or_new_years_eve():
    """Loaded on 16 December, a meeting 10 days on would be annandag jul: it is held on the 23rd instead."""
    assert meeting_day(dt.date(2026, 12, 16), 10) == dt.date(2026, 12, 23)
    assert meeting_day(dt.date(2026, 12, 16), 15) == dt.date(2026, 12, 30)
    assert meeting_day(dt.date(2026, 12, 16), 17) == dt.date(2027, 1, 1) - dt.timedelta(days=2)
