"""Moderating contributions: publish, hide citing a rule, publish an edited text, bulk publish."""

import pytest
from django.urls import reverse

from radslag.audit.models import AuditEvent
from radslag.contributions.models import Contribution
from radslag.contributions.tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db
PENDING = Contribution.Status.PENDING


def queue_url(process):
    return reverse("contributions:moderation_queue", kwargs={"pk": process.pk})


def item_url(contribution):
    return reverse("contributions:moderate", kwargs={"pk": contribution.process_id, "contribution_pk": contribution.pk})


def test_queue_lists_pending_first(client_for, org, moderator, process):
    ContributionFactory(process=process, body="Redan publicerad")
    ContributionFactory(process=process, body="Väntar på granskning", status=PENDING)
    page = client_for(org, moderator).get(queue_url(process)).content.decode()
    assert page.index("Väntar på granskning") < page.index("Redan publicerad")
    assert "1 inspel väntar på moderering." in page


def test_queue_filters_by_status(client_for, org, moderator, process):
    ContributionFactory(process=process, body="Redan publicerad")
    ContributionFactory(process=process, body="Väntar på granskning", status=PENDING)
    page = client_for(org, moderator).get(queue_url(process), {"status": "published"}).content.decode()
    assert "Redan publicerad" in page
    assert "Väntar på granskning" not in page


def test_publish_writes_an_audit_event(client_for, org, moderator, process):
    contribution = ContributionFactory(process=process, status=PENDING)
    response = client_for(org, moderator).post(item_url(contribution), {"action": "publish"})
    contribution.refresh_from_db()
    assert response.status_code == 302
    assert contribution.status == Contribution.Status.PUBLISHED
    assert contribution.moderated_by == moderator
    assert AuditEvent.objects.filter(action="contribution.published", object_id=str(contribution.pk)).exists()


def test_hide_requires_a_rule(client_for, org, moderator, process):
    contribution = ContributionFactory(process=process, status=PENDING)
    response = client_for(org, moderator).post(item_url(contribution), {"action": "hide", "hide-note": "Otrevligt"})
    contribution.refresh_from_db()
    assert response.status_code == 200
    assert "Välj vilken regel inspelet bryter mot." in response.content.decode()
    assert contribution.status == PENDING
    assert not AuditEvent.objects.filter(action="contribution.hidden").exists()


def test_hide_refuses_a_rule_the_process_does_not_have(client_for, org, moderator, process):
    contribution = ContributionFactory(process=process, status=PENDING)
    client_for(org, moderator).post(item_url(contribution), {"action": "hide", "hide-rule": "Påhittad regel"})
    contribution.refresh_from_db()
    assert contribution.status == PENDING


def test_hide_keeps_the_body_and_logs_rule_and_note(client_for, org, moderator, process):
    contribution = ContributionFactory(process=process, body="Grannen Kalle är dum.", status=PENDING)
    client_for(org, moderator).post(item_url(contribution), {
        "action": "hide", "hide-rule": "Inga personangrepp", "hide-note": "Pekar ut en granne",
    })
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.HIDDEN
    assert contribution.body == "Grannen Kalle är dum."
    assert contribution.hidden_rule == "Inga personangrepp"
    event = AuditEvent.objects.get(action="contribution.hidden")
    assert event.data["rule"] == "Inga personangrepp"
    assert event.data["note"] == "Pekar ut en granne"
    assert event.actor == moderator
    public = client_for(org).get(reverse("contributions:process_contributions", kwargs={"slug": process.slug}))
    assert "Grannen Kalle" not in public.content.decode()


def test_edited_text_is_published_and_the_original_kept(client_for, org, moderator, process):
    contribution = ContributionFactory(process=process, body="Anna Svensson på Storgatan 3 störs av trafiken.",
                                       status=PENDING)
    client_for(org, moderator).post(item_url(contribution), {
        "action": "edit", "edit-published_body": "[namn] på [adress] störs av trafiken.", "edit-note": "Namn borttaget",
    })
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.PUBLISHED
    assert contribution.body == "Anna Svensson på Storgatan 3 störs av trafiken."
    assert contribution.published_body == "[namn] på [adress] störs av trafiken."
    event = AuditEvent.objects.get(action="contribution.edited")
    assert event.data["note"] == "Namn borttaget"
    public = client_for(org).get(reverse("contributions:process_contributions", kwargs={"slug": process.slug}))
    page = public.content.decode()
    assert "[namn] på [adress] störs av trafiken." in page
    assert "Anna Svensson" not in page


def test_empty_edited_text_is_refused(client_for, org, moderator, process):
    contribution = ContributionFactory(process=process, status=PENDING)
    response = client_for(org, moderator).post(item_url(contribution), {"action": "edit", "edit-published_body": " "})
    contribution.refresh_from_db()
    assert "Skriv ditt inspel innan du skickar det." in response.content.decode()
    assert contribution.status == PENDING


def test_bulk_publish_publishes_only_selected_pending(client_for, org, moderator, process):
    first, second, left = (ContributionFactory(process=process, status=PENDING) for _ in range(3))
    hidden = ContributionFactory(process=process, status=Contribution.Status.HIDDEN, hidden_rule="Håll dig till ämnet")
    response = client_for(org, moderator).post(
        reverse("contributions:bulk_publish", kwargs={"pk": process.pk}),
        {"selected": [first.pk, second.pk, hidden.pk]}, follow=True,
    )
    assert "2 inspel publicerades." in response.content.decode()
    statuses = dict(Contribution.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "published", second.pk: "published", left.pk: "pending", hidden.pk: "hidden"}
    assert AuditEvent.objects.filter(action="contribution.published").count() == 2


def test_bulk_publish_with_tampered_ids_publishes_the_real_ones_and_answers_with_a_page(client_for, org, moderator,
                                                                                      process):
    pending = ContributionFactory(process=process, status=PENDING)
    response = client_for(org, moderator).post(
        reverse("contributions:bulk_publish", kwargs={"pk": process.pk}),
        {"selected": ["9" * 30, "9223372036854775808", "²", "-3", pending.pk]}, follow=True,
    )
    assert response.status_code == 200 and "1 inspel publicerades." in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "published"


def test_resident_may_not_moderate(client_for, org, resident, process):
    contribution = ContributionFactory(process=process, status=PENDING)
    client = client_for(org, resident)
    assert client.get(queue_url(process)).status_code == 403
    assert client.post(item_url(contribution), {"action": "publish"}).status_code == 403
    contribution.refresh_from_db()
    assert contribution.status == PENDING
