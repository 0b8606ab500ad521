"""Who is in each opinion group: the tables on the results page, with small numbers withheld."""

import pytest

from radslag.dialogues.tests.factories import ProcessFactory
from radslag.opinions.composition import _withheld, composition
from radslag.opinions.models import Participant
from radslag.opinions.recompute import compute_snapshot
from radslag.opinions.tests.factories import ConversationFactory, ParticipantFactory
from radslag.opinions.tests.two_camps import two_camps
from radslag.organisations.tests.factories import LocalityFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("counts", "withheld"), [
    ([10, 3, 7], {1, 2}),  # one small number: the smallest other one goes too, or 3 = 20 - 10 - 7
    ([10, 3, 2], {1, 2}),  # two small numbers cannot be told apart from the total
    ([0, 8, 6], set()),    # nobody is not a small group
    ([4], {0}),            # nothing else to withhold
])
def test_small_numbers_and_one_more_are_withheld(counts, withheld):
    assert _withheld(counts) == withheld


@pytest.fixture
def conversation(org):
    return ConversationFactory(process=ProcessFactory(organisation=org), title="Torget i Nödinge")


def profile(participants, age_band, locality=None):
    Participant.objects.filter(pk__in=[p.pk for p in participants]).update(age_band=age_band, locality=locality)


def test_each_group_shows_its_ages_and_localities_with_small_numbers_withheld(conversation, org):
    camps = two_camps(conversation)
    nodinge, alvangen = LocalityFactory(organisation=org, name="Nödinge"), LocalityFactory(organisation=org,
                                                                                           name="Älvängen")
    profile(camps["A"][:7], "16-19", nodinge)
    profile(camps["A"][7:10], "65-79", nodinge)  # 3 people, 2 more not stated
    profile(camps["B"], "45-64", alvangen)
    ParticipantFactory(conversation=conversation, age_band="20-29")  # never answered: not counted
    groups = [("Unga", [str(p.pk) for p in camps["A"]]), ("Äldre", [str(p.pk) for p in camps["B"]])]
    ages, places = composition(conversation, groups)
    assert ages.columns == ["Unga", "Äldre", "Alla som svarat"]
    rows = {category: [(c.count, c.share) for c in cells] for category, cells in ages.rows}
    assert rows["16–19 år"] == [(7, 58), (0, 0), (7, 29)]
    assert rows["65–79 år"] == [(None, None), (0, 0), (None, None)]
    assert rows["Ej angivet"] == [(None, None), (0, 0), (None, None)]
    assert rows["45–64 år"] == [(0, 0), (12, 100), (12, 50)]
    assert "20–29 år" not in rows and "80 år eller äldre" not in rows
    places_rows = {category: [c.count for c in cells] for category, cells in places.rows}
    # Two people without a locality are withheld, and so are the ten in Nödinge, or 2 = 12 - 10.
    assert places_rows == {"Nödinge": [None, 0, None], "Älvängen": [0, 12, 12], "Ej angivet": [None, 0, None]}


def test_the_results_page_shows_who_is_in_the_groups(client_for, org, conversation):
    camps = two_camps(conversation)
    profile(camps["A"], "16-19")
    profile(camps["B"][:9], "45-64")
    compute_snapshot(conversation)
    html = client_for(org).get(f"/samtal/{conversation.pk}/resultat/").content.decode()
    assert "Vilka finns i grupperna?" in html and "<caption>Ålder i grupperna</caption>" in html
    assert '<th scope="col" class="num">Grupp A</th>' in html and "Alla som svarat" in html
    assert "12 <span class=\"muted\">(100 %)</span>" in html
    assert "färre än 5" in html  # the three people in camp B who did not say


def test_without_profile_answers_there_is_no_composition(client_for, org, conversation):
    two_camps(conversation)
    compute_snapshot(conversation)
    html = client_for(org).get(f"/samtal/{conversation.pk}/resultat/").content.decode()
    assert "Vilka finns i grupperna?" not in html
