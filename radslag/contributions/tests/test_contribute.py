"""Sending a contribution online."""

import pytest
from django.urls import reverse

from radslag.audit.models import AuditEvent
from radslag.contributions.models import Channel, Contribution
from radslag.dialogues.models import DialogueProcess
from radslag.governance.tests.factories import FocusAreaFactory, StrategicPlanFactory

pytestmark = pytest.mark.django_db


def url(process):
    return reverse("contributions:contribute", kwargs={"slug": process.slug})


def test_form_shows_the_question_and_the_privacy_notice(client_for, org, process):
    response = client_for(org).get(url(process))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Vad gör en mötesplats bra?" in page
    assert "uppgift av allmänt intresse" in page
    assert reverse("organisations:privacy") in page
    assert "allmän handling" in page


def test_anonymous_contribution_is_saved_pending_with_a_receipt(client_for, org, process, locality):
    client = client_for(org)
    response = client.post(url(process), {"body": "  Fler bänkar vid Ale torg.  ", "age_band": "30-44",
                                          "sex": "female", "locality": locality.pk, "relation": "lives"})
    contribution = Contribution.objects.get()
    assert response.status_code == 302
    assert contribution.body == "Fler bänkar vid Ale torg."
    assert contribution.status == Contribution.Status.PENDING
    assert contribution.channel == Channel.WEB
    assert contribution.author is None
    assert (contribution.age_band, contribution.sex, contribution.locality, contribution.relation) == (
        "30-44", "female", locality, "lives")
    assert AuditEvent.objects.filter(action="contribution.submitted", object_id=str(contribution.pk)).exists()
    receipt = client.get(response["Location"])
    text = receipt.content.decode()
    assert "Tack! Ditt inspel har kommit in" in text
    assert "30 juni 2030" in text
    assert "moderator" in text


def test_process_without_rules_publishes_at_once(client_for, org, process):
    process.moderation_rules = ""
    process.save()
    client_for(org).post(url(process), {"body": "Öppna biblioteket på söndagar."})
    assert Contribution.objects.get().status == Contribution.Status.PUBLISHED


def test_signed_in_resident_is_the_author_and_can_choose_focus_areas(client_for, org, process, resident):
    plan = StrategicPlanFactory(organisation=org)
    chosen, other = FocusAreaFactory(plan=plan, name="Lust att lära"), FocusAreaFactory(plan=plan)
    process.focus_areas.add(chosen, other)
    client = client_for(org, resident)
    assert "Lust att lära" in client.get(url(process)).content.decode()
    client.post(url(process), {"body": "Läxhjälp på biblioteket.", "focus_areas": [chosen.pk]})
    contribution = Contribution.objects.get()
    assert contribution.author == resident
    assert list(contribution.focus_areas.all()) == [chosen]


def test_sign_in_is_required_when_anonymous_input_is_not_allowed(client_for, org, process, resident):
    process.allows_anonymous = False
    process.save()
    response = client_for(org).post(url(process), {"body": "Anonymt inspel."})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not Contribution.objects.exists()
    assert client_for(org, resident).get(url(process)).status_code == 200


@pytest.mark.parametrize("body", ["", "   \n\t  "])
def test_empty_text_is_refused_in_swedish(client_for, org, process, body):
    response = client_for(org).post(url(process), {"body": body})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Det finns ett problem" in page or "error-summary" in page
    assert "Skriv ditt inspel innan du skickar det." in page
    assert not Contribution.objects.exists()


def test_over_long_text_is_refused_in_swedish(client_for, org, process):
    response = client_for(org).post(url(process), {"body": "a" * 5001})
    page = response.content.decode()
    assert "Texten får vara högst 5000 tecken lång (den har 5001)." in page
    assert not Contribution.objects.exists()


def test_text_at_the_limit_is_accepted(client_for, org, process):
    client_for(org).post(url(process), {"body": "a" * 5000})
    assert len(Contribution.objects.get().body) == 5000


def test_script_in_the_text_is_shown_inert(client_for, org, process):
    process.moderation_rules = ""
    process.save()
    client = client_for(org)
    client.post(url(process), {"body": "<script>alert('x')</script> Mer ljus i parken"})
    page = client.get(reverse("contributions:process_contributions", kwargs={"slug": process.slug})).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Mer ljus i parken" in page


def test_closed_process_refuses_clearly(client_for, org, process):
    process.status = DialogueProcess.Status.CLOSED
    process.save()
    client = client_for(org)
    response = client.get(url(process))
    assert response.status_code == 403
    assert "är stängd" in response.content.decode()
    assert client.post(url(process), {"body": "För sent"}).status_code == 403
    assert not Contribution.objects.exists()


def test_process_without_online_input_refuses(client_for, org, process):
    process.accepts_online_input = False
    process.save()
    response = client_for(org).post(url(process), {"body": "Hej"})
    assert response.status_code == 403
    assert not Contribution.objects.exists()


def test_draft_process_is_not_found(client_for, org, process):
    process.status = DialogueProcess.Status.DRAFT
    process.save()
    assert client_for(org).post(url(process), {"body": "Hej"}).status_code == 404
    assert not Contribution.objects.exists()


def test_another_municipalitys_locality_is_refused(client_for, org, other_org, process):
    from radslag.organisations.tests.factories import LocalityFactory

    foreign = LocalityFactory(organisation=other_org)
    response = client_for(org).post(url(process), {"body": "Hej", "locality": foreign.pk})
    assert response.status_code == 200
    assert not Contribution.objects.exists()


def test_receipt_without_a_contribution_leads_back_to_the_form(client_for, org, process):
    response = client_for(org).get(reverse("contributions:receipt", kwargs={"slug": process.slug}))
    assert response.status_code == 302
    assert response["Location"] == url(process)
