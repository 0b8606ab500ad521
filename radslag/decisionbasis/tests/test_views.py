"""The staff pages: who may read, who may write, and what a frozen version refuses."""

import hashlib
import re
import zipfile
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from docx import Document

from radslag.decisionbasis import files
from radslag.decisionbasis.models import BasisVersion, SentFile
from radslag.decisionbasis.services import start_basis
from radslag.decisionbasis.tests.factories import frozen_basis

pytestmark = pytest.mark.django_db


def url(version, action=""):
    path = f"/personal/processer/{version.basis.process_id}/beslutsunderlag/{version.pk}/"
    return path + action


def test_staff_start_a_basis_and_land_on_its_page(client_for, org, staff, dialogue):
    response = client_for(org, staff).post(f"/personal/processer/{dialogue.pk}/beslutsunderlag/")
    version = BasisVersion.objects.get()
    assert response.status_code == 302 and response["Location"] == url(version)
    page = client_for(org, staff).get(url(version))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Medborgardialogens resultat" in html and "Rådet tillstyrker förslaget." in html
    assert "Skicka till nämnden och lås" in html and 'name="summary"' in html


def test_saving_the_header_and_texts(client_for, org, staff, dialogue, committee):
    version = start_basis(process=dialogue, actor=staff)
    response = client_for(org, staff).post(url(version), {
        "title": "Mötesplatser i Nödinge centrum", "document_date": "2026-12-01", "committee": committee.pk,
        "registration_number": "KS 2026/117", "summary": "Kort sammanfattning."})
    assert response.status_code == 302
    version.refresh_from_db()
    assert (version.title, version.registration_number, version.summary) == (
        "Mötesplatser i Nödinge centrum", "KS 2026/117", "Kort sammanfattning.")


def test_a_comment_is_saved_on_its_part(client_for, org, staff, dialogue):
    version = start_basis(process=dialogue, actor=staff)
    response = client_for(org, staff).post(url(version, "kommentar/themes/"), {"text": "Stämmer väl."})
    assert response.status_code == 302 and response["Location"].endswith("#part-themes")
    assert version.comments.get(part="themes").text == "Stämmer väl."


def test_freezing_without_a_meeting_date_says_what_is_missing(client_for, org, staff, dialogue):
    version = start_basis(process=dialogue, actor=staff)
    response = client_for(org, staff).post(url(version, "skicka/"))
    assert response.status_code == 400
    assert "Ange datum för nämndens sammanträde." in response.content.decode()


def test_editing_a_frozen_version_is_refused_with_a_clear_message(client_for, org, staff, dialogue):
    frozen = frozen_basis(dialogue, staff)
    client = client_for(org, staff)
    for action, data in (("", {"title": "Ändrad", "document_date": "2026-12-01"}),
                         ("kommentar/themes/", {"text": "Sent påkommen"})):
        response = client.post(url(frozen, action), data)
        assert response.status_code == 409
        assert "kan inte längre ändras. Gör en ny version för att ändra." in response.content.decode()
    frozen.refresh_from_db()
    assert frozen.title == "Mötesplatser i Nödinge" and not frozen.comments.exists()
    page = client.get(url(frozen)).content.decode()
    assert 'name="summary"' not in page and "Gör en ny version utifrån den här" in page


def test_a_new_version_is_made_from_a_frozen_one(client_for, org, staff, dialogue):
    frozen = frozen_basis(dialogue, staff)
    response = client_for(org, staff).post(url(frozen, "ny-version/"))
    created = BasisVersion.objects.get(number=2)
    assert response.status_code == 302 and response["Location"] == url(created)


def test_an_official_reads_everything_and_every_write_is_refused(client_for, org, staff, official, dialogue):
    frozen = frozen_basis(dialogue, staff)
    draft = start_basis(process=dialogue, actor=staff)
    client = client_for(org, official)
    for path in (f"/personal/processer/{dialogue.pk}/beslutsunderlag/", url(draft), url(frozen, "forhandsvisning/"),
                 url(frozen, "docx/"), url(draft, "bilaga/"), url(draft, "bilaga/pdf/")):
        assert client.get(path).status_code == 200, path
    page = client.get(url(draft)).content.decode()
    assert 'name="summary"' not in page and "Skicka till nämnden" not in page and "kommentar" not in page.lower()
    for path in (f"/personal/processer/{dialogue.pk}/beslutsunderlag/", url(draft), url(draft, "kommentar/themes/"),
                 url(draft, "skicka/"), url(frozen, "ny-version/")):
        assert client.post(path, {"text": "x", "title": "x"}).status_code == 403, path
    assert BasisVersion.objects.count() == 2 and not draft.comments.exists()


def test_the_downloads_are_word_pdf_and_zip_files(client_for, org, staff, dialogue):
    frozen = frozen_basis(dialogue, staff)
    client = client_for(org, staff)
    docx = client.get(url(frozen, "docx/"))
    assert docx["Content-Type"].endswith("wordprocessingml.document")
    assert docx["Content-Disposition"] == 'attachment; filename="motesplatser-beslutsunderlag-v1.docx"'
    assert client.get(url(frozen, "pdf/")).content.startswith(b"%PDF-")
    assert client.get(url(frozen, "zip/"))["Content-Type"] == "application/zip"
    attachment = client.get(url(frozen, "bilaga/pdf/"))
    assert attachment["Content-Type"] == "application/pdf" and attachment.content.startswith(b"%PDF-")
    assert attachment["Content-Disposition"] == (
        'attachment; filename="motesplatser-beslutsunderlag-v1-bilaga-1-sammanstallning.pdf"')
    page = client.get(url(frozen)).content.decode()
    assert f'href="{url(frozen, "bilaga/")}"' in page and f'href="{url(frozen, "bilaga/pdf/")}"' in page


PUBLIC_FILES = {  # link text on the public page: (content type, file name)
    "Ladda ner som PDF": ("application/pdf", "motesplatser-beslutsunderlag-v1.pdf"),
    "Ladda ner som Word-dokument": ("wordprocessingml.document", "motesplatser-beslutsunderlag-v1.docx"),
    "Ladda ner bilaga 1, sammanställningen (PDF)": (
        "application/pdf", "motesplatser-beslutsunderlag-v1-bilaga-1-sammanstallning.pdf"),
    "Ladda ner bilaga 1, sammanställningen (Word)": (
        "wordprocessingml.document", "motesplatser-beslutsunderlag-v1-bilaga-1-sammanstallning.docx"),
}


def test_the_public_page_of_a_frozen_version_offers_the_basis_and_attachment_1_as_pdf_and_word(
        client_for, org, staff, dialogue):
    frozen = frozen_basis(dialogue, staff)
    client = client_for(org)
    page = client.get(f"/dialoger/{dialogue.slug}/beslutsunderlag/{frozen.pk}/").content.decode()
    links = {text: href for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', page)}
    for text, (content_type, filename) in PUBLIC_FILES.items():
        response = client.get(links[text])
        assert response.status_code == 200, text
        assert response["Content-Type"].endswith(content_type)
        assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    attachment = Document(BytesIO(client.get(links["Ladda ner bilaga 1, sammanställningen (Word)"]).content))
    assert attachment.core_properties.language == "sv-SE"
    assert [p.text for p in attachment.paragraphs if p.style.name == "Title"] == [
        "Perspektivsammanställning: Mötesplatser i Nödinge"]
    assert client.get(links["Ladda ner bilaga 1, sammanställningen (PDF)"]).content.startswith(b"%PDF-")


def test_a_drafts_files_and_attachment_are_not_public(client_for, org, staff, dialogue):
    frozen_basis(dialogue, staff)
    draft = start_basis(process=dialogue, actor=staff)
    client = client_for(org)
    for action in ("", "pdf/", "docx/", "bilaga/pdf/", "bilaga/docx/"):
        assert client.get(f"/dialoger/{dialogue.slug}/beslutsunderlag/{draft.pk}/{action}").status_code == 404, action


def test_a_frozen_version_has_a_public_page_and_a_draft_does_not(client_for, org, staff, dialogue):
    frozen = frozen_basis(dialogue, staff)
    draft = start_basis(process=dialogue, actor=staff)
    public = client_for(org).get(f"/dialoger/{dialogue.slug}/beslutsunderlag/{frozen.pk}/")
    assert public.status_code == 200 and "Förslag till beslut" in public.content.decode()
    assert client_for(org).get(f"/dialoger/{dialogue.slug}/beslutsunderlag/{draft.pk}/").status_code == 404


def test_another_municipality_cannot_see_the_basis(client_for, other_org, dialogue, staff):
    from radslag.accounts.models import Role
    from radslag.accounts.tests.factories import user_with_role

    frozen = frozen_basis(dialogue, staff)
    other_staff = user_with_role(other_org, Role.STAFF)
    assert client_for(other_org, other_staff).get(url(frozen)).status_code == 404


def test_the_decision_link_kind_lists_frozen_versions(org, staff, dialogue):
    from radslag.governance import links

    frozen = frozen_basis(dialogue, staff)
    start_basis(process=dialogue, actor=staff)
    kind = links.kind("decision_basis")
    assert [pk for pk, _label in kind.choices(org)] == [frozen.pk]
    target = links.resolve(org, "decision_basis", [frozen.pk])[frozen.pk]
    assert target.url == f"/dialoger/{dialogue.slug}/beslutsunderlag/{frozen.pk}/"
    assert target.process_id == dialogue.pk


def test_a_basis_sent_to_a_committee_waits_in_the_officials_overview(client_for, org, staff, official, dialogue):
    version = frozen_basis(dialogue, staff, days_ahead=5)
    page = client_for(org, official).get("/personal/oversikt/").content.decode()
    assert "Beslutsunderlag som väntar på dig" in page
    assert f"/personal/processer/{dialogue.pk}/beslutsunderlag/{version.pk}/" in page
    assert "Kommunstyrelsen" in page


def test_a_decision_resting_on_a_frozen_basis_links_to_its_public_page(client_for, org, staff, dialogue):
    """Closing the loop: the public decision page /beslut/<pk>/ names the version sent and links to it."""
    from radslag.governance.models import DecisionLink
    from radslag.governance.tests.factories import DecisionFactory

    frozen = frozen_basis(dialogue, staff)
    draft = start_basis(process=dialogue, actor=staff)
    decision = DecisionFactory(organisation=org, title="Beslut om mötesplatser", body=dialogue.deciding_body)
    for version in (frozen, draft):
        DecisionLink.objects.create(decision=decision, kind="decision_basis", object_id=version.pk,
                                    role=DecisionLink.Role.BASIS)

    response = client_for(org).get(f"/beslut/{decision.pk}/")

    assert response.status_code == 200
    page = response.content.decode()
    behind = page[page.index("Vad beslutet bygger på"):]
    public_url = f"/dialoger/{dialogue.slug}/beslutsunderlag/{frozen.pk}/"
    assert f'href="{public_url}"' in behind
    assert "Mötesplatser i Nödinge: beslutsunderlag, version 1, till Kommunstyrelsen" in behind
    assert f"/beslutsunderlag/{draft.pk}/" not in page  # a draft is never a public record
    assert client_for(org).get(public_url).status_code == 200


def test_attachment_1_of_a_sent_version_is_not_reachable_from_another_municipality_or_dialogue(
        client_for, org, staff, dialogue):
    """Another municipality's host, another dialogue's address, or a dialogue taken back to draft: 404."""
    from radslag.dialogues.models import DialogueProcess
    from radslag.dialogues.tests.factories import ProcessFactory
    from radslag.organisations.tests.factories import OrganisationFactory

    frozen = frozen_basis(dialogue, staff)
    other = OrganisationFactory(name="Lerums kommun", slug="lerum", hostname="lerum.example.se")
    ProcessFactory(organisation=other, slug=dialogue.slug)
    neighbour = ProcessFactory(organisation=org, slug="grannens")
    for action in ("", "pdf/", "docx/", "bilaga/pdf/", "bilaga/docx/"):
        assert client_for(other).get(f"/dialoger/{dialogue.slug}/beslutsunderlag/{frozen.pk}/{action}").status_code \
            == 404, action
        assert client_for(org).get(f"/dialoger/{neighbour.slug}/beslutsunderlag/{frozen.pk}/{action}").status_code \
            == 404, action
        assert client_for(other, staff).get(url(frozen, action or "bilaga/")).status_code in (403, 404), action
    DialogueProcess.objects.filter(pk=dialogue.pk).update(status=DialogueProcess.Status.DRAFT)
    assert client_for(org).get(f"/dialoger/{dialogue.slug}/beslutsunderlag/{frozen.pk}/bilaga/pdf/").status_code \
        == 404


def test_a_sent_versions_files_are_made_once_and_every_later_download_gets_the_same_bytes(
        client_for, org, staff, dialogue, monkeypatch):
    frozen = frozen_basis(dialogue, staff)
    public = client_for(org)
    first = public.get(f"/dialoger/{dialogue.slug}/beslutsunderlag/{frozen.pk}/pdf/").content
    stored = SentFile.objects.get(version=frozen, kind="pdf")
    assert stored.sha256 == hashlib.sha256(first).hexdigest()

    def refuse(content):
        raise AssertionError("a sent file was made again")

    monkeypatch.setitem(files.FILES, "pdf", files.BasisFile(refuse, files.PDF, "pdf"))
    assert public.get(f"/dialoger/{dialogue.slug}/beslutsunderlag/{frozen.pk}/pdf/").content == first
    assert client_for(org, staff).get(url(frozen, "pdf/")).content == first  # staff get the very same file
    archive = client_for(org, staff).get(url(frozen, "zip/")).content  # the other kinds are made now, once
    assert SentFile.objects.filter(version=frozen).count() == 4
    with zipfile.ZipFile(BytesIO(archive)) as opened:
        assert opened.read("motesplatser-beslutsunderlag-v1.pdf") == first


def test_a_sent_file_lost_from_storage_is_made_again_from_the_frozen_content(client_for, org, staff, dialogue):
    frozen = frozen_basis(dialogue, staff)
    client = client_for(org, staff)
    first = client.get(url(frozen, "docx/")).content
    stored = SentFile.objects.get(version=frozen, kind="docx")
    stored.file.storage.delete(stored.file.name)
    again = client.get(url(frozen, "docx/"))
    assert again.status_code == 200 and Document(BytesIO(again.content)).paragraphs
    assert SentFile.objects.filter(version=frozen, kind="docx").count() == 1
    assert len(again.content) == len(first)


def test_a_drafts_files_are_made_from_its_live_content_and_not_kept(client_for, org, staff, dialogue):
    draft = start_basis(process=dialogue, actor=staff)
    assert client_for(org, staff).get(url(draft, "pdf/")).content.startswith(b"%PDF-")
    assert not SentFile.objects.exists()


def test_a_sent_file_changed_in_storage_is_not_served_but_made_again_from_the_frozen_content(
        client_for, org, staff, dialogue):
    frozen = frozen_basis(dialogue, staff)
    client = client_for(org, staff)
    first = client.get(url(frozen, "pdf/")).content
    stored = SentFile.objects.get(version=frozen, kind="pdf")
    storage, name = stored.file.storage, stored.file.name
    storage.delete(name)
    storage.save(name, ContentFile(b"%PDF-1.7 not the file that was sent"))
    again = client.get(url(frozen, "pdf/")).content
    assert b"not the file that was sent" not in again and again.startswith(b"%PDF-") and len(again) == len(first)
    assert SentFile.objects.get(version=frozen, kind="pdf").sha256 == hashlib.sha256(again).hexdigest()
