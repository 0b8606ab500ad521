"""Who has taken part compared with the population, and suppression of small groups."""

import pytest
from django.urls import reverse

from radslag.contributions.models import Channel, Contribution
from radslag.contributions.representativeness import (
    Breakdown,
    GroupShare,
    representativeness,
    share_step,
    suppress_small,
)
from radslag.contributions.tests.factories import ContributionFactory
from radslag.organisations.models import PopulationFigure
from radslag.organisations.tests.factories import LocalityFactory


@pytest.fixture
def known(org, process, activity):
    """2024: Nödinge 600 adults (30–44), Nol 400 (65–79), half women; 100 children. 2020 figures differ."""
    nodinge, nol = LocalityFactory(organisation=org, name="Nödinge"), LocalityFactory(organisation=org, name="Nol")
    cells = [(nodinge, "30-44", 300), (nol, "65-79", 200)]
    for locality, band, count in cells:
        for sex in ("female", "male"):
            PopulationFigure.objects.create(organisation=org, year=2024, locality=locality, age_band=band, sex=sex,
                                            count=count)
    PopulationFigure.objects.create(organisation=org, year=2024, locality=nodinge, age_band="0-15", sex="female",
                                    count=100)
    PopulationFigure.objects.create(organisation=org, year=2020, locality=nol, age_band="30-44", sex="female",
                                    count=10000)
    for _ in range(8):
        ContributionFactory(process=process, locality=nodinge, age_band="30-44", sex="female", activity=activity)
    ContributionFactory(process=process, locality=nol, age_band="65-79", sex="male", status=Contribution.Status.HIDDEN)
    ContributionFactory(process=process, channel=Channel.SLIP, status=Contribution.Status.PENDING)
    return {"nodinge": nodinge, "nol": nol}


def rows(breakdown):
    return {str(row.label): row for row in breakdown.rows}


@pytest.mark.django_db
def test_counts_and_shares_on_a_known_data_set(process, known):
    report = representativeness(process)
    assert report.total == 10
    assert report.population_year == 2024
    assert report.adults_only is True
    locality = rows(report.locality)
    assert (locality["Nödinge"].count, locality["Nol"].count) == (8, 1)
    assert report.locality.answered == 9 and report.locality.not_stated == 1
    assert locality["Nödinge"].population_share == pytest.approx(0.6)
    assert locality["Nol"].population_share == pytest.approx(0.4)
    assert locality["Nol"].share == pytest.approx(1 / 9)
    assert [str(row.label) for row in report.locality.flagged] == ["Nol"]
    assert [row.key for row in report.age_band.flagged] == ["65-79"]
    assert [row.key for row in report.sex.flagged] == ["male"]
    assert "0-15" not in [row.key for row in report.age_band.rows]
    assert {row.key: row.count for row in report.channel.rows}["slip"] == 1
    assert {row.key: row.count for row in report.status.rows} == {"pending": 1, "published": 8, "hidden": 1}
    assert {row.key: row.count for row in report.activity.rows}[""] == 2


@pytest.mark.django_db
def test_children_count_in_the_comparison_when_they_took_part(process, known):
    ContributionFactory(process=process, age_band="0-15", locality=known["nodinge"])
    report = representativeness(process)
    assert report.adults_only is False
    assert {row.key: row for row in report.age_band.rows}["0-15"].population_share == pytest.approx(100 / 1100)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_data(process, known, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        representativeness(process)
    for _ in range(30):
        ContributionFactory(process=process, locality=LocalityFactory(organisation=process.organisation),
                            age_band="80+", sex="other")
    with django_assert_max_num_queries(9):
        representativeness(process)


@pytest.mark.django_db
def test_dashboard_shows_numbers_and_flags_in_text(client_for, org, staff, process, known,
                                                   django_assert_max_num_queries):
    client = client_for(org, staff)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("contributions:dashboard", kwargs={"pk": process.pk}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Underrepresenterad" in page
    assert "11 % av inspelen, 40 % av invånarna" in page
    assert "befolkningssiffror för 2024" in page
    assert "16 år eller äldre" in page
    assert '<th scope="row">Nol</th>' in page


@pytest.mark.django_db
def test_dashboard_is_for_staff_only(client_for, org, resident, process):
    response = client_for(org, resident).get(reverse("contributions:dashboard", kwargs={"pk": process.pk}))
    assert response.status_code == 403


@pytest.mark.django_db
def test_public_summary_suppresses_small_groups(client_for, org, process, known):
    page = client_for(org).get(reverse("contributions:process_contributions", kwargs={"slug": process.slug}))
    text = page.content.decode()
    assert "Vilka har deltagit" in text
    # Nödinge 8 and Nol 1 of 9: "about 100 %" beside "fewer than 5" would leave Nol only 1, so the
    # tables are withheld rather than shown with a hidden group that a reader can work out.
    assert '<th scope="row">Nol</th>\n      <td class="num">–</td>' in text
    assert "kunde deras antal räknas ut" in text
    assert "Grupper med färre än 5 inspel visas inte med antal" in text


def test_a_lone_small_group_beside_one_rounded_group_is_not_given_away():
    """8 and 1 of 9: the rounded share (about 100 %, so 8 or 9) would leave the hidden group only 1."""
    result = suppress_small(breakdown(8, 1))
    assert result.withheld and result.answered is None
    assert [(row.count, row.share_percent) for row in result.rows] == [(None, None), (None, None)]


def breakdown(*counts, not_stated=0):
    total = sum(counts)
    group_rows = tuple(
        GroupShare(key=str(i), label=f"Grupp {i}", count=c, share=c / total, population_share=0.3)
        for i, c in enumerate(counts)
    )
    return Breakdown("test", "Test", group_rows, total, not_stated, compares_population=True)


def test_groups_under_five_are_hidden_and_the_others_show_only_rounded_shares():
    result = suppress_small(breakdown(10, 2, 1, 8))  # 21 people: steps of 10 %
    shown = [(row.count, row.suppressed, row.rounded, row.share_percent) for row in result.rows]
    assert shown == [(None, False, True, 50), (None, True, False, None), (None, True, False, None),
                     (None, False, True, 40)]


def test_no_count_gives_a_small_group_away_by_subtraction():
    """With the total published, 10 + 7 shown beside a hidden group would reveal it: 20 - 17 = 3."""
    result = suppress_small(breakdown(10, 3, 7))
    assert [row.count for row in result.rows] == [None, None, None]
    assert [row.share_percent for row in result.rows] == [50, None, 40]  # 35 % rounds up to a step of 10


@pytest.mark.parametrize(("answered", "step"), [(5, 50), (8, 25), (10, 20), (20, 10), (39, 10), (40, 5), (900, 5)])
def test_a_rounding_step_always_stands_for_two_people_or_more(answered, step):
    assert share_step(answered) == step and step * answered >= 200


def test_without_small_groups_every_count_is_exact():
    result = suppress_small(breakdown(10, 6, 7))
    assert [(row.count, row.rounded) for row in result.rows] == [(10, False), (6, False), (7, False)]


def test_zero_is_not_suppressed():
    result = suppress_small(breakdown(10, 0, 7))
    assert [row.count for row in result.rows] == [10, 0, 7]


def test_too_few_answers_hide_everything():
    result = suppress_small(breakdown(2, 2))
    assert result.answered is None
    assert all(row.suppressed for row in result.rows)


def test_small_not_stated_count_is_hidden():
    assert suppress_small(breakdown(10, 10, not_stated=3)).not_stated is None
    assert suppress_small(breakdown(10, 10, not_stated=6)).not_stated == 6


def test_a_hidden_group_is_still_flagged_when_even_four_would_be_under_represented():
    rows = (GroupShare("unga", "16–19 år", 2, 2 / 100, population_share=0.12),
            GroupShare("aldre", "65–79 år", 3, 3 / 100, population_share=0.03),
            GroupShare("ovriga", "Övriga", 95, 95 / 100, population_share=0.85))
    result = suppress_small(Breakdown("age_band", "Ålder", rows, 100, 0, compares_population=True))
    young, old, _rest = result.rows
    assert young.suppressed and young.under_represented  # at most 4 % against 12 % of residents
    assert old.suppressed and not old.under_represented  # 1-4 % against 3 %: cannot tell


def test_the_summaries_of_many_processes_equal_each_process_s_own_published_figures(org, known, process):
    """The officials' overview counts every process at once (on PostgreSQL in one pass); each summary must
    be what the process's own page publishes."""
    from radslag.contributions.representativeness import participation_summaries
    from radslag.dialogues.tests.factories import ProcessFactory

    other, empty = ProcessFactory(organisation=org), ProcessFactory(organisation=org)
    for n in range(23):
        ContributionFactory(process=other, locality=known["nol"] if n % 3 else None,
                            age_band="65-79" if n % 2 else "0-15", sex="male" if n % 4 else "")
    summaries = participation_summaries(org.pk, [process.pk, other.pk, empty.pk])

    for each in (process, other, empty):
        own = representativeness(each)
        expected = tuple(suppress_small(b) for b in (own.locality, own.age_band, own.sex))
        assert summaries[each.pk].total == own.total
        assert summaries[each.pk].comparisons == expected
    assert summaries[other.pk].total == 23 and summaries[empty.pk].total == 0
