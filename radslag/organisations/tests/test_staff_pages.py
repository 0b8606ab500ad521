"""Staff pages of the organisations app: who may open them, and what they do."""

import datetime as dt
import io
import re

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


def upload_and_confirm(client, data):
    """The import shows what it would replace first; the figures are written when the preview is confirmed."""
    preview = client.post("/personal/befolkning/", data)
    assert preview.status_code == 200 and "Ersätt siffrorna" in preview.content.decode()
    token = re.search(r'name="token" value="([^"]+)"', preview.content.decode()).group(1)
    return client.post("/personal/befolkning/bekrafta/", {"token": token}, follow=True)


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


def test_feedback_comments_are_dated_with_the_swedish_month(client_for, org, staff):
    comment = PageFeedback.objects.create(organisation=org, path="/beslut/", helpful=False, comment="Svårt")
    PageFeedback.objects.filter(pk=comment.pk).update(created_at=dt.datetime(2020, 6, 30, 10, 15, tzinfo=dt.UTC))
    page = client_for(org, staff).get("/personal/sidfeedback/").content.decode()
    assert "30 juni 2020 12:15" in page and "Jun 2020" not in page


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
    response = upload_and_confirm(client_for(org, admin_user), {"file": upload(CSV)})
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
    upload_and_confirm(client, {"file": upload(CSV, encoding="cp1252"), "create_localities": "on"})
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


def test_a_one_row_file_shows_what_it_would_remove_and_writes_nothing_until_confirmed(client_for, org, admin_user):
    """A one-row file used to replace a whole year's figures silently."""
    nodinge, surte = LocalityFactory(organisation=org, name="Nödinge"), LocalityFactory(organisation=org, name="Surte")
    for locality, band in ((nodinge, "20-29"), (nodinge, "80+"), (surte, "20-29")):
        PopulationFigure.objects.create(organisation=org, year=2024, locality=locality, age_band=band, sex="male",
                                        count=100)
    client = client_for(org, admin_user)
    preview = client.post("/personal/befolkning/", {"file": upload(HEADER_ONE_ROW)})
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "Importen skulle ta bort siffrorna för 2 grupper för 2024 som inte finns i filen." in page
    assert "Orter som inte skulle ha några siffror för året: Surte" in page
    assert "Nödinge, 80+, Man" in page
    assert PopulationFigure.objects.filter(year=2024).count() == 3  # nothing written yet
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    refused = client.post("/personal/befolkning/bekrafta/", {"token": "fel"}, follow=True)
    assert "väntar inte längre på bekräftelse" in refused.content.decode()
    assert PopulationFigure.objects.filter(year=2024).count() == 3
    client.post("/personal/befolkning/bekrafta/", {"token": token})
    assert list(PopulationFigure.objects.filter(year=2024).values_list("count", flat=True)) == [7]
    again = client.post("/personal/befolkning/bekrafta/", {"token": token}, follow=True)
    assert "väntar inte längre på bekräftelse" in again.content.decode()


HEADER_ONE_ROW = "år;ort;åldersgrupp;kön;antal\n2024;Nödinge;20-29;man;7\n"


def test_only_administrators_may_confirm_a_population_import(client_for, org, staff):
    response = client_for(org, staff).post("/personal/befolkning/bekrafta/", {"token": "x"})
    assert response.status_code == 403
    assert client_for(org).post("/personal/befolkning/bekrafta/", {"token": "x"}).status_code == 302


def test_the_command_refuses_to_remove_groups_unless_told_to_replace(org, tmp_path):
    surte = LocalityFactory(organisation=org, name="Surte")
    PopulationFigure.objects.create(organisation=org, year=2024, locality=surte, age_band="80+", sex="male", count=9)
    path = tmp_path / "befolkning.csv"
    path.write_text(CSV, encoding="utf-8")
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="--replace"):
        call_command("import_population", "--organisation", "ale", "--create-localities", str(path), stderr=stderr)
    assert "Surte" in stderr.getvalue()
    assert PopulationFigure.objects.filter(organisation=org).count() == 1
    call_command("import_population", "--organisation", "ale", "--create-localities", "--replace", str(path),
                 stdout=io.StringIO())
    assert PopulationFigure.objects.filter(organisation=org).count() == 2
