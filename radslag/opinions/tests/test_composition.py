"""Who is in each opinion group: rounded shares per group on the results page, never counts."""

import pytest

from radslag.dialogues.tests.factories import ProcessFactory
from radslag.opinions.composition import composition, rounded_share
from radslag.opinions.models import Participant
from radslag.opinions.recompute import compute_snapshot
from radslag.opinions.tests.factories import ConversationFactory, ParticipantFactory
from radslag.opinions.tests.two_camps import two_camps
from radslag.organisations.tests.factories import LocalityFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("count", "size", "share"), [
    (7, 24, 30),   # 29 % in steps of 10 for a column of 20-39 people
    (6, 24, 30),   # 25 % rounds up
    (7, 40, 20),   # 17.5 % in steps of 5 from 40 people
    (12, 48, 25),
    (0, 30, 0),
])
def test_shares_are_rounded_to_steps_of_at_least_two_people(count, size, share):
    assert rounded_share(count, size) == share


@pytest.fixture
def conversation(org):
    return ConversationFactory(process=ProcessFactory(organisation=org), title="Torget i Nödinge")


def profile(participants, age_band, locality=None):
    Participant.objects.filter(pk__in=[p.pk for p in participants]).update(age_band=age_band, locality=locality)


def test_each_group_shows_rounded_shares_and_small_numbers_only_as_fewer_than_five(conversation, org):
    camps = two_camps(conversation, per_camp=24)
    nodinge, alvangen = (LocalityFactory(organisation=org, name=name) for name in ("Nödinge", "Älvängen"))
    profile(camps["A"][:17], "16-19", nodinge)
    profile(camps["A"][17:20], "65-79", nodinge)  # 3 people; 4 more say nothing
    profile(camps["B"], "45-64", alvangen)
    ParticipantFactory(conversation=conversation, age_band="20-29")  # never answered: not counted
    small = ("Liten grupp", [str(p.pk) for p in camps["B"][:19]])
    groups = [("Unga", [str(p.pk) for p in camps["A"]]), ("Äldre", [str(p.pk) for p in camps["B"]]), small]
    ages, places = composition(conversation, groups)
    assert ages.columns == ["Unga", "Äldre", "Alla som svarat"]  # 19 people is too few for a column
    rows = {category: [cell.share for cell in cells] for category, cells in ages.rows}
    assert rows["16–19 år"] == [70, 0, 35]    # 17 of 24; 17 of 48
    assert rows["65–79 år"] == [None, 0, None]  # three people: "fewer than 5", in every column
    assert rows["Ej angivet"] == [None, 0, None]
    assert rows["45–64 år"] == [0, 100, 50]
    assert "20–29 år" not in rows
    # Unga by place: 20 of 24 in Nödinge, 4 not stated. "About 80 %" means 18-20 people, which with 24
    # in the group would leave exactly 4 for the hidden cell, so that column shows no figures.
    assert {category: [cell.share for cell in cells] for category, cells in places.rows} == {
        "Nödinge": [None, 0, 40], "Älvängen": [None, 100, 50], "Ej angivet": [None, 0, None]}
    assert [cells[0].withheld for _category, cells in places.rows] == [True, True, True]
    assert not any(cells[0].withheld for _category, cells in ages.rows)


def test_the_results_page_shows_who_is_in_the_groups_without_counts(client_for, org, conversation):
    camps = two_camps(conversation, per_camp=20)
    profile(camps["A"], "16-19")
    profile(camps["B"][:17], "45-64")
    compute_snapshot(conversation)
    html = client_for(org).get(f"/samtal/{conversation.pk}/resultat/").content.decode()
    assert "Vilka finns i grupperna?" in html and "<caption>Ålder i grupperna</caption>" in html
    assert '<th scope="col" class="num">Grupp A</th>' in html and "Alla som svarat" in html
    assert '<td class="num">100 %</td>' in html
    assert "färre än 5" in html  # the three people in camp B who did not say


def test_too_few_participants_or_no_profile_answers_give_no_composition(client_for, org, conversation):
    camps = two_camps(conversation, per_camp=9)
    profile(camps["A"], "16-19")
    compute_snapshot(conversation)
    assert "Vilka finns i grupperna?" not in client_for(org).get(
        f"/samtal/{conversation.pk}/resultat/").content.decode()
    assert composition(conversation, [("A", [str(p.pk) for p in camps["A"]])]) == []
