"""A resident joins the citizen panel on a phone; staff see its make-up. axe checks both pages."""

import pytest
from playwright.sync_api import expect

from radslag.accounts.models import Role, User
from radslag.organisations.tests.factories import LocalityFactory
from radslag.panels import services
from radslag.panels.models import Channel, PanelMember
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import PHONE, person

pytestmark = pytest.mark.e2e


@pytest.fixture
def panel(site, staff_member):
    return services.save_panel(organisation=site, actor=staff_member, fields={
        "name": "Medborgarpanelen", "description": "Fyra korta enkäter om året.", "open_for_signup": True})


def test_a_resident_joins_on_a_phone_and_staff_see_the_make_up(page_as, site, panel, staff_member):
    LocalityFactory(organisation=site, name="Nol")
    resident = person(site, Role.RESIDENT, "karin@example.se")
    User.objects.filter(pk=resident.pk).update(verification_level=User.Verification.EMAIL)
    page = page_as(resident, viewport=PHONE)
    page.goto("/medborgarpanel/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Medborgarpanelen")
    assert_accessible(page, "panel page with the join form")
    page.get_by_label("Ålder").select_option(label="30–44 år")
    page.get_by_label("Var i kommunen bor du?").select_option(label="Nol")
    page.get_by_role("button", name="Gå med i panelen").click()
    expect(page.get_by_role("status")).to_contain_text("Välkommen till panelen!")
    expect(page.get_by_role("heading", name="Du är med i panelen")).to_be_visible()
    member = PanelMember.objects.get(user=resident)
    assert (member.channel, member.age_band, member.locality.name) == (Channel.SELF_SIGNUP, "30-44", "Nol")

    staff = page_as(staff_member)
    staff.goto("/personal/medborgarpanel/")
    expect(staff.get_by_role("table", name="Rekryterad genom")).to_contain_text("Anmälde sig själv")
    assert_accessible(staff, "staff panel page")
