"""A conversation in the English interface: seed statements staff translated are English; residents'
statements stay as written, marked lang="sv"."""

import pytest

from radslag.opinions.models import Statement
from radslag.opinions.staff_services import add_seed_statement
from radslag.opinions.tests.factories import ConversationFactory, StatementFactory

pytestmark = pytest.mark.django_db


def test_a_translated_seed_statement_is_shown_in_english(client_for, org, staff):
    conversation = ConversationFactory(process__organisation=org, title="Torget", title_en="The square")
    add_seed_statement(conversation=conversation, user=staff, text="Fler bänkar behövs.", text_en="More benches.")
    client = client_for(org)
    client.cookies["django_language"] = "en"
    html = client.get(f"/samtal/{conversation.pk}/").content.decode()
    assert "<h1>The square</h1>" in html
    assert '<blockquote class="statement-text">More benches.</blockquote>' in html


def test_a_residents_statement_is_shown_as_written_and_marked_swedish(client_for, org):
    conversation = ConversationFactory(process__organisation=org)
    StatementFactory(conversation=conversation, text="Biblioteket borde ha öppet längre.", is_seed=False,
                     status=Statement.Status.ACCEPTED)
    client = client_for(org)
    client.cookies["django_language"] = "en"
    html = client.get(f"/samtal/{conversation.pk}/").content.decode()
    assert '<blockquote class="statement-text" lang="sv">Biblioteket borde ha öppet längre.</blockquote>' in html
    assert "<h1 lang=\"sv\">" in html
