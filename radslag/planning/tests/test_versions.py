"""Every change is a version with who and when; an old version can be restored; a stale edit is caught."""

from __future__ import annotations

import pytest

from radslag.core.errors import DomainError, PermissionDeniedError
from radslag.planning import services
from radslag.planning.models import ItemVersion, Risk

pytestmark = pytest.mark.django_db


def _risk(world, org, **fields):
    return services.create_item(project=world["project"], actor=world["ale_lead"], organisation=org, kind="risk",
                                fields={"text_sv": "Valet byter majoritet", "owner": "Kommundirektören", **fields})


def test_each_save_keeps_a_version_with_author(world, org, ghanzi):
    risk = _risk(world, org)
    services.save_item(item=risk, actor=world["partner_lead"], organisation=ghanzi, fields={"likelihood": 4},
                       expected_version=1)
    versions = list(ItemVersion.objects.filter(kind="risk", object_id=risk.pk).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].author == world["partner_lead"] and versions[1].data["likelihood"] == 4
    assert versions[0].data["likelihood"] == 3


def test_restoring_an_old_version_makes_it_current_as_a_new_version(world, org):
    risk = _risk(world, org)
    services.save_item(item=risk, actor=world["ale_lead"], organisation=org,
                       fields={"text_sv": "Ny formulering", "status": Risk.Status.OCCURRED}, expected_version=1)
    restored = services.restore_version(item=risk, actor=world["ale_lead"], organisation=org, number=1)
    assert restored.text_sv == "Valet byter majoritet" and restored.status == Risk.Status.OPEN
    assert restored.version == 3
    assert ItemVersion.objects.filter(kind="risk", object_id=risk.pk).count() == 3


def test_an_edit_from_an_older_version_is_refused_with_both_versions(world, org, ghanzi):
    risk = _risk(world, org)
    services.save_item(item=risk, actor=world["partner_lead"], organisation=ghanzi, fields={"impact": 5},
                       expected_version=1)
    with pytest.raises(services.EditConflict) as clash:
        services.save_item(item=risk, actor=world["ale_lead"], organisation=org, fields={"impact": 1},
                           expected_version=1)
    assert clash.value.item.impact == 5 and clash.value.yours == {"impact": 1}
    risk.refresh_from_db()
    assert risk.impact == 5, "nothing is silently overwritten"


def test_a_risk_without_owner_is_refused(world, org):
    with pytest.raises(DomainError, match="ägare"):
        _risk(world, org, owner="  ")
    assert not Risk.objects.exists()


def test_a_reader_may_comment_but_not_change(world, org):
    risk = _risk(world, org)
    services.add_comment(item=risk, actor=world["reader"], organisation=org, body="Vem följer upp?")
    with pytest.raises(PermissionDeniedError):
        services.save_item(item=risk, actor=world["reader"], organisation=org, fields={"impact": 1},
                           expected_version=1)
