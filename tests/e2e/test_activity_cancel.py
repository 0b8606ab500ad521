"""Staff call an activity off; residents see it marked on the activity's and the process's pages."""

import pytest
from playwright.sync_api import expect

from radslag.dialogues import services
from radslag.dialogues.models import Activity
from radslag.dialogues.tests.factories import ActivityFactory
from tests.e2e.accessibility import assert_accessible

pytestmark = pytest.mark.e2e


def test_staff_cancel_an_activity_and_residents_see_it_called_off(page_as, page, staff_member, process):
    activity = ActivityFactory(process=process, title="Dialogkväll i Nol", registration_required=True, capacity=20)
    services.register_for_activity(activity=activity, name="Anna", email="anna@example.se")
    page.goto(f"/dialoger/{process.slug}/aktiviteter/{activity.pk}/")
    expect(page.get_by_role("button", name="Anmäl dig")).to_be_visible()
    staff = page_as(staff_member)
    staff.goto(f"/personal/processer/{process.pk}/aktiviteter/{activity.pk}/")
    cancel = staff.get_by_role("region", name="Ställ in aktiviteten")
    expect(cancel).to_contain_text("1 person som är anmäld eller står på väntelistan får veta det via mejl.")
    assert_accessible(staff, "staff activity page with the cancel form")
    cancel.get_by_label("Varför ställs aktiviteten in?").fill("Skolan har fått en vattenskada.")
    cancel.get_by_role("button", name="Ställ in aktiviteten och meddela alla").click()
    expect(staff.get_by_role("status")).to_contain_text("Aktiviteten är inställd.")
    assert Activity.objects.get(pk=activity.pk).cancelled_at is not None

    page.goto(f"/dialoger/{process.slug}/aktiviteter/{activity.pk}/")
    expect(page.get_by_role("note")).to_contain_text("Skolan har fått en vattenskada.")
    expect(page.get_by_role("button", name="Anmäl dig")).to_have_count(0)
    assert_accessible(page, "cancelled activity page")
    page.goto(f"/dialoger/{process.slug}/")
    expect(page.get_by_role("region", name="Aktiviteter")).to_contain_text("Inställd")
