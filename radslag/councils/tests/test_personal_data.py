"""A secretary's seat is in their data export; erasure keeps the council's record but unlinks the account."""

import pytest

from radslag.audit.personal_data import kinds
from radslag.councils.models import CouncilMember
from radslag.councils.personal_data import COUNCIL_SEATS
from radslag.councils.tests.factories import make_council


@pytest.mark.django_db
def test_a_seat_is_exported_and_unlinked_on_erasure(org, resident):
    make_council(org, secretary=resident)
    assert COUNCIL_SEATS in kinds()
    assert COUNCIL_SEATS.export(resident, org) == [
        {"council": "Pensionärsrådet", "name": "Birgitta Sekreterare", "represents": "", "role": "Sekreterare",
         "under_18": False, "shown_publicly": False}]
    assert COUNCIL_SEATS.erase(resident, org) == 1  # type: ignore[misc]
    seat = CouncilMember.objects.get()
    assert seat.user is None and seat.name == "Birgitta Sekreterare"
