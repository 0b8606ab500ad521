"""The demo's decision basis: version 1 sent to the committee and waiting, version 2 a draft."""

from io import BytesIO

import pytest
from django.core.management import call_command
from docx import Document

from radslag.decisionbasis.document import document_for
from radslag.decisionbasis.models import BasisVersion
from radslag.decisionbasis.overview import waiting_for
from radslag.decisionbasis.render_docx import render_basis_docx
from radslag.organisations.models import Organisation


@pytest.mark.django_db
def test_the_demo_has_a_frozen_basis_waiting_for_the_committee_and_a_draft_after_it():
    call_command("load_demo", stdout=None)
    ale = Organisation.objects.get(slug="ale")
    [waiting] = waiting_for(ale)
    assert waiting.committee.name == "Kultur- och fritidsnämnden" and waiting.number == 1
    draft = BasisVersion.objects.get(basis=waiting.basis, number=2)
    assert draft.status == "draft" and draft.comments.count() == 2
    document = document_for(waiting)
    councils = next(part for part in document.parts if part.key == "councils")
    assert any("Pensionärsrådet välkomnar förslaget" in block.text for block in councils.blocks)
    text = [p.text for p in Document(BytesIO(render_basis_docx(document))).paragraphs]
    assert "Barnkonsekvensanalys" in text and "Förslag till beslut" in text
