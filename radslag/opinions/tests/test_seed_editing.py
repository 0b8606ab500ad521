"""Staff correct or remove a seed statement until someone has answered it; the status words agree with
"ett samtal" and "ett påstående"."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from radslag.audit.models import AuditEvent
from radslag.opinions.models import Conversation, Statement, StatementVote
from radslag.opinions.staff_services import SeedAnsweredError, edit_seed_statement, remove_seed_statement
from radslag.opinions.tests.factories import ConversationFactory, ParticipantFactory, StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(org):
    return StatementFactory(conversation=ConversationFactory(process__organisation=org),
                            text="Bibloteket borde ha öppet längre.")


def seed_url(statement):
    conversation = statement.conversation
    return reverse("opinions:staff_seed", kwargs={
        "pk": conversation.process.pk, "conversation_pk": conversation.pk, "statement_pk": statement.pk})


def answer(statement):
    StatementVote.objects.create(participant=ParticipantFactory(conversation=statement.conversation),
                                 statement=statement, value=StatementVote.Value.AGREE)


def test_staff_correct_an_unanswered_seed_and_the_log_keeps_the_old_text(org, staff, client_for, seed):
    response = client_for(org, staff).post(seed_url(seed), {"action": "save", "text": "Biblioteket borde ha "
                                                                                   "öppet längre."})

    assert response.status_code == 302
    seed.refresh_from_db()
    assert seed.text == "Biblioteket borde ha öppet längre."
    event = AuditEvent.objects.get(action="opinions.seed_changed")
    assert event.data["before"] == "Bibloteket borde ha öppet längre."


def test_staff_remove_an_unanswered_seed(org, staff, client_for, seed):
    response = client_for(org, staff).post(seed_url(seed), {"action": "remove"})

    assert response.status_code == 302 and not Statement.objects.exists()
    assert AuditEvent.objects.get(action="opinions.seed_removed").data["text"] == seed.text


def test_an_answered_seed_is_kept_with_a_swedish_reason(org, staff, client_for, seed):
    answer(seed)
    client = client_for(org, staff)

    for data in ({"action": "save", "text": "Något helt annat."}, {"action": "remove"}):
        response = client.post(seed_url(seed), data)
        assert response.status_code == 400
        assert "Någon har redan svarat på påståendet" in response.content.decode()
    seed.refresh_from_db()
    assert seed.text == "Bibloteket borde ha öppet längre."
    with pytest.raises(SeedAnsweredError):
        edit_seed_statement(statement=seed, user=staff, text="Ny text")
    with pytest.raises(SeedAnsweredError):
        remove_seed_statement(statement=seed, user=staff)


def test_the_statement_list_offers_changes_only_for_unanswered_seeds(org, staff, client_for, seed):
    answered = StatementFactory(conversation=seed.conversation, text="Fler bänkar vid torget.")
    answer(answered)
    StatementFactory(conversation=seed.conversation, is_seed=False, text="Från en deltagare.")
    conversation = seed.conversation

    page = client_for(org, staff).get(reverse("opinions:staff_conversation", kwargs={
        "pk": conversation.process.pk, "conversation_pk": conversation.pk})).content.decode()

    assert page.count("Ändra eller ta bort") == 1 and seed_url(seed) in page
    assert "Besvarat: behålls som det är" in page


def test_a_participants_statement_has_no_seed_page(org, staff, client_for, seed):
    statement = StatementFactory(conversation=seed.conversation, is_seed=False)

    assert client_for(org, staff).get(seed_url(statement)).status_code == 404


def test_a_moderator_may_not_change_seeds(org, moderator, client_for, seed):
    assert client_for(org, moderator).post(seed_url(seed), {"action": "remove"}).status_code == 403
    assert Statement.objects.exists()


def test_status_words_agree_with_ett_samtal_and_ett_pastaende():
    with translation.override("sv"):
        assert [str(label) for _value, label in Conversation.Status.choices] == ["Öppet", "Avslutat"]
        assert [str(label) for _value, label in Statement.Status.choices] == [
            "Väntar på granskning", "Godkänt", "Avvisat"]
        assert str(Statement._meta.get_field("text").verbose_name) == "påstående"
