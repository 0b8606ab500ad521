"""A deleted record's files leave storage once the deletion is committed (radslag.core.stored_files)."""

import pytest
from django.core.files.storage import default_storage
from django.db import transaction

from radslag.dialogues.tests.factories import ProcessFactory
from radslag.workgroups.models import Material
from radslag.workgroups.tests.factories import add_material, make_group, make_meeting

pytestmark = pytest.mark.django_db(transaction=True)


def _material(org):
    return add_material(make_meeting(make_group(ProcessFactory(organisation=org))))


def test_deleting_a_meeting_removes_its_materials_files_from_storage(org):
    material = _material(org)
    name = material.file.name
    assert default_storage.exists(name)

    material.meeting.delete()  # the material goes by cascade

    assert not Material.objects.exists()
    assert not default_storage.exists(name)


def test_a_deletion_that_is_rolled_back_keeps_the_file(org):
    material = _material(org)
    name = material.file.name

    with pytest.raises(RuntimeError), transaction.atomic():
        material.meeting.group.process.delete()
        raise RuntimeError("the request failed after the deletion")

    assert Material.objects.filter(pk=material.pk).exists()
    assert default_storage.exists(name)


def test_a_file_another_row_still_names_is_kept(org):
    material = _material(org)
    copy = Material.objects.create(meeting=material.meeting, file=material.file.name, name="kopia.pdf",
                                   content_type=material.content_type, size=material.size)

    material.delete()

    assert default_storage.exists(copy.file.name)
    copy.delete()
    assert not default_storage.exists(copy.file.name)
