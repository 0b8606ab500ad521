"""The demo's councils: three public councils, one answered referral and one overdue reply."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from radslag.contributions.models import Channel, Contribution
from radslag.councils.models import Council, CouncilMember
from radslag.councils.overview import statuses_by_process
from radslag.demo.logins import DEMO_LOGINS
from radslag.organisations.models import Organisation


@pytest.mark.django_db
def test_the_demo_has_councils_an_answer_on_the_dialogue_and_an_overdue_reply(client):
    call_command("load_demo", stdout=None)
    ale = Organisation.objects.get(slug="ale")
    assert set(Council.objects.filter(organisation=ale).values_list("kind", flat=True)) == {
        "pensioners", "disability", "youth"}
    resident = next(login for login in DEMO_LOGINS if login.key == "resident")
    assert CouncilMember.objects.get(user__email=resident.email).role == CouncilMember.Role.SECRETARY
    [group] = statuses_by_process(ale, timezone.localdate())
    [status] = group.statuses
    assert (status.answered, status.overdue, status.unanswered) == (1, True, ("Rådet för funktionshinderfrågor",))
    answer = Contribution.objects.get(organisation=ale, channel=Channel.COUNCIL)
    page = client.get(reverse("councils:process_answers", kwargs={"slug": answer.process.slug}))
    assert "Pensionärsrådet välkomnar förslaget" in page.content.decode()
    council_page = client.get(reverse("councils:council", kwargs={"council_slug": "pensionarsradet"}))
    assert "PRO Ale" in council_page.content.decode() and "Håkan Ljung" not in council_page.content.decode()
    youth = CouncilMember.objects.filter(council__slug="ungdomsradet")
    assert set(youth.filter(under_18=True).values_list("name", flat=True)) == {"Nora Abdi", "Elias Berg"}
    youth_page = client.get(reverse("councils:council", kwargs={"council_slug": "ungdomsradet"})).content.decode()
    assert "Linn Fors" in youth_page and "Nora Abdi" not in youth_page and "Elias Berg" not in youth_page
