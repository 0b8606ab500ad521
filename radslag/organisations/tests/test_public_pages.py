"""Public pages of the organisations app: accessibility, privacy, page feedback, tenancy by host name."""

from django.contrib.messages import get_messages

from radslag.organisations.models import AccessibilityStatement, PageFeedback


def test_default_accessibility_statement_covers_the_law(client_for, org):
    org.contact_email = "kontakt@ale.se"
    org.save()
    response = client_for(org).get("/tillganglighet/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ale kommun ansvarar för den här webbplatsen" in page
    assert "Kända brister" in page
    assert "Rapportera ett problem eller be om innehållet i en annan form" in page
    assert "mailto:kontakt@ale.se" in page
    assert "Myndigheten för digital förvaltning (DIGG)" in page


def test_saved_accessibility_statement_replaces_the_default(client_for, org):
    AccessibilityStatement.objects.create(organisation=org, body="Vi har granskat allt i maj.")
    page = client_for(org).get("/tillganglighet/").content.decode()
    assert "Vi har granskat allt i maj." in page
    assert "Kända brister" not in page
    assert "DIGG" in page  # the supervisory authority is always named


def test_privacy_notice_states_public_interest_and_public_records(client_for, org):
    page = client_for(org).get("/personuppgifter/").content.decode()
    assert "uppgift av allmänt intresse" in page
    assert "allmän handling" in page
    assert "Dina rättigheter" in page


def test_every_page_asks_whether_it_helped(client_for, org):
    page = client_for(org).get("/personuppgifter/").content.decode()
    assert "Hjälpte den här sidan dig?" in page
    assert 'value="/personuppgifter/"' in page


def test_page_feedback_is_saved_and_thanked_for(client_for, org):
    client = client_for(org)
    response = client.post("/sida-feedback/", {"path": "/tillganglighet/", "helpful": "no", "comment": "För lång"})
    assert response.status_code == 302
    assert response["Location"] == "/tillganglighet/"
    feedback = PageFeedback.objects.get()
    assert (feedback.organisation, feedback.path, feedback.helpful, feedback.comment) == (
        org, "/tillganglighet/", False, "För lång")
    assert "Tack för ditt svar" in str(next(iter(get_messages(response.wsgi_request))))


def test_page_feedback_refuses_a_path_to_another_site(client_for, org):
    for path in ("https://elak.example.com/", "//elak.example.com/", "/\\elak.example.com"):
        response = client_for(org).post("/sida-feedback/", {"path": path, "helpful": "yes"})
        assert response["Location"] == "/"
    assert not PageFeedback.objects.exists()


def test_page_feedback_without_an_answer_saves_nothing(client_for, org):
    response = client_for(org).post("/sida-feedback/", {"path": "/beslut/", "comment": "hej"})
    assert response["Location"] == "/beslut/"
    assert not PageFeedback.objects.exists()


def test_two_municipalities_on_two_hosts_see_only_their_own_data(client_for, org, other_org):
    AccessibilityStatement.objects.create(organisation=org, body="Ales egen redogörelse.")
    AccessibilityStatement.objects.create(organisation=other_org, body="Grannens egen redogörelse.")
    ale = client_for(org).get("/tillganglighet/").content.decode()
    granne = client_for(other_org).get("/tillganglighet/").content.decode()
    assert "Ales egen redogörelse." in ale and "Grannens" not in ale
    assert "Grannens egen redogörelse." in granne and "Ales egen" not in granne
    client_for(other_org).post("/sida-feedback/", {"path": "/", "helpful": "yes"})
    assert PageFeedback.objects.get().organisation == other_org


def test_the_layout_speaks_swedish(client_for, org):
    page = client_for(org).get("/tillganglighet/").content.decode()
    assert "Hoppa till innehållet" in page
    assert "Så hanterar vi personuppgifter" in page
    assert "Ale kommun använder Rådslag" in page
