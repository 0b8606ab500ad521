"""Two people save the same item at the same moment from the same version: one wins, the other is told."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from radslag.organisations.tests.factories import OrganisationFactory
from radslag.planning import services
from radslag.planning.models import ItemVersion, Risk
from radslag.planning.tests.factories import shared_project


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_saves_from_the_same_version_at_once_give_one_conflict():
    ale = OrganisationFactory(slug="ale", hostname="ale.example.se")
    ghanzi = OrganisationFactory(slug="ghanzi", hostname="ghanzi.example.bw")
    world = shared_project(ale, ghanzi)
    risk = services.create_item(project=world["project"], actor=world["ale_lead"], organisation=ale, kind="risk",
                                fields={"text_sv": "Valet", "owner": "Kommundirektören"})
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def save(actor, organisation, impact):
        start.wait()
        try:
            services.save_item(item=Risk.objects.get(pk=risk.pk), actor=actor, organisation=organisation,
                               fields={"impact": impact}, expected_version=1)
            outcomes.append("saved")
        except services.EditConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(world["ale_lead"], ale, 5)),
               threading.Thread(target=save, args=(world["partner_lead"], ghanzi, 1))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    assert ItemVersion.objects.filter(kind="risk", object_id=risk.pk).count() == 2
