"""What a communications officer new to Rådslag tripped over, walked through in the browser: the process's
address, phase numbers, a table whose host is not decided, seed statements, and registering as a resident."""

import pytest
from playwright.sync_api import expect

from radslag.accounts.models import Role
from radslag.dialogues.models import DialogueProcess, Registration, Table
from radslag.dialogues.tests.factories import ActivityFactory, PhaseFactory, TableFactory
from radslag.opinions.models import Statement, StatementVote
from radslag.opinions.tests.factories import ConversationFactory, ParticipantFactory, StatementFactory
from radslag.organisations.tests.factories import LocalityFactory
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import person

pytestmark = pytest.mark.e2e


def test_the_address_is_made_from_the_title_as_it_is_typed(page_as, staff_member, live_server):
    page = page_as(staff_member)
    page.goto("/personal/processer/ny/")
    page.get_by_label("Rubrik", exact=True).fill("Mötesplatser i Älvängen")
    expect(page.get_by_label("Kortnamn")).to_have_value("motesplatser-i-alvangen")
    expect(page.locator(".slug-address")).to_contain_text(f"{live_server.url}/dialoger/motesplatser-i-alvangen/")
    assert_accessible(page, "new process form with its address")
    page.get_by_label("Kortnamn").fill("alvangen")  # a name of one's own is kept when the title changes
    page.get_by_label("Rubrik", exact=True).fill("Mötesplatser i Älvängen 2027")
    expect(page.get_by_label("Kortnamn")).to_have_value("alvangen")
    page.get_by_role("button", name="Spara").first.click()
    expect(page.get_by_role("status")).to_contain_text("Processen är sparad som utkast.")
    assert DialogueProcess.objects.get().slug == "alvangen"


def test_without_javascript_the_address_is_still_made_from_the_title(new_context, staff_member, live_server):
    from tests.e2e.conftest import sign_in

    context = new_context(javascript=False)
    sign_in(context, staff_member, live_server.url)
    page = context.new_page()
    page.goto("/personal/processer/ny/")
    page.get_by_label("Rubrik", exact=True).fill("Trygga stråk i Nödinge")
    page.get_by_role("button", name="Spara").first.click()
    expect(page.locator(".slug-address")).to_contain_text("/dialoger/trygga-strak-i-nodinge/")
    assert DialogueProcess.objects.get().slug == "trygga-strak-i-nodinge"


def test_a_new_phase_is_numbered_after_the_last(page_as, staff_member, process):
    PhaseFactory(process=process, order=1, name="Lyssna")
    PhaseFactory(process=process, order=2, name="Pröva")
    page = page_as(staff_member)
    page.goto(f"/personal/processer/{process.pk}/faser/")
    expect(page.get_by_label("Ordning")).to_have_value("3")
    assert_accessible(page, "phases with a prefilled number")


def test_a_fourth_table_is_added_before_its_host_is_decided(page_as, staff_member, site, process):
    evening = process.activities.get()
    TableFactory(activity=evening, name="Bord 3")
    person(site, Role.OFFICIAL, "olle@ale.example.se")
    page = page_as(staff_member)
    page.goto(f"/personal/processer/{process.pk}/aktiviteter/{evening.pk}/bord/ny/")
    host = page.get_by_label("Bordsvärd", exact=True)
    expect(host.locator("optgroup[label='Förtroendevalda'] option")).to_contain_text(["(olle@ale.example.se)"])
    expect(host.locator("optgroup[label='Tjänstepersoner'] option")).to_contain_text(
        ["(processledare@ale.example.se)"])
    assert_accessible(page, "table form with hosts grouped by role")
    page.get_by_label("Namn", exact=True).fill("Bord 4")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".field-error")).to_contain_text("Inte bestämt än")  # the way out is named
    page.get_by_label("Bordsvärd", exact=True).select_option("later")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("Bordet är sparat.")
    expect(page.get_by_role("row", name="Bord 4")).to_contain_text("Inte bestämt än")
    assert Table.objects.get(name="Bord 4").host is None


def test_seed_statements_can_be_corrected_or_removed_until_answered(page_as, staff_member, process):
    conversation = ConversationFactory(process=process, title="Samtal om torget")
    typo = StatementFactory(conversation=conversation, text="Torget behöver fler bänkr.")
    StatementFactory(conversation=conversation, text="Torget ska vara bilfritt.")
    answered = StatementFactory(conversation=conversation, text="Torget behöver mer grönska.")
    StatementVote.objects.create(participant=ParticipantFactory(conversation=conversation), statement=answered,
                                 value=StatementVote.Value.AGREE)
    page = page_as(staff_member)
    page.goto(f"/personal/processer/{process.pk}/samtal/{conversation.pk}/")
    expect(page.get_by_label("Status")).to_contain_text("Öppet")
    expect(page.get_by_label("Status")).to_contain_text("Avslutat")
    expect(page.get_by_role("row", name="Torget behöver mer grönska.")).to_contain_text("Besvarat")
    assert_accessible(page, "conversation with its statements")

    page.get_by_role("row", name="Torget behöver fler bänkr.").get_by_role("link").click()
    assert_accessible(page, "changing a seed statement")
    page.get_by_label("Startpåstående").fill("Torget behöver fler bänkar.")
    page.get_by_role("button", name="Spara ändringen").click()
    expect(page.get_by_role("status")).to_contain_text("Startpåståendet ändrades.")
    expect(page.get_by_role("row", name="Torget behöver fler bänkar.")).to_be_visible()

    page.get_by_role("row", name="Torget ska vara bilfritt.").get_by_role("link").click()
    page.get_by_role("button", name="Ta bort påståendet").click()
    expect(page.get_by_role("status")).to_contain_text("Startpåståendet togs bort.")
    assert list(Statement.objects.values_list("text", flat=True).order_by("pk")) == [
        "Torget behöver fler bänkar.", "Torget behöver mer grönska."]
    assert typo.pk


def test_a_signed_in_resident_registers_and_sees_their_registration(page_as, site, process):
    resident = person(site, Role.RESIDENT, "anna.berg@example.se")
    resident.display_name = "Anna Berg"
    resident.save()
    activity = ActivityFactory(process=process, title="Kväll i Nödinge", registration_required=True,
                               place="Nödinge bibliotek", locality=LocalityFactory(organisation=site, name="Nödinge"))
    page = page_as(resident)
    page.goto(f"/dialoger/{process.slug}/aktiviteter/{activity.pk}/")
    expect(page.locator("dd", has_text="Nödinge bibliotek")).to_have_text("Nödinge bibliotek")
    expect(page.get_by_label("Ditt namn")).to_have_value("Anna Berg")
    expect(page.get_by_label("Din e-postadress")).to_have_value("anna.berg@example.se")
    assert_accessible(page, "activity with a prefilled registration form")
    page.get_by_role("button", name="Anmäl dig").click()

    registered = page.get_by_role("region", name="Du är anmäld")
    expect(registered).to_contain_text("Anmäld som Anna Berg, anna.berg@example.se.")
    expect(page.get_by_label("Ditt namn")).to_have_count(0)
    assert_accessible(page, "activity after registering")
    registered.get_by_role("link", name="Avboka anmälan").click()
    page.get_by_role("button").filter(has_text="Avboka").first.click()
    expect(page.get_by_label("Ditt namn")).to_be_visible()
    assert Registration.objects.get().status == Registration.Status.CANCELLED
