"""Who sees what: staff preview and publish; the public reads only published versions."""

import pytest
from django.urls import reverse

from radslag.dialogues.tests.factories import ProcessFactory
from radslag.reports.models import CompilationVersion
from radslag.reports.services import compilation_for, publish_compilation

SLUG = "ale-i-360-grader"


@pytest.fixture
def themed(monkeypatch, input_and_themes):
    monkeypatch.setattr("radslag.reports.assembly.themes_for", lambda process, **options: input_and_themes["themes"])
    return input_and_themes


def staff_url(process, name="reports:staff_compilation"):
    return reverse(name, kwargs={"pk": process.pk})


def test_staff_preview_shows_the_compilation_as_it_would_be_published(client_for, org, staff, dialogue, themed):
    response = client_for(org, staff).get(staff_url(dialogue))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sammanställning: Ale i 360 grader" in page
    assert "1. Det mänskliga mötet" in page
    assert "Jag vill bli bemött som en människa" in page
    assert "Hemlig text" not in page
    assert "Inget är publicerat ännu" in page


def test_staff_save_texts_and_see_them_in_the_preview(client_for, org, staff, dialogue, themed):
    client = client_for(org, staff)
    response = client.post(staff_url(dialogue), {"introduction": "Välkommen till sammanställningen.",
                                                 "closing": "Fullmäktige beslutar i juni."}, follow=True)
    assert "Texterna är sparade" in response.content.decode()
    assert "Välkommen till sammanställningen." in response.content.decode()
    assert compilation_for(dialogue).closing == "Fullmäktige beslutar i juni."


def test_publishing_from_the_staff_page_makes_a_public_version(client_for, org, staff, dialogue, themed):
    staff_client, public = client_for(org, staff), client_for(org)
    assert public.get(reverse("reports:compilation", kwargs={"slug": SLUG})).status_code == 404
    response = staff_client.post(staff_url(dialogue, "reports:staff_compilation_publish"), follow=True)
    assert "Version 1 är publicerad." in response.content.decode()
    page = public.get(reverse("reports:compilation", kwargs={"slug": SLUG}))
    assert page.status_code == 200
    assert "Perspektivsammanställning: Ale i 360 grader" in page.content.decode()
    assert "Version 1, publicerad" in page.content.decode()


def test_the_public_page_shows_the_latest_and_links_to_earlier_versions(client_for, org, staff, dialogue, themed):
    compilation = compilation_for(dialogue)
    publish_compilation(compilation=compilation, actor=staff)
    compilation.introduction = "Ny inledning i version två."
    compilation.save()
    publish_compilation(compilation=compilation, actor=staff)
    public = client_for(org)
    latest = public.get(reverse("reports:compilation", kwargs={"slug": SLUG})).content.decode()
    assert "Ny inledning i version två." in latest
    assert reverse("reports:compilation_version", kwargs={"slug": SLUG, "number": 1}) in latest
    first = public.get(reverse("reports:compilation_version", kwargs={"slug": SLUG, "number": 1})).content.decode()
    assert "Det här är en tidigare version." in first
    assert "Ny inledning i version två." not in first


def test_the_public_downloads_the_pdf_and_word_document(client_for, org, staff, dialogue, themed):
    publish_compilation(compilation=compilation_for(dialogue), actor=staff)
    public = client_for(org)
    pdf = public.get(reverse("reports:compilation_pdf", kwargs={"slug": SLUG, "number": 1}))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert 'filename="ale-i-360-grader-sammanstallning-v1.pdf"' in pdf["Content-Disposition"]
    docx = public.get(reverse("reports:compilation_docx", kwargs={"slug": SLUG, "number": 1}))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert public.get(reverse("reports:compilation_pdf", kwargs={"slug": SLUG, "number": 2})).status_code == 404


def test_staff_preview_files_download(client_for, org, staff, dialogue, themed):
    client = client_for(org, staff)
    pdf = client.get(staff_url(dialogue, "reports:staff_compilation_pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    docx = client.get(staff_url(dialogue, "reports:staff_compilation_docx"))
    assert docx.status_code == 200 and docx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_residents_get_403_and_visitors_are_sent_to_sign_in(client_for, org, resident, dialogue):
    for name in ("reports:staff_compilation", "reports:staff_compilation_pdf"):
        assert client_for(org, resident).get(staff_url(dialogue, name)).status_code == 403
    assert client_for(org, resident).post(staff_url(dialogue, "reports:staff_compilation_publish")).status_code == 403
    response = client_for(org).get(staff_url(dialogue))
    assert response.status_code == 302 and "/konto/" in response["Location"]
    assert not CompilationVersion.objects.exists()


def test_another_municipalitys_compilation_is_a_404(client_for, org, other_org, staff, dialogue, themed):
    theirs = ProcessFactory(organisation=other_org, slug="deras-dialog")
    publish_compilation(compilation=compilation_for(theirs), actor=None)
    client = client_for(org, staff)
    assert client.get(staff_url(theirs)).status_code == 404
    assert client.post(staff_url(theirs, "reports:staff_compilation_publish")).status_code == 404
    assert client.get(reverse("reports:compilation", kwargs={"slug": "deras-dialog"})).status_code == 404
    assert client_for(other_org).get(reverse("reports:compilation", kwargs={"slug": "deras-dialog"})).status_code == 200


def test_a_draft_dialogue_cannot_be_published_and_says_why(client_for, org, staff, dialogue):
    dialogue.status = "draft"
    dialogue.save()
    response = client_for(org, staff).post(staff_url(dialogue, "reports:staff_compilation_publish"))
    assert response.status_code == 200
    assert "Publicera dialogen innan du publicerar dess sammanställning." in response.content.decode()
    assert not CompilationVersion.objects.exists()
