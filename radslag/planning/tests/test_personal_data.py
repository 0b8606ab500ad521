"""A person's project roles are in their data; erasure keeps what they wrote, without their name."""

import pytest

from radslag.audit.personal_data import kinds
from radslag.planning import services
from radslag.planning.models import Comment, ItemVersion, ProjectMember
from radslag.planning.personal_data import PROJECT_ROLES


@pytest.mark.django_db
def test_roles_are_exported_and_erasure_keeps_the_words_without_the_name(world, org):
    reader = world["reader"]
    risk = services.create_item(project=world["project"], actor=world["ale_lead"], organisation=org, kind="risk",
                                fields={"text_sv": "Valet", "owner": "KD"})
    services.add_comment(item=risk, actor=reader, organisation=org, body="Vem bevakar?")
    assert PROJECT_ROLES in kinds()
    assert PROJECT_ROLES.export(reader, org) == [{"project": "Styrning med medborgardialog", "role": "Läsare"}]
    assert PROJECT_ROLES.erase(reader, org) == 1  # type: ignore[misc]
    comment = Comment.objects.get()
    assert comment.author is None and comment.author_label == "" and comment.body == "Vem bevakar?"
    assert not ProjectMember.objects.filter(user=reader).exists()
    assert ItemVersion.objects.filter(author=world["ale_lead"]).exists(), "others keep their names"
