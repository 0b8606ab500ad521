"""Staff pages of the organisations app: who may open them, and what they do."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from radslag.audit.models import AuditEvent
from radslag.organisations.models import AccessibilityStatement, Body, Locality, PageFeedback, PopulationFigure
from radslag.organisations.tests.factories import BodyFactory, LocalityFactory

STAFF_URLS = ["/personal/sidfeedback/"]
ADMIN_URLS = ["/personal/tillganglighet/", "/personal/orter/", "/personal/organ/", "/personal/befolkning/"]
CSV = "år;ort;åldersgrupp;kön;antal\n2024;Nödinge;20-29;kvinna;412\n2024;Nödinge;20-29;man;398\n"


def upload(text, name="befolkning.csv", encoding="utf-8"):
    return io.BytesIO(text.encode(encoding)), name


@pytest.mark.parametrize("url", STAFF_URLS + ADMIN_URLS)
def test_signed_out_visitor_is_sent_to_sign_in(client_for, org, url):
    response = client_for(org).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


@pytest.mark.parametrize("url", STAFF_URLS + ADMIN_URLS)
def test_resident_gets_403(client_for, org, resident, url):
    assert client_for(org, resident).get(url).status_code == 403


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_staff_member_who_is_not_admin_gets_403(client_for, org, staff, url):
    assert client_for(org, staff).get(url).status_code == 403


def test_admin_of_another_municipality_gets_403(client_for, other_org, admin_user):
    assert client_for(other_org, admin_user).get("/personal/orter/").status_code == 403


def test_admin_saves_accessibility_statement(client_for, org, admin_user):
    client = client_for(org, admin_user)
    form = client.get("/personal/tillganglighet/")
    assert "WCAG 2.1" in form.content.decode()  # the default text is offered to start from
    response = client.post("/personal/tillganglighet/", {
        "body": "Webbplatsen uppfyller kraven helt.", "contact_email": "tillganglighet@ale.se",
        "contact_phone": "0303-33 00 00", "assessed_on": "2025-09-01"})
    assert response.status_code == 302
    statement = AccessibilityStatement.objects.get(organisation=org)
    assert statement.contact_email == "tillganglighet@ale.se"
    assert AuditEvent.objects.filter(organisation=org, action="accessibility_statement.saved").exists()
    page = client.get("/tillganglighet/").content.decode()
    assert "Webbplatsen uppfyller kraven helt." in page
    assert "0303-33 00 00" in page


def test_feedback_results_count_per_page(client_for, org, other_org, staff):
    for helpful in (True, True, True, False):
        PageFeedback.objects.create(organisation=org, path="/dialoger/", helpful=helpful)
    PageFeedback.objects.create(organisation=org, path="/beslut/", helpful=False, comment="Svårt att hitta datum")
    PageFeedback.objects.create(organisation=other_org, path="/granne-sida/", helpful=True, comment="Grannens åsikt")
    page = client_for(org, staff).get("/personal/sidfeedback/").content.decode()
    assert "/dialoger/" in page and "75 %" in page
    assert "Svårt att hitta datum" in page
    assert "/granne-sida/" not in page and "Grannens åsikt" not in page


def test_admin_adds_and_renames_a_locality(client_for, org, admin_user):
    client = client_for(org, admin_user)
    assert client.post("/personal/orter/", {"name": "Nödinge"}).status_code == 302
    locality = Locality.objects.get(organisation=org, name="Nödinge")
    duplicate = client.post("/personal/orter/", {"name": "nödinge"})
    assert "Det finns redan en ort med det här namnet." in duplicate.content.decode()
    client.post(f"/personal/orter/{locality.pk}/", {"name": "Nödinge centrum"})
    locality.refresh_from_db()
    assert locality.name == "Nödinge centrum"
    assert AuditEvent.objects.filter(organisation=org, action="locality.updated").exists()


def test_another_municipalitys_locality_and_body_are_404(client_for, org, other_org, admin_user):
    client = client_for(org, admin_user)
    assert client.get(f"/personal/orter/{LocalityFactory(organisation=other_org).pk}/").status_code == 404
    assert client.get(f"/personal/organ/{BodyFactory(organisation=other_org).pk}/").status_code == 404


def test_admin_adds_a_body(client_for, org, admin_user):
    response = client_for(org, admin_user).post("/personal/organ/", {
        "name": "Kommunfullmäktige", "kind": Body.Kind.COUNCIL, "description": ""})
    assert response.status_code == 302
    assert Body.objects.get(organisation=org).name == "Kommunfullmäktige"


def test_population_import_replaces_the_years_figures(client_for, org, admin_user):
    nodinge = LocalityFactory(organisation=org, name="Nödinge")
    PopulationFigure.objects.create(organisation=org, year=2024, locality=nodinge, age_band="80+", sex="male", count=9)
    PopulationFigure.objects.create(organisation=org, year=2023, locality=nodinge, age_band="80+", sex="male", count=7)
    response = client_for(org, admin_user).post("/personal/befolkning/", {"file": upload(CSV)}, follow=True)
    assert "2 rader importerade för 2024." in response.content.decode()
    assert sorted(PopulationFigure.objects.filter(year=2024).values_list("count", flat=True)) == [398, 412]
    assert PopulationFigure.objects.filter(year=2023).count() == 1
    event = AuditEvent.objects.get(organisation=org, action="population.imported")
    assert event.data["residents"] == 810


def test_population_import_with_a_bad_row_writes_nothing(client_for, org, admin_user):
    LocalityFactory(organisation=org, name="Nödinge")
    text = CSV + "2024;Nödinge;20-29;annat;-3\n"
    response = client_for(org, admin_user).post("/personal/befolkning/", {"file": upload(text)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ingenting importerades" in page
    assert "Rad 4, kolumn ”antal”" in page
    assert not PopulationFigure.objects.exists()
    assert not AuditEvent.objects.filter(action="population.imported").exists()


def test_population_import_can_create_missing_localities(client_for, org, admin_user):
    client = client_for(org, admin_user)
    refused = client.post("/personal/befolkning/", {"file": upload(CSV)})
    assert "Rad 2, kolumn ”ort”" in refused.content.decode()
    client.post("/personal/befolkning/", {"file": upload(CSV, encoding="cp1252"), "create_localities": "on"})
    assert Locality.objects.filter(organisation=org, name="Nödinge").exists()
    assert PopulationFigure.objects.filter(organisation=org).count() == 2


def test_import_population_command(org, other_org, tmp_path):
    path = tmp_path / "befolkning.csv"
    path.write_text(CSV, encoding="utf-8")
    call_command("import_population", "--organisation", "ale", "--create-localities", str(path), stdout=io.StringIO())
    assert PopulationFigure.objects.filter(organisation=org).count() == 2
    assert not PopulationFigure.objects.filter(organisation=other_org).exists()


def test_import_population_command_refuses_a_bad_file(org, tmp_path):
    path = tmp_path / "befolkning.csv"
    path.write_text(CSV + "20x4;Nödinge;20-29;man;1\n", encoding="utf-8")
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_population", "--organisation", "ale", "--create-localities", str(path), stderr=stderr)
    assert "Rad 4, kolumn ”år”" in stderr.getvalue()
    assert not PopulationFigure.objects.exists()
