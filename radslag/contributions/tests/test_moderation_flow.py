"""Moderating without losing one's place, and telling people what happened to their input."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from radslag.contributions.models import Contribution
from radslag.contributions.tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db
PENDING = Contribution.Status.PENDING
RULE = "Inga personangrepp"


def item_url(contribution):
    return reverse("contributions:moderate", kwargs={"pk": contribution.process_id, "contribution_pk": contribution.pk})


def queue_url(process):
    return reverse("contributions:moderation_queue", kwargs={"pk": process.pk})


@pytest.fixture
def three_pending(process):
    now = timezone.now()
    items = [ContributionFactory(process=process, status=PENDING, body=f"Inspel {n}") for n in range(3)]
    for age, item in enumerate(items):  # newest first in the queue: items[0], items[1], items[2]
        Contribution.objects.filter(pk=item.pk).update(created_at=now - dt.timedelta(minutes=age))
    return items


def test_after_an_action_the_queue_opens_at_the_next_item(client_for, org, moderator, process, three_pending):
    first, second, third = three_pending
    client = client_for(org, moderator)
    response = client.post(item_url(first), {"action": "publish", "status": "pending"})
    assert response["Location"] == f"{queue_url(process)}?status=pending#item-{second.pk}"
    response = client.post(item_url(second), {"action": "hide", "hide-rule": RULE, "status": ""})
    assert response["Location"] == f"{queue_url(process)}#item-{third.pk}"
    response = client.post(item_url(third), {"action": "publish", "status": "pending", "page": "1"})
    assert response["Location"] == f"{queue_url(process)}?status=pending"  # nothing left to moderate
    fourth = ContributionFactory(process=process, status=PENDING)
    response = client.post(item_url(fourth), {"action": "publish"})
    assert response["Location"].endswith(f"#item-{first.pk}")  # after the last pending: the first decided one


def test_the_queue_items_are_focus_targets_and_the_hide_form_is_checked_in_swedish(
    client_for, org, moderator, process, three_pending,
):
    client = client_for(org, moderator)
    page = client.get(queue_url(process)).content.decode()
    assert f'id="item-{three_pending[0].pk}" tabindex="-1"' in page
    assert 'class="hide-form" novalidate' in page
    assert "radslag/moderation.js" in page
    response = client.post(item_url(three_pending[0]), {"action": "hide", "hide-rule": ""})
    assert "Välj vilken regel inspelet bryter mot." in response.content.decode()


def test_an_author_with_an_address_is_told_by_mail_which_rule_hid_their_input(
    client_for, org, moderator, process, resident, django_capture_on_commit_callbacks,
):
    contribution = ContributionFactory(process=process, status=PENDING, author=resident, body="Dumt förslag av X")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(org, moderator).post(item_url(contribution), {"action": "hide", "hide-rule": RULE})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [resident.email]
    assert "publicerades inte" in message.subject
    assert RULE in message.body
    assert "/mina-uppgifter/" in message.body or reverse("accounts:my_data") in message.body


def test_no_mail_without_an_address_nor_for_hiding_twice(
    client_for, org, moderator, process, resident, django_capture_on_commit_callbacks,
):
    anonymous = ContributionFactory(process=process, status=PENDING, author=None)
    hidden = ContributionFactory(process=process, status=Contribution.Status.HIDDEN, hidden_rule=RULE, author=resident)
    client = client_for(org, moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(item_url(anonymous), {"action": "hide", "hide-rule": RULE})
        client.post(item_url(hidden), {"action": "hide", "hide-rule": RULE})
    assert mail.outbox == []


def test_my_data_tells_the_author_why_their_input_is_hidden(client_for, org, process, resident):
    ContributionFactory(process=process, status=Contribution.Status.HIDDEN, hidden_rule=RULE, author=resident)
    ContributionFactory(process=process, author=resident, body="Original", published_body="Redigerad")
    page = client_for(org, resident).get(reverse("accounts:my_data")).content.decode()
    assert f"bryter mot dialogens regel: ”{RULE}”" in page
    assert "Publicerat i en version som moderatorn har redigerat." in page


def test_an_edited_text_is_marked_on_the_public_list(client, org, process):
    ContributionFactory(process=process, body="Grannen Kalle Svensson stör", published_body="Grannen [namn] stör")
    ContributionFactory(process=process, body="Oredigerat inspel")
    page = client.get(reverse("contributions:process_contributions", kwargs={"slug": process.slug}),
                      HTTP_HOST=org.hostname).content.decode()
    assert page.count("Redigerat av moderatorn") == 1
    assert "Kalle Svensson" not in page
