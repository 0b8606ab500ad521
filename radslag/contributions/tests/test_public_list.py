"""The public list of published contributions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from radslag.accounts.tests.factories import UserFactory
from radslag.contributions.models import Channel, Contribution
from radslag.contributions.tests.factories import ContributionFactory
from radslag.dialogues.models import DialogueProcess

pytestmark = pytest.mark.django_db


def url(process):
    return reverse("contributions:process_contributions", kwargs={"slug": process.slug})


def test_only_published_contributions_are_shown(client_for, org, process, locality):
    ContributionFactory(process=process, body="Synligt inspel", channel=Channel.SLIP, locality=locality)
    ContributionFactory(process=process, body="Väntande inspel", status=Contribution.Status.PENDING)
    ContributionFactory(process=process, body="Dolt inspel", status=Contribution.Status.HIDDEN)
    page = client_for(org).get(url(process)).content.decode()
    assert "Synligt inspel" in page
    assert "Lapp" in page and "Nödinge" in page
    assert "Väntande inspel" not in page
    assert "Dolt inspel" not in page


def test_author_names_and_emails_are_never_shown(client_for, org, process):
    author = UserFactory(display_name="Karin Karlsson", email="karin@example.se")
    ContributionFactory(process=process, body="Mer grönska", author=author, entered_by=author)
    page = client_for(org).get(url(process)).content.decode()
    assert "Mer grönska" in page
    assert "Karin Karlsson" not in page
    assert "karin@example.se" not in page


def test_list_is_paginated_by_25(client_for, org, process):
    for number in range(30):
        ContributionFactory(process=process, body=f"Inspel nummer {number:02d}")
    client = client_for(org)
    first = client.get(url(process)).content.decode()
    assert first.count('class="contribution"') == 25
    assert "30 inspel" in first
    assert "Sida 1 av 2" in first
    second = client.get(url(process), {"page": 2}).content.decode()
    assert second.count('class="contribution"') == 5


def test_a_full_page_costs_the_same_queries_as_a_page_of_one(client_for, org, process, locality,
                                                             django_assert_max_num_queries):
    """Each row shows its text in its own language: reading the language must not cost a query per row."""
    ContributionFactory(process=process, body="Det första inspelet", locality=locality)
    client = client_for(org)
    with CaptureQueriesContext(connection) as one_row:
        client.get(url(process))
    for number in range(30):
        ContributionFactory(process=process, body=f"Inspel nummer {number:02d}", language="en", locality=locality)
    with django_assert_max_num_queries(len(one_row)):
        page = client.get(url(process)).content.decode()
    assert 'lang="en"' in page


def test_filter_by_channel_and_locality(client_for, org, process, locality):
    ContributionFactory(process=process, body="Från webben", channel=Channel.WEB)
    ContributionFactory(process=process, body="Från en lapp i Nödinge", channel=Channel.SLIP, locality=locality)
    ContributionFactory(process=process, body="Från en lapp utan ort", channel=Channel.SLIP)
    client = client_for(org)
    page = client.get(url(process), {"channel": "slip"}).content.decode()
    assert "Från webben" not in page and "Från en lapp utan ort" in page
    page = client.get(url(process), {"locality": locality.pk}).content.decode()
    assert "Från en lapp i Nödinge" in page and "Från en lapp utan ort" not in page


def test_search_box_finds_word_forms(client_for, org, process):
    ContributionFactory(process=process, body="Skolorna behöver fler lärare.")
    ContributionFactory(process=process, body="Fler bänkar i parken.")
    page = client_for(org).get(url(process), {"q": "skolan"}).content.decode()
    assert 'type="search"' in page or 'name="q"' in page
    assert "Skolorna behöver fler lärare." in page
    assert "Fler bänkar i parken." not in page
    assert "matchar din sökning" in page


def test_draft_process_is_not_found(client_for, org, process):
    process.status = DialogueProcess.Status.DRAFT
    process.save()
    assert client_for(org).get(url(process)).status_code == 404


def test_closed_process_still_shows_its_contributions(client_for, org, process):
    ContributionFactory(process=process, body="Från när den var öppen")
    process.status = DialogueProcess.Status.CLOSED
    process.save()
    page = client_for(org).get(url(process)).content.decode()
    assert "Från när den var öppen" in page
    assert reverse("contributions:contribute", kwargs={"slug": process.slug}) not in page
