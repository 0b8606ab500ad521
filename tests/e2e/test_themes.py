"""The dialogue team analyses contributions into themes, merges and renames them, and runs the analysis again."""

import pytest
from playwright.sync_api import expect

from radslag.contributions.tests.factories import ContributionFactory
from radslag.themes.models import AnalysisRun, Theme
from radslag.themes.tests.corpus import BUS, LATE_SCHOOL, PARK, SCHOOL
from tests.e2e.accessibility import assert_accessible

pytestmark = pytest.mark.e2e
# An analysis runs inside the request in the embedded default; give it more than one ordinary step.
RUN_TIMEOUT_MS = 60_000


@pytest.fixture
def contributions(process):
    return [ContributionFactory(process=process, body=text) for text in SCHOOL + BUS + PARK]


def start_analysis(page, k: str = "") -> None:
    page.get_by_label("Metod").select_option("lexical")
    page.get_by_label("Antal nya teman").fill(k)
    with page.expect_navigation(timeout=RUN_TIMEOUT_MS):
        page.get_by_role("button", name="Starta analysen").click()


def test_analyse_merge_rename_and_rerun_keeps_the_decisions(page_as, staff_member, process, contributions):
    page = page_as(staff_member)
    page.goto(f"/personal/processer/{process.pk}/teman/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Teman")

    start_analysis(page, k="3")
    expect(page.get_by_role("heading", name="3 teman")).to_be_visible()
    expect(page.get_by_text("24 inspel analyserades")).to_be_visible()
    assert_accessible(page, "the coding view after a run")

    first, second = Theme.objects.filter(process=process, status="active").order_by("order", "id")[:2]
    members = set(first.codings.values_list("contribution_id", flat=True)) | set(
        second.codings.values_list("contribution_id", flat=True))
    page.get_by_label(f"Välj ”{first.name}” för sammanslagning").check()
    page.get_by_label(f"Välj ”{second.name}” för sammanslagning").check()
    page.get_by_role("button", name="Slå ihop de valda temana").click()
    expect(page.get_by_text(f"2 teman slogs ihop till ”{first.name}”.")).to_be_visible()

    page.get_by_label("Namn", exact=True).fill("Vardagen i Ale")
    page.get_by_role("button", name="Spara namnet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vardagen i Ale")
    assert_accessible(page, "a theme's page")

    late = [ContributionFactory(process=process, body=text) for text in LATE_SCHOOL]
    page.get_by_role("link", name=f"Alla teman i {process.title}").click()
    start_analysis(page)

    kept = page.get_by_role("link", name="Vardagen i Ale")
    expect(kept).to_be_visible()
    merged = Theme.objects.get(pk=first.pk)
    assert merged.status == "active" and merged.name == "Vardagen i Ale"
    assert Theme.objects.get(pk=second.pk).merged_into_id == first.pk
    # Both themes' contributions stayed together through the re-run; the new texts were placed too.
    assert members <= set(merged.codings.values_list("contribution_id", flat=True))
    run = AnalysisRun.objects.filter(process=process).first()
    assert run.contribution_count == 26
    assert all(text.theme_codings.exists() for text in late) or run.outlier_count
    assert AnalysisRun.objects.filter(process=process, status="done").count() == 2


def test_progress_bar_follows_a_running_analysis(page_as, staff_member, process, contributions):
    run = AnalysisRun.objects.create(
        organisation=process.organisation, process=process, status=AnalysisRun.Status.RUNNING, progress=40,
        stage="Hittar teman",
    )
    page = page_as(staff_member)
    page.goto(f"/personal/processer/{process.pk}/teman/")
    progress = page.get_by_label("Förlopp")
    expect(progress).to_have_attribute("value", "40")
    assert_accessible(page, "the coding view while a run works")

    AnalysisRun.objects.filter(pk=run.pk).update(progress=70, stage="Sparar temana")
    expect(page.get_by_role("status").filter(has_text="Sparar temana (70 %)")).to_be_visible()
    AnalysisRun.objects.filter(pk=run.pk).update(status=AnalysisRun.Status.DONE, progress=100, contribution_count=24)
    expect(page.get_by_text("24 inspel analyserades")).to_be_visible()


def test_without_javascript_the_page_offers_a_refresh_link(new_context, live_server, staff_member, process):
    from tests.e2e.conftest import sign_in

    AnalysisRun.objects.create(organisation=process.organisation, process=process, status="running", progress=10)
    context = new_context(javascript=False)
    sign_in(context, staff_member, live_server.url)
    page = context.new_page()
    page.goto(f"/personal/processer/{process.pk}/teman/")
    expect(page.get_by_role("link", name="Ladda om sidan")).to_be_visible()


def test_move_and_hand_code_with_the_keyboard(page_as, staff_member, process):
    """Plain forms: a contribution is moved from its row and coded to two themes without a mouse."""
    school = Theme.objects.create(organisation=process.organisation, process=process, label="Skolan", order=1)
    bus = Theme.objects.create(organisation=process.organisation, process=process, label="Bussarna", order=2)
    text = ContributionFactory(process=process, body="Skolbussen går för tidigt på morgonen")
    school.codings.create(contribution=text, source="machine", strength=0.7)
    page = page_as(staff_member)
    page.goto(f"/personal/processer/{process.pk}/teman/{school.pk}/")

    page.get_by_label(f"Flytta till (inspel {text.pk})").focus()
    page.keyboard.press("ArrowDown")  # the only other theme is already chosen; the key must not break it
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Inspelet flyttades till ”Bussarna”.")).to_be_visible()

    page.goto(f"/personal/processer/{process.pk}/teman/{bus.pk}/")
    page.get_by_role("link", name=f"Koda för hand (inspel {text.pk})").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Koda ett inspel för hand")
    assert_accessible(page, "coding one contribution by hand")
    page.get_by_label("Skolan").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Spara kodningen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Inspelet kodades till 2 teman.")).to_be_visible()
    assert set(text.theme_codings.values_list("theme__label", "source")) == {("Skolan", "human"), ("Bussarna", "human")}


def test_a_coder_sees_how_the_themes_were_found_and_form_letters_as_one_row(page_as, staff_member, process):
    """The overview explains the method and the number of themes; a form letter sent five times is one row
    on the theme page, and its contributions open from it."""
    letter = "Rädda Kvarnparken! Vi vill att parken får vara kvar som den är."
    contributions = [ContributionFactory(process=process, body=text) for text in SCHOOL + BUS + PARK]
    contributions += [ContributionFactory(process=process, body=letter) for _ in range(5)]
    page = page_as(staff_member)
    page.goto(f"/personal/processer/{process.pk}/teman/")
    start_analysis(page, k="3")

    box = page.get_by_role("region", name="Så togs temana fram")
    expect(box).to_contain_text("Ordbaserad analys.")
    expect(box).to_contain_text("Du bad om 3 nya teman.")
    history = page.get_by_role("region", name="Tidigare analyser")
    expect(history).to_contain_text("Ordbaserad analys, 3 teman begärda")
    expect(history).not_to_contain_text("lexical")
    assert_accessible(page, "the themes overview with its explanation")

    theme = Theme.objects.get(codings__contribution=contributions[-1])
    assert set(theme.codings.filter(contribution__body=letter).values_list("contribution_id", flat=True)) == {
        c.pk for c in contributions[-5:]}  # the copies share a theme
    page.get_by_role("link", name=theme.name, exact=True).click()
    group = page.locator("tr.member-group").filter(has_text="5 likadana texter")
    expect(group).to_have_count(1)
    group.get_by_text("Visa de 5 inspelen").click()
    expect(group.get_by_role("link", name=f"Koda för hand (inspel {contributions[-1].pk})")).to_be_visible()
    assert_accessible(page, "a theme's page with a form letter as one row")

    if theme.codings.count() == 5:  # a theme of nothing but the copies: they may not be split apart
        page.get_by_role("button", name="Dela i två").click()
        expect(page.get_by_role("status")).to_contain_text("för lika varandra för att delas i två")
        assert Theme.objects.get(pk=theme.pk).status == Theme.Status.ACTIVE
