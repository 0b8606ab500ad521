"""Long lists stay correct when read the cheap way: from the nearer end, by ids first, counted in one go."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from radslag.contributions import querysets
from radslag.contributions.models import Contribution
from radslag.contributions.querysets import CountingPaginator, SeekingPaginator, public_contributions, read_slice
from radslag.contributions.representativeness import representativeness
from radslag.contributions.search import search_contributions
from radslag.contributions.tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)")


def make(process, count, body="Inspel nummer {n:02d}", **fields):
    """`count` published contributions, number 0 the oldest, one minute apart."""
    start = timezone.now() - dt.timedelta(days=1)
    made = []
    for n in range(count):
        contribution = ContributionFactory(process=process, body=body.format(n=n), **fields)
        Contribution.objects.filter(pk=contribution.pk).update(created_at=start + dt.timedelta(minutes=n))
        made.append(contribution.pk)
    return made


@pytest.fixture(params=[100, 0], ids=["direct", "ids-first"])
def depth(request, monkeypatch):
    monkeypatch.setattr(querysets, "DIRECT_READ_DEPTH", request.param)
    return request.param


def test_every_page_holds_the_right_contributions_newest_first(process, depth):
    newest_first = make(process, 23)[::-1]
    paginator = SeekingPaginator(public_contributions(process), 5)
    pages = [[row.pk for row in paginator.get_page(number).object_list] for number in range(1, 6)]
    assert pages == [newest_first[i:i + 5] for i in range(0, 23, 5)]
    assert paginator.get_page(99).number == 5
    assert paginator.get_page("inte ett tal").number == 1


def test_a_slice_from_the_back_half_keeps_the_order(process, depth):
    newest_first = make(process, 12)[::-1]
    contributions = public_contributions(process)
    assert [row.pk for row in read_slice(contributions, 8, 12, 12)] == newest_first[8:12]
    assert [row.pk for row in read_slice(contributions, 3, 7, 12)] == newest_first[3:7]
    assert read_slice(contributions, 12, 20, 12) == []


def test_last_page_of_the_public_list_shows_the_oldest(client_for, org, process, depth):
    make(process, 30)
    page = client_for(org).get(
        reverse("contributions:process_contributions", kwargs={"slug": process.slug}), {"page": 2}
    ).content.decode()
    assert "Sida 2 av 2" in page
    assert "Inspel nummer 00" in page and "Inspel nummer 04" in page
    assert "Inspel nummer 05" not in page


def test_search_results_are_counted_and_paged(client_for, org, process, depth):
    make(process, 7, body="Skolan nummer {n:02d} behöver en ny gård.")
    make(process, 3, body="Parken nummer {n:02d}.")
    paginator = CountingPaginator(search_contributions(public_contributions(process), "skolan"), 5)
    first, second = paginator.get_page(1), paginator.get_page(2)
    assert paginator.count == 7 and paginator.num_pages == 2
    assert len(first.object_list) == 5 and len(second.object_list) == 2
    assert not {row.pk for row in first.object_list} & {row.pk for row in second.object_list}
    url = reverse("contributions:process_contributions", kwargs={"slug": process.slug})
    page = client_for(org).get(url, {"q": "skolan", "page": 9}).content.decode()  # past the end: the last page
    assert "7 inspel matchar din sökning" in page
    assert page.count('class="contribution"') == 7


def test_a_search_without_matches_says_so(client_for, org, process):
    make(process, 2)
    url = reverse("contributions:process_contributions", kwargs={"slug": process.slug})
    page = client_for(org).get(url, {"q": "simhall"}).content.decode()
    assert "0 inspel matchar din sökning" in page
    assert "Inget publicerat inspel matchar" in page


def test_api_deep_offsets_walk_the_same_order(client_for, org, process, depth):
    newest_first = make(process, 9)[::-1]
    client = client_for(org)
    url = f"/api/processes/{process.slug}/contributions"
    walked = []
    for offset in range(0, 9, 4):
        answer = client.get(url, {"limit": 4, "offset": offset}).json()
        assert answer["count"] == 9
        walked += [item["id"] for item in answer["items"]]
    assert walked == newest_first
    assert client.get(url, {"limit": 4, "offset": 50}).json() == {"items": [], "count": 9}


def test_representativeness_reads_the_contributions_once(process, django_assert_num_queries):
    make(process, 3, age_band="30-44", sex="female")
    # The grouped counts, the population figures, the localities and the activities.
    with django_assert_num_queries(4):
        report = representativeness(process)
    assert report.total == 3
    assert {row.key: row.count for row in report.sex.rows}["female"] == 3


@on_postgres
@pytest.mark.postgres
def test_postgres_keeps_the_search_vector_of_the_public_text(process):
    contribution = ContributionFactory(process=process, body="Anna Svensson vill ha en skatepark.")
    contributions = public_contributions(process)
    assert search_contributions(contributions, "Svensson").count() == 1
    Contribution.objects.filter(pk=contribution.pk).update(published_body="[namn] vill ha en skatepark.")
    assert search_contributions(contributions, "Svensson").count() == 0
    assert search_contributions(contributions, "skateparken").count() == 1


@on_postgres
@pytest.mark.postgres
def test_postgres_has_the_list_and_profile_indexes_and_the_search_vector():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'contributions_contribution'")
        names = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT data_type FROM information_schema.columns "
            "WHERE table_name = 'contributions_contribution' AND column_name = 'public_search_vector'"
        )
        column = cursor.fetchone()
    assert {"contribution_public_list_idx", "contribution_profile_idx"} <= names
    assert column == ("tsvector",)
