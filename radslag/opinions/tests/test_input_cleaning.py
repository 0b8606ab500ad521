"""Statements entering through the form lose control characters (`core.input_cleaning`)."""

import pytest

from radslag.dialogues.tests.factories import ProcessFactory
from radslag.opinions.models import Statement
from radslag.opinions.tests.factories import ConversationFactory

pytestmark = pytest.mark.django_db


def test_a_statement_is_cleaned_also_from_a_multipart_form(client_for, org):
    conversation = ConversationFactory(process=ProcessFactory(organisation=org))
    client_for(org).post(f"/samtal/{conversation.pk}/pastaende/", {"text": "Fler\x0c träd\x7f på torget"})
    assert Statement.objects.get().text == "Fler träd på torget"
