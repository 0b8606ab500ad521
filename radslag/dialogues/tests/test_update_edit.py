"""Staff correct a published update: residents see it marked as edited, and the old text stays on record."""

import pytest

from radslag.accounts.tests.factories import user_with_role
from radslag.audit.models import AuditEvent
from radslag.core.models import Role
from radslag.dialogues.models import ProcessUpdate
from radslag.dialogues.tests.factories import ProcessFactory, UpdateFactory

pytestmark = pytest.mark.django_db
OLD = "Dialogkvällen blir den 12 mars i Nols skola."
NEW = "Dialogkvällen blir den 13 mars i Nols skola."


@pytest.fixture
def update(org):
    return UpdateFactory(process=ProcessFactory(organisation=org), title="Dialogkvällen flyttas", body=OLD)


def url_of(update):
    return f"/personal/processer/{update.process_id}/uppdateringar/{update.pk}/"


def test_a_correction_is_marked_on_the_process_page_and_the_old_text_kept_in_the_log(client_for, org, staff, update):
    client = client_for(org, staff)
    form = client.get(url_of(update)).content.decode()
    assert "Rätta en uppdatering" in form and OLD in form
    response = client.post(url_of(update), {"title": "Dialogkvällen flyttas", "body": NEW})
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.body == NEW and update.edited_at is not None
    public = client_for(org).get(f"/dialoger/{update.process.slug}/").content.decode()
    assert NEW in public and OLD not in public and "· ändrad " in public
    event = AuditEvent.objects.get(action="process_update.edited")
    assert event.data["before"]["body"] == OLD and event.data["fields"] == ["body"]


def test_saving_without_changes_does_not_mark_it_edited(client_for, org, staff, update):
    client_for(org, staff).post(url_of(update), {"title": update.title, "body": update.body})
    assert ProcessUpdate.objects.get(pk=update.pk).edited_at is None
    assert not AuditEvent.objects.filter(action="process_update.edited").exists()


def test_residents_and_other_municipalities_cannot_edit(client_for, org, other_org, resident, update):
    assert client_for(org, resident).post(url_of(update), {"title": "x", "body": "y"}).status_code == 403
    neighbour = user_with_role(other_org, Role.STAFF, email="granne@granne.example.se")
    assert client_for(other_org, neighbour).get(url_of(update)).status_code == 404
    assert ProcessUpdate.objects.get(pk=update.pk).body == OLD
