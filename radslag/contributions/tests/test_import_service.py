"""Writing a checked import: one batch, bulk rows and focus-area links, one audit event, all or nothing."""

import pytest

from radslag.audit.models import AuditEvent
from radslag.contributions.imports import RowValues, import_contributions
from radslag.contributions.models import Channel, Contribution, ImportBatch
from radslag.core.errors import DomainError
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.governance.tests.factories import FocusAreaFactory


@pytest.fixture
def process(org):
    return ProcessFactory(organisation=org)


def test_more_rows_than_one_write_batch_are_all_stored_with_their_focus_areas(process, staff):
    areas = FocusAreaFactory.create_batch(2, plan__organisation=process.organisation)
    rows = [
        RowValues(body=f"Lapp {n}", channel=Channel.SLIP, focus_areas=areas if n % 2 else [], external_id=str(n))
        for n in range(4501)
    ]
    batch = import_contributions(process=process, rows=rows, actor=staff, filename="lappar.csv")
    assert batch.contributions.count() == 4501
    assert Contribution.focus_areas.through.objects.filter(contribution__import_batch=batch).count() == 2 * 2250
    assert set(Contribution.objects.get(external_id="7").focus_areas.all()) == set(areas)
    assert not Contribution.objects.get(external_id="8").focus_areas.exists()
    event = AuditEvent.objects.get(action="contributions.imported")
    assert (event.actor, event.data["count"], event.object_id) == (staff, 4501, str(batch.pk))


def test_imported_contributions_are_published_and_entered_by_the_staff_member(process, staff):
    import_contributions(process=process, rows=[RowValues(body="Ett brev", channel=Channel.LETTER)], actor=staff,
                         filename="brev.xlsx")
    contribution = Contribution.objects.get()
    assert contribution.status == Contribution.Status.PUBLISHED
    assert contribution.entered_by == staff
    assert contribution.author is None
    assert contribution.organisation == process.organisation


def test_an_empty_import_is_refused(process, staff):
    with pytest.raises(DomainError):
        import_contributions(process=process, rows=[], actor=staff, filename="tom.csv")
    assert not ImportBatch.objects.exists()


def test_a_failure_while_writing_leaves_nothing_behind(process, staff, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr("radslag.contributions.imports.writing.record_event", broken)
    with pytest.raises(RuntimeError):
        import_contributions(process=process, rows=[RowValues(body="Lapp", channel=Channel.SLIP)], actor=staff,
                             filename="lappar.csv")
    assert not ImportBatch.objects.exists()
    assert not Contribution.objects.exists()
