"""Staff assemble a decision basis, comment on a part, send it to the committee and open the Word file."""

import datetime as dt
import re
from io import BytesIO

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from radslag.accounts.models import Role
from radslag.contributions.models import Channel
from radslag.contributions.tests.factories import ContributionFactory
from radslag.decisionbasis.models import BasisVersion
from radslag.themes.tests.factories import CodingFactory, ThemeFactory

from .accessibility import assert_accessible
from .conftest import person

pytestmark = pytest.mark.e2e


@pytest.fixture
def themed_process(process):
    theme = ThemeFactory(process=process, label="lokal torget", human_label="En öppen lokal vid torget",
                         accepted=True, description="Många saknar en plats att vara på utan att köpa något.")
    for n in range(6):
        contribution = ContributionFactory(process=process, channel=Channel.SLIP,
                                           body=f"Vi behöver en öppen lokal vid torget i Nödinge ({n}).")
        CodingFactory(theme=theme, contribution=contribution)
    return process


def test_staff_assemble_freeze_and_download_the_decision_basis(page_as, site, staff_member, themed_process, tmp_path):
    page = page_as(staff_member)
    page.goto(f"/personal/processer/{themed_process.pk}/beslutsunderlag/")
    assert_accessible(page, "decision basis list")
    page.get_by_role("button", name="Påbörja ett beslutsunderlag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beslutsunderlag: Mötesplatser i Nödinge")
    expect(page.get_by_role("heading", name="1. En öppen lokal vid torget")).to_be_visible()

    meeting = timezone.localdate() + dt.timedelta(days=14)
    page.get_by_role("textbox", name=re.compile(r"^Diarienummer")).fill("KS 2026/117")
    page.get_by_label(re.compile(r"^Sammanträdesdatum")).fill(meeting.isoformat())
    summary = page.get_by_role("textbox", name=re.compile(r"^Sammanfattning"))
    summary.fill("Invånarna vill ha en öppen lokal vid torget.")
    page.get_by_role("textbox", name=re.compile(r"^Barnkonsekvensanalys")).fill("Unga använder torget efter skolan.")
    proposal = page.get_by_role("textbox", name=re.compile(r"^Förslag till beslut"))
    proposal.fill("Nämnden beslutar att öppna en lokal vid torget.")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Beslutsunderlaget är sparat.")

    page.get_by_label("Din kommentar om ”Teman”").fill("Temat stämmer med pensionärsrådets svar.")
    page.get_by_role("button", name=re.compile("Spara kommentaren om ”Teman”")).click()
    expect(page.get_by_role("status")).to_contain_text("Kommentaren är sparad.")
    expect(page.get_by_text("Förvaltningens kommentar: Temat stämmer med pensionärsrådets svar.")).to_be_visible()
    assert_accessible(page, "decision basis draft")

    page.get_by_role("button", name="Skicka till nämnden och lås").click()
    expect(page.get_by_role("status")).to_contain_text("Version 1 är skickad till")
    version = BasisVersion.objects.get(basis__process=themed_process)
    assert version.is_frozen and version.meeting_date == meeting
    expect(page.get_by_role("textbox", name=re.compile(r"^Sammanfattning"))).to_have_count(0)
    assert_accessible(page, "decision basis frozen")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner som Word-dokument").click()
    download = download_info.value
    assert download.suggested_filename == f"{themed_process.slug}-beslutsunderlag-v1.docx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    document = Document(BytesIO(saved.read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["Sammanfattning", "Bakgrund", "Medborgardialogens resultat"]
    assert "Förslag till beslut" in headings and document.core_properties.language == "sv-SE"
    assert document.core_properties.author == "Ale kommun"

    page.get_by_role("link", name="Förhandsvisa som webbsida").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mötesplatser i Nödinge")
    assert_accessible(page, "decision basis preview")


def test_an_official_reads_the_frozen_basis_and_the_public_sees_it(page_as, new_context, site, staff_member,
                                                                    themed_process, tmp_path):
    from radslag.decisionbasis.tests.factories import frozen_basis

    frozen = frozen_basis(themed_process, staff_member)
    official = person(site, Role.OFFICIAL, "politiker@ale.example.se")
    page = page_as(official)
    page.goto(f"/personal/processer/{themed_process.pk}/beslutsunderlag/{frozen.pk}/")
    expect(page.get_by_role("heading", name="Förslag till beslut")).to_be_visible()
    expect(page.locator("form[action*='beslutsunderlag']")).to_have_count(0)  # nothing to change
    expect(page.get_by_role("button", name="Gör en ny version utifrån den här")).to_have_count(0)
    visitor = new_context().new_page()
    visitor.goto(f"/dialoger/{themed_process.slug}/beslutsunderlag/{frozen.pk}/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Mötesplatser i Nödinge")
    assert_accessible(visitor, "public decision basis")
    for link, extension in (("Ladda ner bilaga 1, sammanställningen (PDF)", "pdf"),
                            ("Ladda ner bilaga 1, sammanställningen (Word)", "docx")):
        with visitor.expect_download() as download_info:
            visitor.get_by_role("link", name=link).click()
        download = download_info.value
        assert download.suggested_filename == (
            f"{themed_process.slug}-beslutsunderlag-v{frozen.number}-bilaga-1-sammanstallning.{extension}")
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        assert saved.read_bytes().startswith(b"%PDF-" if extension == "pdf" else b"PK")


def test_staff_enter_the_committee_meetings_a_basis_is_sent_for(page_as, staff_member, process):
    """The committee-meetings page (issue 13: upcoming committee dates) is axe-checked empty, with an error
    and with a meeting."""
    page = page_as(staff_member)
    page.goto("/personal/styrning/sammantraden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("De beslutande organens sammanträden")
    assert_accessible(page, "committee meetings, none entered")
    page.get_by_role("button", name="Lägg till sammanträdet").click()
    expect(page.get_by_role("alert").filter(has_text="Något behöver rättas")).to_be_visible()
    assert_accessible(page, "committee meetings form with errors")
    page.get_by_label("Organ").select_option(label=process.deciding_body.name)
    page.get_by_label("Datum").fill((timezone.localdate() + dt.timedelta(days=20)).isoformat())
    page.get_by_label("Anteckning").fill("Sammanträde i Alafors")
    page.get_by_role("button", name="Lägg till sammanträdet").click()
    expect(page.get_by_role("status")).to_contain_text("Sammanträdet är tillagt.")
    expect(page.get_by_role("table", name="Kommande sammanträden")).to_contain_text("Sammanträde i Alafors")
    assert_accessible(page, "committee meetings with one coming")
