"""A full room behind one address sends suggestions for a whole workshop; a flood from one address is stopped."""

from __future__ import annotations

import pytest
from django.urls import reverse

from radslag.planning import throttle, workshops

ROOM = "10.20.30.40"  # a school's Wi-Fi: every phone in the room behind one address


def test_sixty_phones_behind_one_address_are_never_refused_in_a_thirty_minute_workshop(shared_cache):
    start = 1_800_000_299.0  # half way through a window: the workshop spans four of them
    refused = 0
    for tick in range(30 * 60):  # one second at a time; every phone sends once every 10 seconds
        for phone in range(tick % 10, 60, 10):
            refused += bool(throttle.seconds_until_suggestion_allowed(
                phone=f"phone-{phone}", code="ABC234", address=ROOM, now=start + tick))
    assert refused == 0


def test_a_flood_from_one_address_is_refused_even_with_a_new_phone_each_time(shared_cache):
    start = 1_800_000_000.0  # a window starts here; 8,000 suggestions at 50 a second all fall in it
    answers = [throttle.seconds_until_suggestion_allowed(phone=f"forged-{n}", code="ABC234", address=ROOM,
                                                         now=start + n / 50) for n in range(8000)]
    assert answers[:6000] == [0] * 6000
    assert all(answers[6000:]) and answers[-1] == 600 - 160
    # Another workshop behind the same address counts on its own.
    assert throttle.seconds_until_suggestion_allowed(phone="x", code="XYZ789", address=ROOM, now=start + 100) == 0


@pytest.mark.django_db
def test_the_phone_page_counts_the_room_per_workshop_and_address(world, org, client_for, shared_cache, settings):
    settings.RADSLAG_THROTTLE_RATES = {"workshop_room": "2/600"}
    one, two = (workshops.open_workshop(project=world["project"], actor=world["ale_lead"], organisation=org,
                                        title=title, board="stakeholders") for title in ("Ett", "Två"))

    def send(workshop, text):
        phone = client_for(org)  # a new phone each time, all behind one proxy-reported address
        return phone.post(reverse("planning:phone", kwargs={"code": workshop.code}),
                          {"kind": "stakeholder", "text": text}, REMOTE_ADDR="10.0.0.1",
                          HTTP_X_FORWARDED_FOR=ROOM).status_code

    assert [send(one, f"Grupp {n}") for n in range(3)] == [302, 302, 429]
    assert send(two, "Ungdomsrådet") == 302
