"""Publishing a compilation version tells those who follow the process or its focus areas, once."""

from __future__ import annotations

import pytest
from django.core import mail

from radslag.dialogues.tests.factories import followed_process
from radslag.reports.services import compilation_for, publish_compilation

pytestmark = pytest.mark.django_db


@pytest.fixture
def followed(org):
    return followed_process(org, title="Mötesplatser i Nödinge", title_en="Meeting places")


def test_a_published_compilation_version_is_one_mail_per_person(org, staff, followed,
                                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        version = publish_compilation(compilation=compilation_for(followed), actor=staff)
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.se", "bo@example.se"]
    swedish = next(m for m in mail.outbox if m.to == ["anna@example.se"])
    english = next(m for m in mail.outbox if m.to == ["bo@example.se"])
    assert swedish.subject == "Sammanställningen för ”Mötesplatser i Nödinge” är publicerad (version 1)"
    assert "Meeting places" in english.subject
    assert f"/dialoger/{followed.slug}/sammanstallning/version/{version.number}/" in swedish.body
