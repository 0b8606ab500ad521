"""A decision rests on a published compilation version (a link kind this app registers with governance)."""

from __future__ import annotations

import pytest

from radslag.dialogues.models import DialogueProcess
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.feedback.tests.test_decision_links import decision_form
from radslag.governance.models import Decision, DecisionLink
from radslag.governance.tests.factories import DecisionFactory
from radslag.organisations.tests.factories import BodyFactory
from radslag.reports.services import compilation_for, publish_compilation

pytestmark = pytest.mark.django_db


def test_a_decision_rests_on_a_published_compilation_version(org, staff, client_for):
    process = ProcessFactory(organisation=org, title="Mötesplatser i Nödinge")
    version = publish_compilation(compilation=compilation_for(process), actor=staff)
    client = client_for(org, staff)
    assert "Mötesplatser i Nödinge: sammanställning, version 1" in client.get("/personal/beslut/ny/").content.decode()

    response = client.post("/personal/beslut/ny/", decision_form(
        BodyFactory(organisation=org), basis_compilation=[version.pk]))

    assert response.status_code == 302
    decision = Decision.objects.get(organisation=org)
    assert [(link.kind, link.object_id, link.role) for link in decision.links.all()] == [
        ("compilation", version.pk, "basis")]
    page = client_for(org).get(f"/beslut/{decision.pk}/").content.decode()
    rests_on = page[page.index("Vad beslutet bygger på"):]
    assert "Perspektivsammanställningar" in rests_on
    assert "Mötesplatser i Nödinge: sammanställning, version 1" in rests_on
    url = f"/dialoger/{process.slug}/sammanstallning/version/{version.number}/"
    assert f'href="{url}"' in rests_on
    assert client_for(org).get(url).status_code == 200


def test_the_decision_page_leaves_out_a_compilation_of_a_dialogue_that_is_not_public(org, staff, client_for):
    process = ProcessFactory(organisation=org, title="Hemlig plan")
    version = publish_compilation(compilation=compilation_for(process), actor=staff)
    DialogueProcess.objects.filter(pk=process.pk).update(status=DialogueProcess.Status.DRAFT)
    decision = DecisionFactory(organisation=org)
    DecisionLink.objects.create(decision=decision, kind="compilation", object_id=version.pk, role="basis")

    page = client_for(org).get(f"/beslut/{decision.pk}/").content.decode()

    assert "Hemlig plan" not in page and "/sammanstallning/" not in page
