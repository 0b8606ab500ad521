"""A name is shown publicly only with consent, and a minor's never (working groups and councils ask here)."""

import datetime as dt

import pytest

from radslag.audit.public_names import is_minor, may_publish_name

DAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize(("consent", "minor", "public"), [
    (True, False, True), (False, False, False), (True, True, False), (False, True, False)])
def test_a_name_is_public_only_with_consent_and_never_a_minors(consent, minor, public):
    assert may_publish_name(consent=consent, minor=minor) is public


@pytest.mark.parametrize(("birth_year", "minor"), [(2010, True), (2008, True), (2007, False), (None, False)])
def test_a_birth_year_counts_as_a_minor_through_the_year_the_person_turns_18(birth_year, minor):
    assert is_minor(under_18=False, birth_year=birth_year, on=DAY) is minor


def test_under_18_is_a_minor_whatever_the_birth_year_says():
    assert is_minor(under_18=True, birth_year=1980, on=DAY)
    assert is_minor(under_18=True, on=DAY)
