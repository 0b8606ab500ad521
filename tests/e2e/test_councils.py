"""Staff send a referral to the pensioners' council, its secretary answers with a PDF, staff publish the
answer and the public sees it on the dialogue. axe checks every councils page on the way."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from radslag.accounts.models import Role
from radslag.councils.models import ConsultationAnswer, Consultee, CouncilMember
from radslag.councils.tests.factories import PDF_BYTES, make_council
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import PHONE, person

pytestmark = pytest.mark.e2e


def test_a_council_answers_a_referral_and_the_answer_is_published(page_as, page, site, process, staff_member,
                                                                  tmp_path):
    secretary = person(site, Role.RESIDENT, "sekreterare@ale.example.se")
    council = make_council(site, secretary=secretary)
    CouncilMember.objects.create(council=council, name="Lennart Svensson", represents="PRO Nödinge",
                                 show_publicly=True)
    Consultee.objects.create(organisation=site, name="Ale hembygdsförening", email="hembygd@example.se")
    staff = page_as(staff_member)

    staff.goto("/personal/rad/")
    assert_accessible(staff, "staff list of councils")
    staff.get_by_role("link", name="Pensionärsrådet").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Pensionärsrådet")
    assert_accessible(staff, "staff council page")
    staff.get_by_role("link", name="Lägg till en ledamot").click()
    assert_accessible(staff, "new council member form")
    staff.get_by_role("link", name="Pensionärsrådet").click()
    staff.get_by_role("link", name="Lennart Svensson").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Lennart Svensson")
    assert_accessible(staff, "council member form")
    staff.get_by_label("Namn", exact=True).fill("")
    staff.get_by_role("button", name="Spara").click()
    expect(staff.get_by_role("alert").filter(has_text="Något behöver rättas")).to_be_visible()
    assert_accessible(staff, "council member form with an error")
    staff.get_by_role("link", name="Pensionärsrådet").click()
    staff.get_by_role("link", name="Lägg till ett möte").click()
    assert_accessible(staff, "meeting form")
    staff.goto("/personal/remissinstanser/")
    assert_accessible(staff, "consultees")
    staff.get_by_role("link", name="Ale hembygdsförening").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Ale hembygdsförening")
    assert_accessible(staff, "consultee form")
    staff.get_by_label("Namn", exact=True).fill("")
    staff.get_by_role("button", name="Spara").click()
    expect(staff.get_by_role("alert").filter(has_text="Något behöver rättas")).to_be_visible()
    assert_accessible(staff, "consultee form with an error")

    staff.goto("/personal/remisser/")
    assert_accessible(staff, "staff list of consultations, empty")
    staff.get_by_role("link", name=f"Ny remiss i {process.title}").click()
    assert_accessible(staff, "new consultation form")
    staff.get_by_label("Rubrik").fill("Mötesplatser vid torget")
    staff.get_by_label("Fråga").fill("Vad behöver en mötesplats för att äldre ska vilja använda den?")
    staff.get_by_label("Svar senast").fill(f"{timezone.localdate().year + 1}-01-15")
    staff.get_by_label("Pensionärsrådet").check()
    staff.get_by_role("button", name="Spara").click()
    expect(staff.get_by_role("status")).to_contain_text("Remissen är sparad")
    assert_accessible(staff, "consultation before sending")
    staff.get_by_role("button", name="Skicka remissen").click()
    expect(staff.get_by_role("status")).to_contain_text("Remissen är skickad")

    answer_page = page_as(secretary, viewport=PHONE)
    answer_page.goto("/remisser/")
    assert_accessible(answer_page, "the secretary's consultations")
    answer_page.get_by_role("link", name="Mötesplatser vid torget").click()
    assert_accessible(answer_page, "answer form")
    answer_page.get_by_label("Svar", exact=True).fill("Rådet vill ha bänkar med armstöd och en öppen lokal.")
    attachment = tmp_path / "pensionarsradets-svar.pdf"
    attachment.write_bytes(PDF_BYTES)
    answer_page.get_by_label("Bilagor").set_input_files(str(attachment))
    answer_page.get_by_role("button", name="Skicka svaret").click()
    expect(answer_page.get_by_role("status")).to_contain_text("Svaret är inskickat")
    assert ConsultationAnswer.objects.get().attachments.get().name == "pensionarsradets-svar.pdf"

    staff.goto("/personal/remisser/")
    expect(staff.get_by_role("table", name=f"Remisser i {process.title}")).to_contain_text("1 av 1 har svarat")
    assert_accessible(staff, "staff list of consultations with an answer")
    staff.get_by_role("link", name="Mötesplatser vid torget").click()
    staff.get_by_role("button", name="Publicera svaret").click()
    expect(staff.get_by_role("status")).to_contain_text("Svaret är publicerat")

    page.goto(f"/dialoger/{process.slug}/")
    page.get_by_role("link", name="Svar från råd och remissinstanser").click()
    expect(page.get_by_role("heading", name="Svar från Pensionärsrådet")).to_be_visible()
    expect(page.get_by_role("link", name="pensionarsradets-svar.pdf")).to_be_visible()
    assert_accessible(page, "published answers of the dialogue")
    page.goto("/rad/")
    assert_accessible(page, "public list of councils")
    page.get_by_role("link", name="Pensionärsrådet").click()
    expect(page.get_by_text("Lennart Svensson")).to_be_visible()
    assert_accessible(page, "public council page")
