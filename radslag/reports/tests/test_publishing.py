"""Publishing: every publish is a new frozen version; earlier versions never change."""

import datetime as dt
import shutil
import subprocess

import pytest

from radslag.audit.models import AuditEvent
from radslag.contributions.models import Contribution
from radslag.core.errors import DomainError
from radslag.dialogues.models import DialogueProcess
from radslag.reports.services import (
    compilation_for,
    publish_compilation,
    save_compilation_texts,
    version_content,
    version_file,
)


@pytest.fixture
def themed(monkeypatch, input_and_themes):
    monkeypatch.setattr("radslag.reports.assembly.themes_for", lambda process, **options: input_and_themes["themes"])
    return input_and_themes


def test_publishing_twice_makes_versions_one_and_two_and_leaves_one_unchanged(dialogue, staff, themed):
    compilation = compilation_for(dialogue)
    save_compilation_texts(compilation=compilation, actor=staff, introduction="Första inledningen.", closing="")
    first = publish_compilation(compilation=compilation, actor=staff)
    snapshot, pdf = dict(first.snapshot), version_file(first, "pdf")

    save_compilation_texts(compilation=compilation, actor=staff, introduction="Andra inledningen.", closing="Slut.")
    Contribution.objects.filter(process=dialogue).update(status=Contribution.Status.HIDDEN)
    second = publish_compilation(compilation=compilation, actor=staff)

    first.refresh_from_db()
    assert (first.number, second.number) == (1, 2)
    assert first.snapshot == snapshot
    assert version_content(first).introduction == "Första inledningen."
    assert version_content(first).themes[0].size == 8
    assert version_content(second).introduction == "Andra inledningen."
    assert version_content(second).themes[0].size == 0
    assert version_file(first, "pdf") == pdf
    assert first.published_by == staff and version_content(first).version == 1


def test_each_publish_is_in_the_audit_log(dialogue, staff, themed):
    compilation = compilation_for(dialogue)
    publish_compilation(compilation=compilation, actor=staff)
    publish_compilation(compilation=compilation, actor=staff)
    events = AuditEvent.objects.filter(action="compilation.published", organisation=dialogue.organisation)
    assert sorted(event.data["version"] for event in events) == [1, 2]
    assert all(event.actor == staff for event in events)


def test_files_are_stored_and_made_again_from_the_snapshot_if_storage_lost_them(dialogue, staff, themed):
    version = publish_compilation(compilation=compilation_for(dialogue), actor=staff)
    assert version.pdf.name.startswith(f"compilations/{dialogue.organisation_id}/")
    assert "ale-i-360-grader-sammanstallning-v1" in version.pdf.name and version.pdf.name.endswith(".pdf")
    version.pdf.storage.delete(version.pdf.name)
    assert version_file(version, "pdf").startswith(b"%PDF-")
    assert version_file(version, "docx").startswith(b"PK")


def test_a_draft_dialogues_compilation_cannot_be_published(dialogue, staff):
    dialogue.status = DialogueProcess.Status.DRAFT
    dialogue.save()
    with pytest.raises(DomainError):
        publish_compilation(compilation=compilation_for(dialogue), actor=staff)
    assert not compilation_for(dialogue).versions.exists()


def test_control_characters_from_residents_do_not_stop_publishing(dialogue, staff, themed):
    """A vertical tab pasted from Word and an escape, stored before input was cleaned, used to make publishing
    answer 500 (python-docx refuses them)."""
    compilation = compilation_for(dialogue)
    save_compilation_texts(compilation=compilation, actor=staff, introduction="Inledning\x0bmed\x1b tecken.",
                           closing="Slut\x0c.")
    version = publish_compilation(compilation=compilation, actor=staff)
    assert version_content(version).introduction == "Inledningmed tecken."
    assert version_file(version, "docx").startswith(b"PK")
    assert version_file(version, "pdf").startswith(b"%PDF-")


def test_a_version_published_on_a_given_day_says_that_day_everywhere(dialogue, staff, themed, tmp_path):
    at = dt.datetime(2020, 5, 14, 8, tzinfo=dt.UTC)
    version = publish_compilation(compilation=compilation_for(dialogue), actor=staff, now=at)
    assert version.published_at == at
    assert version_content(version).published_on == "14 maj 2020"
    pdf = tmp_path / "version.pdf"
    pdf.write_bytes(version_file(version, "pdf"))
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    info = subprocess.run(["pdfinfo", "-isodates", str(pdf)], check=True, capture_output=True, text=True).stdout  # noqa: S603, S607
    assert "CreationDate:    2020-05-14T08:00:00Z" in info  # the PDF is dated as published, as the page is
