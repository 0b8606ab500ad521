"""Staff write, preview and publish the perspective compilation; the public reads it and downloads the PDF."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from radslag.contributions.models import Channel
from radslag.contributions.tests.factories import ContributionFactory
from radslag.core.models import AgeBand
from radslag.organisations.tests.factories import LocalityFactory
from radslag.reports.models import CompilationVersion
from radslag.themes.models import Quote
from radslag.themes.tests.factories import CodingFactory, ThemeFactory

from .accessibility import assert_accessible

pytestmark = pytest.mark.e2e


@pytest.fixture
def themed_process(process, site):
    """Twelve published slips from Nödinge in two themes: meeting places and the library."""
    nodinge = LocalityFactory(organisation=site, name="Nödinge")
    texts = [f"Fritidsgården i Nödinge behöver vara öppen på kvällarna ({n})." for n in range(7)]
    texts += [f"Biblioteket är en mötesplats där alla får plats ({n})." for n in range(5)]
    contributions = [
        ContributionFactory(process=process, body=text, locality=nodinge, age_band=AgeBand.AGE_16_19,
                            channel=Channel.SLIP)
        for text in texts
    ]
    youth = ThemeFactory(process=process, label="fritidsgård kväll", human_label="Öppna fritidsgårdar", order=1,
                         accepted=True,
                         description="Unga vill ha en plats att vara på efter skolan.", keywords=["fritidsgård"])
    library = ThemeFactory(process=process, label="bibliotek", human_label="Biblioteket som mötesplats", order=2,
                           accepted=True)
    for contribution in contributions[:7]:
        CodingFactory(theme=youth, contribution=contribution)
    for contribution in contributions[7:]:
        CodingFactory(theme=library, contribution=contribution)
    Quote.objects.create(theme=youth, contribution=contributions[0], position=0)
    return process


def test_staff_preview_publish_and_download_the_pdf(page_as, new_context, staff_member, themed_process, tmp_path):
    visitor = new_context().new_page()
    assert visitor.goto(f"/dialoger/{themed_process.slug}/sammanstallning/").status == 404

    page = page_as(staff_member)
    page.goto(f"/personal/processer/{themed_process.pk}/sammanstallning/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sammanställning: Mötesplatser i Nödinge")
    expect(page.get_by_role("heading", name="1. Öppna fritidsgårdar")).to_be_visible()
    page.get_by_label(re.compile(r"^Inledning(?! \(engelska)")).fill("Här är vad unga i Nödinge berättade för oss.")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Texterna är sparade")
    assert_accessible(page, "staff compilation preview")

    page.get_by_role("button", name="Publicera sammanställningen").click()
    expect(page.get_by_role("status")).to_contain_text("Version 1 är publicerad.")
    assert CompilationVersion.objects.filter(compilation__process=themed_process, number=1).exists()

    visitor.goto(f"/dialoger/{themed_process.slug}/sammanstallning/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Perspektivsammanställning: Mötesplatser i Nödinge")
    expect(visitor.get_by_text("Här är vad unga i Nödinge berättade för oss.")).to_be_visible()
    expect(visitor.locator("blockquote").first).to_contain_text("Fritidsgården i Nödinge behöver vara öppen")
    assert_accessible(visitor, "public compilation")

    with visitor.expect_download() as download_info:
        visitor.get_by_role("link", name="Ladda ner version 1 som PDF").click()
    download = download_info.value
    assert download.suggested_filename == f"{themed_process.slug}-sammanstallning-v1.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert Path(saved).read_bytes().startswith(b"%PDF-")


def test_the_public_compilation_works_on_a_phone_without_javascript(new_context, staff_member, themed_process):
    from radslag.reports.services import compilation_for, publish_compilation

    compilation = compilation_for(themed_process)
    publish_compilation(compilation=compilation, actor=staff_member)
    publish_compilation(compilation=compilation, actor=staff_member)
    page = new_context(viewport={"width": 375, "height": 740}, javascript=False).new_page()
    page.goto(f"/dialoger/{themed_process.slug}/sammanstallning/")
    expect(page.locator(".compilation-version")).to_contain_text("Version 2, publicerad")
    page.get_by_role("region", name="Alla versioner").get_by_role("link", name="Version 1, publicerad").click()
    expect(page.locator(".compilation-version")).to_contain_text("Version 1, publicerad")
    expect(page.get_by_text("Det här är en tidigare version.")).to_be_visible()

    phone = new_context(viewport={"width": 375, "height": 740}).new_page()  # axe itself needs JavaScript
    phone.goto(f"/dialoger/{themed_process.slug}/sammanstallning/version/1/")
    assert_accessible(phone, "earlier compilation version on a phone")
