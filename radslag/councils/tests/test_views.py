"""The pages: what the public, a council's secretary and staff each see and may do."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from radslag.accounts.models import Role
from radslag.accounts.tests.factories import user_with_role
from radslag.contributions.models import Channel, Contribution
from radslag.councils import services
from radslag.councils.files import check_upload
from radslag.councils.models import Consultation, ConsultationAnswer, CouncilMeeting, CouncilMember
from radslag.councils.tests.factories import PDF_BYTES, make_consultation, make_council, pdf_upload
from radslag.dialogues.tests.factories import ProcessFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def process(org):
    return ProcessFactory(organisation=org, title="Mötesplatser i Nödinge", slug="motesplatser")


@pytest.fixture
def secretary(org):
    return user_with_role(org, Role.RESIDENT, email="sekreterare@example.se")


@pytest.fixture
def council(org, secretary):
    return make_council(org, secretary=secretary)


def test_the_public_council_page_names_only_members_who_agreed(client_for, org, council):
    CouncilMember.objects.create(council=council, name="Sven Andersson", represents="PRO", show_publicly=True)
    CouncilMember.objects.create(council=council, name="Hemlig Person", represents="SPF")
    page = client_for(org).get(reverse("councils:council", kwargs={"council_slug": council.slug})).content.decode()
    assert "Sven Andersson" in page and "PRO" in page
    assert "Hemlig Person" not in page and "Birgitta Sekreterare" not in page


def test_a_minors_name_is_never_on_the_public_council_page(client_for, org):
    """A youth council: the adult chair who agreed is named; the member under 18 is not, and cannot be."""
    council = make_council(org, name="Ungdomsrådet", slug="ungdomsradet")
    CouncilMember.objects.create(council=council, name="Nora Abdi", represents="Ale gymnasium", show_publicly=True)
    CouncilMember.objects.create(council=council, name="Elias Berg", represents="Nödinge skola", under_18=True)
    page = client_for(org).get(reverse("councils:council", kwargs={"council_slug": "ungdomsradet"})).content.decode()
    assert "Nora Abdi" in page and "Elias Berg" not in page and "Nödinge skola" not in page
    assert not CouncilMember(council=council, name="Elias Berg", under_18=True, show_publicly=True).name_is_public


def test_staff_cannot_show_a_minors_name_and_are_told_why(client_for, org, staff, council):
    url = reverse("councils:staff_member_create", kwargs={"council_pk": council.pk})
    client = client_for(org, staff)
    response = client.post(url, {"name": "Elias Berg", "role": "representative", "under_18": "on",
                                 "show_publicly": "on"})
    assert response.status_code == 400 and not CouncilMember.objects.filter(name="Elias Berg").exists()
    assert "Ledamoten är under 18 år, och en minderårigs namn visas aldrig offentligt" in response.content.decode()
    assert client.post(url, {"name": "Elias Berg", "role": "representative", "under_18": "on"}).status_code == 302
    member = CouncilMember.objects.get(name="Elias Berg")
    assert member.under_18 and not member.show_publicly
    staff_page = client.get(reverse("councils:staff_council", kwargs={"council_pk": council.pk})).content.decode()
    assert "nej (under 18)" in staff_page


def test_marking_a_shown_member_as_under_18_is_refused_until_the_name_is_hidden(client_for, org, staff, council):
    member = CouncilMember.objects.create(council=council, name="Nora Abdi", show_publicly=True)
    url = reverse("councils:staff_member_edit", kwargs={"council_pk": council.pk, "member_pk": member.pk})
    response = client_for(org, staff).post(url, {"name": "Nora Abdi", "role": "representative", "under_18": "on",
                                                 "show_publicly": "on"})
    assert response.status_code == 400 and "minderårigs namn" in response.content.decode()
    member.refresh_from_db()
    assert member.show_publicly and not member.under_18


def test_the_public_council_page_shows_each_meetings_agenda_line_by_line(client_for, org, council):
    CouncilMeeting.objects.create(council=council, starts_at=timezone.now(), place="Ale kulturhus",
                                  agenda="1. Upprop\n2. Busstrafiken i Nödinge\n3. <b>Övrigt</b>")
    CouncilMeeting.objects.create(council=council, starts_at=timezone.now(), place="Kommunhuset")
    page = client_for(org).get(reverse("councils:council", kwargs={"council_slug": council.slug})).content.decode()
    rows = {row.split("<td>")[1].split("</td>")[0]: row for row in page.split("<tr>")[2:]}
    agenda = rows["Ale kulturhus"].split("<td>")[2].split("</td>")[0]
    assert agenda == "1. Upprop<br>2. Busstrafiken i Nödinge<br>3. &lt;b&gt;Övrigt&lt;/b&gt;"
    assert rows["Kommunhuset"].split("<td>")[2].split("</td>")[0] == ""
    assert "<th scope=\"col\">Dagordning</th>" in page


def test_a_council_that_is_not_public_is_not_found(client_for, org, staff):
    hidden = make_council(org, slug="dolt", public=False)
    url = reverse("councils:council", kwargs={"council_slug": hidden.slug})
    assert client_for(org).get(url).status_code == 404
    assert client_for(org, staff).get(url).status_code == 200
    assert hidden.name not in client_for(org).get(reverse("councils:council_list")).content.decode()


def test_minutes_are_public_only_once_published(client_for, org, staff, council):
    meeting = CouncilMeeting.objects.create(council=council, starts_at=timezone.now())
    meeting.minutes.save("p.pdf", ContentFile(PDF_BYTES))
    url = reverse("councils:minutes", kwargs={"council_slug": council.slug, "meeting_pk": meeting.pk})
    assert client_for(org).get(url).status_code == 404
    assert client_for(org, staff).get(url).status_code == 200
    CouncilMeeting.objects.filter(pk=meeting.pk).update(minutes_published=True)
    response = client_for(org).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_an_unpublished_answers_attachment_is_for_staff_and_the_secretary_only(client_for, org, staff, resident,
                                                                                process, council, secretary):
    consultation = make_consultation(process, [council])
    answer = services.submit_answer(consultation=consultation, actor=secretary, council=council, text="Ja",
                                    attachments=[check_upload(pdf_upload())])
    url = reverse("councils:attachment", kwargs={"attachment_pk": answer.attachments.get().pk})
    assert client_for(org).get(url).status_code == 404
    assert client_for(org, resident).get(url).status_code == 404
    assert client_for(org, secretary).get(url).status_code == 200
    assert client_for(org, staff).get(url).status_code == 200
    services.publish_answer(answer=answer, actor=staff)
    response = client_for(org).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES


def test_the_secretary_answers_through_the_form(client_for, org, process, council, secretary):
    consultation = make_consultation(process, [council])
    client = client_for(org, secretary)
    assert consultation.title in client.get(reverse("councils:my_consultations")).content.decode()
    url = reverse("councils:answer", kwargs={"consultation_pk": consultation.pk})
    response = client.post(url, {"responder": f"council-{council.pk}", "text": "Rådet tillstyrker.",
                                 "attachment_files": [pdf_upload()]})
    assert response.status_code == 302
    answer = ConsultationAnswer.objects.get()
    assert (answer.council, answer.text, answer.attachments.count()) == (council, "Rådet tillstyrker.", 1)
    assert "Ert råd har svarat" in client.get(url).content.decode()


def test_a_wrong_file_type_is_refused_with_a_swedish_message_and_nothing_is_saved(client_for, org, process,
                                                                                  council, secretary):
    consultation = make_consultation(process, [council])
    url = reverse("councils:answer", kwargs={"consultation_pk": consultation.pk})
    fake = SimpleUploadedFile("svar.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = client_for(org, secretary).post(url, {"responder": f"council-{council.pk}", "text": "Ja",
                                                     "attachment_files": [fake]})
    assert response.status_code == 400
    assert "Filen svar.pdf kan inte användas" in response.content.decode()
    assert not ConsultationAnswer.objects.exists()


def test_an_oversized_file_is_refused(client_for, org, process, council, secretary, settings):
    settings.RADSLAG_COUNCIL_ATTACHMENT_MAX_BYTES = 1024 * 1024
    consultation = make_consultation(process, [council])
    url = reverse("councils:answer", kwargs={"consultation_pk": consultation.pk})
    big = pdf_upload(data=PDF_BYTES + b"0" * (1024 * 1024))
    response = client_for(org, secretary).post(url, {"responder": f"council-{council.pk}", "text": "Ja",
                                                     "attachment_files": [big]})
    assert response.status_code == 400 and "högst 1 MB" in response.content.decode()


def test_a_late_answer_is_accepted_and_the_form_says_it_will_be_marked(client_for, org, process, council,
                                                                       secretary):
    consultation = make_consultation(process, [council], reply_in_days=-1)
    url = reverse("councils:answer", kwargs={"consultation_pk": consultation.pk})
    client = client_for(org, secretary)
    assert "markeras som sent" in client.get(url).content.decode()
    client.post(url, {"responder": f"council-{council.pk}", "text": "Ja"})
    assert ConsultationAnswer.objects.get().late


def test_a_late_answer_is_marked_on_the_public_answers_page_and_an_answer_in_time_is_not(
        client_for, org, staff, process, council, secretary):
    youth = make_council(org, name="Ungdomsrådet", slug="ungdomsradet")
    in_time = services.submit_answer(consultation=make_consultation(process, [youth]), actor=staff, council=youth,
                                     text="Ungdomsrådet tillstyrker.")
    late = services.submit_answer(consultation=make_consultation(process, [council], reply_in_days=-1),
                                  actor=secretary, council=council, text="Rådet vill ha fler bänkar.")
    for answer in (in_time, late):
        services.publish_answer(answer=answer, actor=staff)
    page = client_for(org).get(reverse("councils:process_answers", kwargs={"slug": process.slug})).content.decode()
    articles = {article.split("</h3>")[0]: article for article in page.split("<article")[1:]}
    late_article = next(a for h, a in articles.items() if "Svar från Pensionärsrådet" in h)
    in_time_article = next(a for h, a in articles.items() if "Svar från Ungdomsrådet" in h)
    assert "· efter svarsdatumet" in late_article
    assert "efter svarsdatumet" not in in_time_article


def test_a_secretary_of_another_council_may_not_open_the_form(client_for, org, process, council):
    other_secretary = user_with_role(org, Role.RESIDENT)
    make_council(org, name="Ungdomsrådet", slug="ungdomsradet", secretary=other_secretary)
    consultation = make_consultation(process, [council])
    url = reverse("councils:answer", kwargs={"consultation_pk": consultation.pk})
    assert client_for(org, other_secretary).get(url).status_code == 403


def test_staff_create_send_and_publish_from_the_pages(client_for, org, staff, process, council, secretary,
                                                      django_capture_on_commit_callbacks, mailoutbox):
    client = client_for(org, staff)
    response = client.post(reverse("councils:staff_consultation_create", kwargs={"pk": process.pk}), {
        "kind": "remiss", "title": "Bänkar vid Ale torg", "question": "Var behövs bänkar?",
        "reply_by": "2026-12-20", "councils": [council.pk], "document_files": [pdf_upload("forslag.pdf")]})
    consultation = Consultation.objects.get()
    assert response.status_code == 302 and consultation.documents.get().name == "forslag.pdf"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("councils:staff_consultation_send", kwargs={"consultation_pk": consultation.pk}))
    assert [m.to for m in mailoutbox] == [["sekreterare@example.se"]]
    consultation.refresh_from_db()
    assert f"/remisser/{consultation.pk}/svara/" in mailoutbox[0].body
    answer = services.submit_answer(consultation=consultation, actor=secretary, council=council, text="Vid torget.")
    page = client.get(reverse("councils:staff_consultations")).content.decode()
    assert "1 av 1 har svarat" in page and "1 att publicera" in page
    client.post(reverse("councils:staff_answer_publish", kwargs={"answer_pk": answer.pk}))
    assert Contribution.objects.get(process=process).channel == Channel.COUNCIL
    public = client_for(org).get(reverse("councils:process_answers", kwargs={"slug": process.slug}))
    assert "Vid torget." in public.content.decode() and "Pensionärsrådet" in public.content.decode()
    detail = client_for(org).get(reverse("dialogues:process_detail", kwargs={"slug": process.slug}))
    assert reverse("councils:process_answers", kwargs={"slug": process.slug}) in detail.content.decode()


def test_staff_see_overdue_consultations(client_for, org, staff, process, council):
    make_consultation(process, [council], reply_in_days=-2)
    page = client_for(org, staff).get(reverse("councils:staff_consultations")).content.decode()
    assert "Försenat:" in page and "1 försenad remiss" in page


def test_the_consultation_list_costs_a_fixed_number_of_queries(client_for, org, staff, process, council,
                                                              django_assert_max_num_queries):
    for _ in range(5):
        make_consultation(process, [council])
    client = client_for(org, staff)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("councils:staff_consultations")).status_code == 200


def test_staff_add_a_secretary_by_the_accounts_address(client_for, org, staff, council, resident):
    url = reverse("councils:staff_member_create", kwargs={"council_pk": council.pk})
    response = client_for(org, staff).post(url, {"name": "Karin", "role": "secretary",
                                                 "account_email": "ingen@example.se"})
    assert response.status_code == 400 and "Det finns inget konto" in response.content.decode()
    client_for(org, staff).post(url, {"name": "Karin", "role": "secretary", "account_email": resident.email})
    assert CouncilMember.objects.get(name="Karin").user == resident


def test_minutes_must_be_a_pdf(client_for, org, staff, council):
    url = reverse("councils:staff_meeting_create", kwargs={"council_pk": council.pk})
    word = SimpleUploadedFile("protokoll.docx", b"PK\x03\x04junk")
    response = client_for(org, staff).post(url, {"starts_at": "2026-12-10T18:00", "minutes_file": word})
    assert response.status_code == 400 and not CouncilMeeting.objects.exists()
    client_for(org, staff).post(url, {"starts_at": "2026-12-10T18:00", "minutes_file": pdf_upload("p.pdf"),
                                      "minutes_published": "on"})
    assert CouncilMeeting.objects.get().has_public_minutes
