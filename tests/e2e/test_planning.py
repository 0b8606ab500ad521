"""Planning with LFA: a problem tree built with the keyboard only, and a workshop where two phones send
suggestions while the shared screen updates itself. axe checks every planning page, the SVG trees included."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from radslag.planning import services, trees, workshops
from radslag.planning.models import Suggestion, TreeNode
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import PHONE
from tests.e2e.keyboard import tab_to

pytestmark = pytest.mark.e2e


@pytest.fixture
def project(site, staff_member):
    return services.create_project(organisation=site, actor=staff_member, title_sv="Styrning med dialog",
                                   title_en="Governance with dialogue")


def test_a_problem_tree_is_built_with_the_keyboard_only(page_as, site, staff_member, project):
    staff = page_as(staff_member)
    staff.goto(f"/personal/planering/{project.pk}/problemtrad/")
    assert_accessible(staff, "empty problem tree")

    tab_to(staff, staff.get_by_label("Kärna (svenska)"))
    staff.keyboard.type("Invånarna har svårt att påverka besluten")
    staff.keyboard.press("Enter")
    expect(staff.get_by_role("status")).to_contain_text("Lagt till")

    tab_to(staff, staff.locator("summary", has_text="Lägg till orsak").first)
    staff.keyboard.press("Enter")
    staff.keyboard.press("Tab")
    staff.keyboard.type("Resultaten når inte politikerna")
    staff.keyboard.press("Enter")
    expect(staff.get_by_role("status")).to_contain_text("Lagt till")

    tab_to(staff, staff.locator("summary", has_text="Lägg till effekt").first)
    staff.keyboard.press("Enter")
    staff.keyboard.press("Tab")
    staff.keyboard.press("Tab")
    staff.keyboard.type("Low trust in the council")  # only the English version: Swedish is missing
    staff.keyboard.press("Enter")
    expect(staff.get_by_role("status")).to_contain_text("Lagt till")

    cause = TreeNode.objects.get(kind="cause")
    tab_to(staff, staff.locator(f"#node-{cause.pk} summary", has_text="Lägg till orsak"), max_presses=120)
    staff.keyboard.press("Enter")
    staff.keyboard.press("Tab")
    staff.keyboard.type("Ingen rutin för återkoppling")
    staff.keyboard.press("Enter")
    expect(staff.get_by_role("status")).to_contain_text("Lagt till")

    tree_list = staff.get_by_role("list", name="Trädet som lista")
    expect(tree_list.locator(f"#node-{cause.pk}")).to_contain_text("Ingen rutin för återkoppling")
    expect(tree_list).to_contain_text("översättning saknas")
    figure = staff.get_by_role("img", name="Problemträd")
    expect(figure).to_contain_text("Ingen rutin för")
    assert TreeNode.objects.get(text_sv="Ingen rutin för återkoppling").parent_id == cause.pk
    assert_accessible(staff, "problem tree with figure and list")

    staff.goto(f"/personal/planering/{project.pk}/maltrad/")
    assert_accessible(staff, "empty objective tree")
    tab_to(staff, staff.get_by_role("button", name="Utgå från problemträdet"))
    staff.keyboard.press("Enter")
    expect(staff.get_by_role("status")).to_contain_text("Målträdet startar med 4 påståenden")
    assert_accessible(staff, "mirrored objective tree")

    # A node's page offers only places that make no loop: not its own causes.
    staff.goto(f"/personal/planering/{project.pk}/node/{cause.pk}/")
    assert_accessible(staff, "a tree node's page with versions and comments")
    expect(staff.get_by_label("Häng det under")).not_to_contain_text("Ingen rutin")


def test_every_planning_page_passes_axe(page_as, page, site, staff_member, project):
    root = trees.add_node(project=project, actor=staff_member, organisation=site, tree="problem", kind="core",
                          text_sv="Svag dialog")
    trees.add_node(project=project, actor=staff_member, organisation=site, tree="problem", kind="cause",
                   text_sv="Få mötesplatser", parent=root)
    made = {}
    for kind, fields in (
        ("factor", {"kind": "social", "title_sv": "Långa avstånd", "source": "Distriktet"}),
        ("stakeholder", {"name_sv": "Unga", "interest": 5, "influence": 1}),
        ("risk", {"text_sv": "Valet", "owner": "Kommundirektören", "likelihood": 3, "impact": 4}),
        ("logframe", {"level": "activity", "text_sv": "Workshop", "starts_on": "2027-03-01",
                      "ends_on": "2027-03-05", "responsible": site}),
    ):
        made[kind] = services.create_item(project=project, actor=staff_member, organisation=site, kind=kind,
                                          fields=fields)
    services.set_published(project=project, actor=staff_member, organisation=site, published=True)
    staff = page_as(staff_member)
    base = f"/personal/planering/{project.pk}/"
    for path, label in (("/personal/planering/", "project list"), (base, "project"), (base + "medlemmar/", "members"),
                        (base + "andra/", "title and summary"),
                        (base + "omvarld/", "context"), (base + "intressenter/", "stakeholder grid"),
                        (base + "logframe/", "logframe with timeline"), (base + "risker/", "risk matrix"),
                        (base + "workshop/", "workshops")):
        staff.goto(path)
        assert_accessible(staff, label)
    staff.goto(base + "risker/")
    staff.get_by_role("link", name="Valet").click()
    assert_accessible(staff, "a risk's page")
    for kind in ("factor", "stakeholder", "logframe"):
        staff.goto(f"{base}{kind}/{made[kind].pk}/")
        assert_accessible(staff, f"a {kind}'s page")

    # Someone else saves the risk while it is open here: sending the form shows both versions (409).
    staff.goto(f"{base}risk/{made['risk'].pk}/")
    services.save_item(item=made["risk"], actor=staff_member, organisation=site, fields={"owner": "Ekonomichefen"},
                       expected_version=1)
    with staff.expect_response(lambda response: response.request.method == "POST") as answer:
        staff.get_by_role("button", name="Spara", exact=True).click()
    assert answer.value.status == 409
    expect(staff.get_by_role("alert")).to_contain_text("Någon annan ändrade det här medan du skrev")
    expect(staff.get_by_role("alert")).to_contain_text("Ekonomichefen")
    assert_accessible(staff, "an edit conflict showing both versions")
    page.goto(f"/planering/{project.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Styrning med dialog")
    assert_accessible(page, "public page")


def test_a_lead_changes_the_title_and_summary_and_the_project_shows_them(page_as, site, staff_member, project):
    staff = page_as(staff_member)
    staff.goto(f"/personal/planering/{project.pk}/")
    staff.get_by_role("link", name="Ändra titel och sammanfattning").click()
    expect(staff.get_by_label("Titel (engelska)")).to_have_value("Governance with dialogue")
    staff.get_by_label("Titel (engelska)").fill("Governance through dialogue")
    staff.get_by_label("Sammanfattning (svenska)").fill("Ale och Ghanzi lär av varandra.")
    staff.get_by_role("button", name="Spara", exact=True).click()
    expect(staff.get_by_role("status")).to_contain_text("Sparat")
    expect(staff.get_by_text("Ale och Ghanzi lär av varandra.")).to_be_visible()
    staff.get_by_role("link", name="Ändra titel och sammanfattning").click()
    history = staff.get_by_role("table", name="Varje sparat läge, det senaste först")
    expect(history).to_contain_text("Governance through dialogue")
    expect(history).to_contain_text("Governance with dialogue")
    assert_accessible(staff, "title and summary with two versions")
    project.refresh_from_db()
    assert project.title_en == "Governance through dialogue" and project.version == 2


def test_a_workshop_with_two_phones_updates_the_shared_screen(page_as, new_context, site, staff_member, project):
    root = trees.add_node(project=project, actor=staff_member, organisation=site, tree="problem", kind="core",
                          text_sv="Invånarna har svårt att påverka")
    workshop = workshops.open_workshop(project=project, actor=staff_member, organisation=site,
                                       title="Problemträdet tillsammans", board="problem")
    screen = page_as(staff_member)
    screen.goto(f"/personal/planering/{project.pk}/workshop/{workshop.pk}/skarm/")
    assert_accessible(screen, "shared screen")

    phones = [new_context(viewport=PHONE).new_page() for _n in range(2)]
    for number, phone in enumerate(phones, start=1):
        phone.goto("/planering/workshop/")
        assert_accessible(phone, "join a workshop")
        phone.get_by_label("Workshopkod").fill(workshop.code.lower())
        phone.get_by_role("button", name="Fortsätt").click()
        assert_accessible(phone, "phone page")
        phone.get_by_label("Ditt förslag").fill(f"Förslag från telefon {number}")
        phone.get_by_role("button", name="Skicka förslaget").click()
        expect(phone.get_by_role("status")).to_contain_text("Tack!")

    suggestions = screen.locator("[data-suggestions]")
    expect(suggestions).to_contain_text("Förslag från telefon 1", timeout=10_000)
    expect(suggestions).to_contain_text("Förslag från telefon 2", timeout=10_000)

    facilitator = page_as(staff_member)
    facilitator.goto(f"/personal/planering/{project.pk}/workshop/{workshop.pk}/")
    assert_accessible(facilitator, "facilitator's page")
    first = Suggestion.objects.get(text="Förslag från telefon 1")
    facilitator.locator(f"#suggestion-{first.pk}").get_by_role("button", name="Placera").click()
    assert TreeNode.objects.get(text_sv="Förslag från telefon 1").parent_id == root.pk
    expect(screen.get_by_role("img", name="Problemträd")).to_contain_text("Förslag från telefon 1", timeout=10_000)
    expect(suggestions).to_contain_text("Placerat", timeout=10_000)

    facilitator.get_by_role("button", name="Stäng workshoppen").click()
    phones[0].get_by_label("Ditt förslag").fill("För sent")
    phones[0].get_by_role("button", name="Skicka förslaget").click()
    expect(phones[0].get_by_role("alert")).to_contain_text("Workshoppen är stängd")
    assert_accessible(phones[0], "closed workshop")
    assert not Suggestion.objects.filter(text="För sent").exists()


def test_the_shared_screens_risk_matrix_redraws_when_a_risk_is_placed(page_as, site, staff_member, project):
    workshop = workshops.open_workshop(project=project, actor=staff_member, organisation=site, title="Riskerna",
                                       board="risks")
    screen = page_as(staff_member)
    screen.goto(f"/personal/planering/{project.pk}/workshop/{workshop.pk}/skarm/")
    matrix = screen.get_by_role("img", name="Riskmatris")
    expect(matrix).to_be_visible()
    assert_accessible(screen, "shared screen with the risk matrix")
    suggestion = workshops.submit_suggestion(code=workshop.code, kind="risk", text="Resorna ställs in")
    risk = workshops.accept_suggestion(suggestion=suggestion, actor=staff_member, organisation=site,
                                       owner="Projektledaren")
    expect(matrix).to_contain_text(f"R{risk.pk} Resorna ställs in", timeout=10_000)
