"""Staff set up a working group and invite a resident; the resident follows the invitation, signs in, joins
and adds a note that shows in the group's space; the public sees the group with only consented names; an
administrator publishes the principles for dialogue and the dialogue's page links to them. axe checks every
new page on the way."""

import pytest
from playwright.sync_api import expect

from radslag.accounts.models import Role
from radslag.workgroups.invitations import invitation_token
from radslag.workgroups.models import GroupMember, GroupNote
from radslag.workgroups.tests.factories import PDF_BYTES, add_member
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import PHONE, person

pytestmark = pytest.mark.e2e
PASSWORD = "lösenord-123"  # the password UserFactory gives everyone


def _set_up_group(staff, process, tmp_path) -> None:
    staff.goto("/personal/grupper/")
    assert_accessible(staff, "staff list of working groups, empty")
    staff.get_by_role("link", name="Ny arbetsgrupp").click()
    assert_accessible(staff, "new working group form")
    staff.get_by_label("Namn", exact=True).fill("Expeditionsgruppen")
    staff.get_by_label("Kortnamn").fill("expeditionsgruppen")
    staff.get_by_label("Dialogprocess").select_option(label=process.title)
    staff.get_by_role("button", name="Spara").click()
    staff.get_by_role("link", name="Expeditionsgruppen").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Expeditionsgruppen")
    staff.get_by_role("link", name="Lägg till en träff").click()
    assert_accessible(staff, "new meeting form")
    staff.get_by_label("Rubrik", exact=True).fill("Samtalspromenad genom Nödinge")
    staff.get_by_label("Ingång eller metod").fill("Promenad i små grupper")
    staff.get_by_label("Datum och tid").fill("2026-12-15T18:00")
    material = tmp_path / "karta.pdf"
    material.write_bytes(PDF_BYTES)
    staff.get_by_label("Lägg till material").set_input_files(str(material))
    staff.get_by_role("button", name="Spara").click()
    expect(staff.get_by_role("status")).to_contain_text("Sparat")
    staff.get_by_role("link", name="Lägg till en medlem").click()
    assert_accessible(staff, "new member form")
    staff.get_by_label("Namn", exact=True).fill("Karin Johansson")
    staff.get_by_label("E-postadress").fill("karin@example.se")
    staff.get_by_role("button", name="Spara").click()
    add_member_row = staff.get_by_role("table", name="Medlemmar och deras inbjudningar")
    expect(add_member_row).to_contain_text("Inte inbjuden ännu")
    staff.get_by_role("button", name="Bjud in Karin Johansson").click()
    expect(staff.get_by_role("status")).to_contain_text("Inbjudan är skickad till karin@example.se")
    assert_accessible(staff, "staff page of a working group")
    staff.get_by_role("link", name="Karin Johansson").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Karin Johansson")
    assert_accessible(staff, "member edit form")
    staff.get_by_label("Födelseår").fill("1800")
    staff.get_by_role("button", name="Spara").click()
    expect(staff.get_by_role("alert").filter(has_text="Något behöver rättas")).to_be_visible()
    assert_accessible(staff, "member edit form with an error")
    staff.get_by_role("link", name="Expeditionsgruppen").click()


def test_a_member_joins_by_the_invitation_and_adds_a_note(page_as, page, new_context, site, process, staff_member,
                                                          tmp_path):
    _set_up_group(page_as(staff_member), process, tmp_path)
    resident = person(site, Role.RESIDENT, "karin@example.se")
    add_member(GroupMember.objects.get().group, name="Unga Ulla", email="ulla@example.se", under_18=True,
               consent=True, user=person(site, Role.RESIDENT, "ulla@example.se"))
    link = f"/arbetsgrupp-inbjudan/{invitation_token(GroupMember.objects.get(name='Karin Johansson'))}/"

    member = new_context(viewport=PHONE).new_page()
    member.goto(link)
    assert_accessible(member, "invitation, signed out")
    member.get_by_role("link", name="Logga in").last.click()
    member.get_by_label("E-post", exact=False).first.fill(resident.email)
    member.get_by_label("Lösenord", exact=False).first.fill(PASSWORD)
    member.get_by_role("button", name="Logga in").click()
    expect(member.get_by_role("heading", level=1)).to_contain_text("Inbjudan till arbetsgruppen Expeditionsgruppen")
    assert_accessible(member, "invitation, signed in")
    member.get_by_label("Visa mitt namn på gruppens offentliga sida").check()
    member.get_by_role("button", name="Tacka ja till inbjudan").click()
    expect(member.get_by_role("status")).to_contain_text("Välkommen till gruppen")
    expect(member.get_by_role("link", name="karta.pdf")).to_be_visible()
    assert_accessible(member, "the group's space")

    member.get_by_label("Idé").check()
    member.get_by_label("Efter vilken träff?").select_option(label="1. Samtalspromenad genom Nödinge")
    member.get_by_label("Din anteckning").fill("Ett väderskydd vid busshållplatsen på torget.")
    member.get_by_role("button", name="Dela anteckningen").click()
    expect(member.get_by_role("status")).to_contain_text("Din anteckning är delad med gruppen")
    notes = member.get_by_role("region", name="Det gruppen har skrivit")
    expect(notes).to_contain_text("Ett väderskydd vid busshållplatsen på torget.")
    expect(notes).to_contain_text("Karin Johansson")
    assert GroupNote.objects.get().member.user == resident
    assert_accessible(member, "the group's space with a note")

    member.get_by_role("link", name="Gruppens rapport").first.click()
    expect(member.get_by_role("region", name="Idéer")).to_contain_text("Ett väderskydd")
    assert_accessible(member, "the group's report")

    page.goto("/grupper/")
    assert_accessible(page, "public list of working groups")
    page.get_by_role("link", name="Expeditionsgruppen").click()
    expect(page.get_by_text("Karin Johansson")).to_be_visible()
    expect(page.get_by_text("Unga Ulla")).to_have_count(0)
    expect(page.get_by_role("table")).to_contain_text("Promenad i små grupper")
    assert_accessible(page, "public page of a working group")


def test_an_administrator_publishes_principles_and_the_dialogue_links_to_them(page_as, page, process,
                                                                            administrator):
    admin = page_as(administrator)
    admin.goto("/personal/principer/")
    assert_accessible(admin, "principles form")
    admin.get_by_label("Rubrik", exact=True).fill("Ale kommuns principer för medborgardialog")
    admin.get_by_label("Principer", exact=True).fill("Vi börjar i tid.\n\nVi återkopplar.")
    admin.get_by_role("button", name="Publicera").click()
    expect(admin.get_by_role("status")).to_contain_text("Version 1 av principerna är publicerad")
    assert_accessible(admin, "principles page")

    page.goto(f"/dialoger/{process.slug}/")
    page.get_by_role("link", name="Ale kommuns principer för medborgardialog, version 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ale kommuns principer för medborgardialog")
    expect(page.get_by_text("Vi återkopplar.")).to_be_visible()
    assert_accessible(page, "principles version page")
