"""Searching contributions in Swedish, on SQLite and on PostgreSQL."""

import pytest
from django.db import connection

from radslag.contributions.models import Contribution
from radslag.contributions.search import query_words, search_contributions, stem
from radslag.contributions.tests.factories import ContributionFactory

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Swedish full-text search needs PostgreSQL (DATABASE_URL)"
)


def bodies(contributions):
    return sorted(c.body for c in contributions)


def test_query_words_are_distinct_and_lower_case():
    assert query_words("Skolan, skolan och BIBLIOTEKET!") == ["skolan", "och", "biblioteket"]


def test_swedish_stems_join_word_forms():
    assert stem("skolan") == stem("skolor") == stem("skola")


@pytest.fixture
def texts(process):
    for body in [
        "Skolorna i Nödinge behöver fler lärare.",
        "En bra skola ger en bra framtid.",
        "Fler cykelvägar längs älven.",
        "Älvängen saknar en mötesplats för unga.",
        "Biblioteket borde ha öppet på kvällarna, nära skolan.",
    ]:
        ContributionFactory(process=process, body=body)
    return Contribution.objects.filter(process=process)


@pytest.mark.django_db
def test_a_word_finds_its_other_forms(texts):
    assert bodies(search_contributions(texts, "skolan")) == [
        "Biblioteket borde ha öppet på kvällarna, nära skolan.",
        "En bra skola ger en bra framtid.",
        "Skolorna i Nödinge behöver fler lärare.",
    ]


@pytest.mark.django_db
def test_every_word_must_appear(texts):
    assert bodies(search_contributions(texts, "skola bibliotek")) == [
        "Biblioteket borde ha öppet på kvällarna, nära skolan.",
    ]


@pytest.mark.django_db
def test_search_ignores_case_also_for_swedish_letters(texts):
    assert bodies(search_contributions(texts, "älvängen")) == ["Älvängen saknar en mötesplats för unga."]
    assert bodies(search_contributions(texts, "CYKELVÄGAR")) == ["Fler cykelvägar längs älven."]


@pytest.mark.django_db
def test_empty_query_leaves_everything(texts):
    assert search_contributions(texts, "  ,. ").count() == 5


@pytest.mark.django_db
def test_text_removed_by_a_moderator_is_not_found(process):
    ContributionFactory(process=process, body="Anna Svensson vill ha en skatepark.",
                        published_body="[namn] vill ha en skatepark.")
    contributions = Contribution.objects.filter(process=process)
    assert search_contributions(contributions, "Svensson").count() == 0
    assert search_contributions(contributions, "skatepark").count() == 1


@on_postgres
@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_ranks_the_best_match_first(process):
    ContributionFactory(process=process, body="Skolan är viktig. Skolan behöver renoveras. En ny skola!")
    ContributionFactory(process=process, body="Parken är fin, och skolan ligger nära.")
    ranked = list(search_contributions(Contribution.objects.filter(process=process), "skola"))
    assert ranked[0].body.startswith("Skolan är viktig")
    assert len(ranked) == 2


@on_postgres
@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_websearch_syntax_excludes_words(texts):
    found = bodies(search_contributions(texts, "skola -bibliotek"))
    assert found == ["En bra skola ger en bra framtid.", "Skolorna i Nödinge behöver fler lärare."]


@on_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_has_the_gin_indexes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'contributions_contribution'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"contribution_body_fts_sv", "contribution_pubbody_fts_sv"} <= names
