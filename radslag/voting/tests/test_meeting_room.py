"""The meeting room: words ballots, the presenter view, the blank paper ballot and the ballot's wording."""

import argparse
import json
import re
import shutil
import subprocess

import pytest

from radslag.analysis.ballot_rules import BallotError, read_ballot
from radslag.analysis.tallies import tally
from radslag.analysis.tally_cli import run as tally_run
from radslag.audit.models import AuditEvent
from radslag.core.errors import DomainError
from radslag.organisations.models import Locality
from radslag.voting.models import Eligibility, Method, ResultsVisibility
from radslag.voting.services import (
    cast_ballot,
    close_ballot,
    hide_word,
    new_idempotency_key,
    open_ballot,
    publish_results,
)
from radslag.voting.tests.factories import BallotFactory, ballot_with_options

pytestmark = pytest.mark.django_db


def vote_form(page: str) -> str:
    """The ballot form of a voter page (the page-feedback form below it has its own optional comment)."""
    return page.split('class="vote-form"')[1].split("</form>")[0]


def base(ballot):
    return f"/personal/processer/{ballot.process_id}/omrostningar/{ballot.pk}/"


@pytest.fixture
def words_ballot(org):
    return BallotFactory(process__organisation=org, method=Method.WORDS, title="Ett ord om mötet",
                         question="Beskriv kvällen med ett ord", eligibility=Eligibility.OPEN,
                         results_visibility=ResultsVisibility.LIVE)


def answer(ballot, n, word):
    return cast_ballot(ballot=ballot, choices=word, idempotency_key=new_idempotency_key(), client_hash=f"client-{n}")


# --- the rules and the recount -------------------------------------------------------------------------

def test_the_same_word_in_other_case_or_spacing_counts_as_one():
    spec = {"method": "words", "ballots": ["Trygghet", "trygghet ", "  TRYGG  HET", "trygghet", "Gemenskap"]}
    result = tally(spec)
    assert [(s.option, s.score) for s in result.scores] == [("trygghet", 3), ("gemenskap", 1), ("trygg het", 1)]
    assert result.ballots == 5


@pytest.mark.parametrize(("raw", "kind"), [("   ", "no_word"), ("x" * 41, "word_too_long"), (["a"], "unreadable"),
                                           (3, "unreadable")])
def test_an_empty_long_or_unreadable_answer_is_refused(raw, kind):
    with pytest.raises(BallotError) as refused:
        read_ballot("words", raw, [])
    assert refused.value.kind == kind


def test_radslag_tally_recounts_a_words_file(tmp_path):
    source, out = tmp_path / "ord.json", tmp_path / "ut.json"
    source.write_text(json.dumps({"method": "words", "ballots": ["Mod", "mod", "glädje"]}), encoding="utf-8")
    assert tally_run(argparse.Namespace(ballots=str(source), method=None, output=str(out))) == 0
    scores = json.loads(out.read_text(encoding="utf-8"))["scores"]
    assert [(s["option"], s["score"]) for s in scores] == [("mod", 2), ("glädje", 1)]


# --- casting and showing words -------------------------------------------------------------------------

def test_a_words_ballot_opens_without_options_and_stores_the_normalised_word(words_ballot, staff):
    words_ballot.opens_at = None
    words_ballot.save()
    open_ballot(ballot=words_ballot, user=staff)
    cast = answer(words_ballot, 1, "  Trygghet ")
    assert cast.choices == "trygghet"
    with pytest.raises(DomainError, match="Skriv ett ord"):
        answer(words_ballot, 2, "   ")


def test_the_voter_types_a_word_in_the_form(client_for, org, words_ballot):
    client = client_for(org)
    page = client.get(f"/rosta/{words_ballot.pk}/").content.decode()
    assert 'name="word"' in page and "(valfritt)" not in vote_form(page)
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]
    response = client.post(f"/rosta/{words_ballot.pk}/", {"word": "Gemenskap", "idempotency_key": key})
    assert response.status_code == 302
    assert words_ballot.cast_ballots.get().choices == "gemenskap"


def test_words_appear_in_batches_and_only_once_enough_people_gave_them(client_for, org, words_ballot, settings):
    settings.RADSLAG_LIVE_RESULT_BATCH = 5
    settings.RADSLAG_WORD_MIN_COUNT = 2
    client = client_for(org)
    for n, word in enumerate(["trygghet", "Trygghet", "Gemenskap", "mod", "MOD"]):
        if n == 4:  # four answers: the shown result has not moved yet
            assert client.get(f"/rosta/{words_ballot.pk}/resultat.json").json()["words"] == []
        answer(words_ballot, n, word)
    data = client.get(f"/rosta/{words_ballot.pk}/resultat.json").json()
    assert data["words"] == [{"word": "mod", "count": 2, "size": 5}, {"word": "trygghet", "count": 2, "size": 5}]
    assert data["held_back"] == 1 and "gemenskap" not in json.dumps(data)
    assert data["rows"] == []  # nothing else in the payload names a word


def test_blocked_and_hidden_words_are_not_shown_but_still_counted(client_for, org, words_ballot, staff, settings):
    settings.RADSLAG_LIVE_RESULT_BATCH = 2
    settings.RADSLAG_WORD_MIN_COUNT = 1
    settings.RADSLAG_WORD_BLOCKLIST = ["Skräp"]
    for n, word in enumerate(["skräp", "Kalle är dum", "trygghet", "lugn"]):
        answer(words_ballot, n, word)
    hide_word(ballot=words_ballot, user=staff, word="Kalle  är dum")
    shown = client_for(org).get(f"/rosta/{words_ballot.pk}/resultat.json").json()
    assert [w["word"] for w in shown["words"]] == ["lugn", "trygghet"]
    assert AuditEvent.objects.filter(action="ballot.word_hidden").exists()
    close_ballot(ballot=words_ballot, user=staff)
    publish_results(ballot=words_ballot, user=staff)
    assert {s.option for s in tally({"method": "words", "ballots": list(
        words_ballot.cast_ballots.values_list("choices", flat=True))}).scores} == {
        "skräp", "kalle är dum", "trygghet", "lugn"}


def test_staff_hide_a_word_from_the_ballot_page_and_others_may_not(client_for, org, words_ballot, staff, resident):
    url = f"{base(words_ballot)}ord/"
    assert client_for(org, resident).post(url, {"ord": "dum"}).status_code == 403
    assert not words_ballot.hidden_words.exists()
    response = client_for(org, staff).post(url, {"ord": " Dum "})
    assert response.status_code == 302
    assert list(words_ballot.hidden_words.values_list("word", flat=True)) == ["dum"]
    client_for(org, staff).post(url, {"ord": "dum", "visa": "1"})
    assert not words_ballot.hidden_words.exists()
    page = client_for(org, staff).get(base(words_ballot)).content.decode()
    assert "Dölj ett ord innan det visas" in page


# --- the presenter view ------------------------------------------------------------------------------

def test_the_presenter_view_is_a_page_of_its_own_with_the_way_to_join(client_for, org):
    ballot = ballot_with_options(process__organisation=org, results_visibility=ResultsVisibility.LIVE)
    page = client_for(org).get(f"/rosta/{ballot.pk}/projektor/").content.decode()
    assert "Logga in" not in page and "site-header" not in page and "site-footer" not in page
    assert f"ale.example.se/rosta/{ballot.pk}" in page
    assert "<svg" in page and "Skriv koden" in page  # the QR code and how to vote with a code
    assert "Helskärm (F)" in page and "<script>" not in page
    assert "data-results-table" in page


def test_the_presenter_view_of_a_closed_vote_shows_no_way_to_join(client_for, org, staff):
    ballot = ballot_with_options(process__organisation=org, results_visibility=ResultsVisibility.LIVE)
    close_ballot(ballot=ballot, user=staff)
    page = client_for(org).get(f"/rosta/{ballot.pk}/projektor/").content.decode()
    assert "Omröstningen är stängd." in page and "<svg aria-hidden" not in page


# --- wording of the ballot and the paper-entry form ----------------------------------------------------

def test_the_ballot_does_not_call_options_optional_nor_a_ballot_a_contribution(client_for, org):
    org.privacy_notice = "Ditt inspel blir en allmän handling när det kommer in."
    org.save()
    ballot = ballot_with_options(process__organisation=org, eligibility=Eligibility.OPEN)
    page = client_for(org).get(f"/rosta/{ballot.pk}/").content.decode()
    assert "(valfritt)" not in vote_form(page) and "inspel" not in page
    assert "Din röst sparas utan ditt namn" in page


def test_the_paper_entry_form_speaks_to_staff(client_for, org, staff):
    ballot = ballot_with_options(process__organisation=org, collect_profile=True, method=Method.APPROVAL)
    page = client_for(org, staff).get(f"{base(ballot)}papper/").content.decode()
    assert "Var bor du?" not in page and "Din ålder" not in page
    assert "Var väljaren bor enligt valsedeln" in page and "Alternativ som är kryssade på valsedeln" in page
    assert "papper/valsedel.pdf" in page


# --- the blank paper ballot --------------------------------------------------------------------------

def _poppler(tool: str, *args: str) -> str | None:
    """The output of a poppler tool (pdftotext, pdfinfo), or None where it is not installed."""
    program = shutil.which(tool)
    if program is None:
        return None
    return subprocess.run([program, *args], check=True, capture_output=True, text=True).stdout  # noqa: S603


def test_staff_print_a_blank_a4_paper_ballot_with_every_option(client_for, org, staff, resident, tmp_path):
    Locality.objects.create(organisation=org, name="Nödinge")
    ballot = ballot_with_options(process__organisation=org, collect_profile=True)
    url = f"{base(ballot)}papper/valsedel.pdf"
    assert client_for(org, resident).get(url).status_code == 403
    response = client_for(org, staff).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    path = tmp_path / "valsedel.pdf"
    path.write_bytes(pdf)
    text = _poppler("pdftotext", "-enc", "UTF-8", "-layout", str(path), "-")
    if text is None:
        pytest.skip("pdftotext is not installed")
    for option in ballot.options.all():
        assert option.title in text
    assert "Du har 5 prickar" in text and "Skriv inte ditt namn" in text
    assert "Var bor du?" in text and "Nödinge" in text and "Din ålder" in text  # the voter fills it in
    info = _poppler("pdfinfo", str(path)) or ""
    assert "(A4)" in info and re.search(r"Pages:\s+1\n", info)  # one sheet per voter


def test_staff_projecting_a_vote_with_hidden_results_show_the_room_how_to_join_but_no_result(client_for, org,
                                                                                             staff):
    ballot = ballot_with_options(process__organisation=org, results_visibility=ResultsVisibility.AFTER_CLOSE)
    page = client_for(org, staff).get(f"/rosta/{ballot.pk}/projektor/").content.decode()
    assert "Rösta i mobilen" in page and "Resultatet visas här när omröstningen har stängt" in page
    assert "data-results-table" not in page and "resultat.json" not in page


def test_staff_create_a_words_ballot_and_open_it_without_options(client_for, org, staff):
    ballot = ballot_with_options(process__organisation=org)
    client = client_for(org, staff)
    client.post(f"/personal/processer/{ballot.process_id}/omrostningar/ny/", {
        "title": "Ett ord om mötet", "question": "Ett ord om kvällen?", "method": "words",
        "dots_per_voter": "5", "cap_per_option": "3", "eligibility": "open", "min_verification_level": "1",
        "results_visibility": "live",
    })
    words = ballot.process.ballots.get(title="Ett ord om mötet")
    words.opens_at = None
    words.save()
    client.post(f"{base(words)}oppna/")
    words.refresh_from_db()
    assert words.opens_at is not None
    page = client.get(f"{base(words)}papper/").content.decode()
    assert "Orden som står på valsedeln" in page


def test_the_published_list_of_ballots_does_not_show_a_rare_or_hidden_word(client_for, org, words_ballot, staff,
                                                                           settings):
    settings.RADSLAG_WORD_MIN_COUNT = 2
    receipts = {word: answer(words_ballot, n, word).receipt
                for n, word in enumerate(["lugn", "Lugn ", "Kalle är dum", "mod", "MOD"])}
    hide_word(ballot=words_ballot, user=staff, word="mod")
    close_ballot(ballot=words_ballot, user=staff)
    publish_results(ballot=words_ballot, user=staff)
    page = client_for(org).get(f"/rosta/{words_ballot.pk}/valsedlar/").content.decode()
    assert receipts["lugn"] in page and "lugn" in page
    assert receipts["Kalle är dum"] in page and "kalle" not in page.lower()
    assert receipts["mod"] in page and ">mod<" not in page and "(visas inte)" in page
