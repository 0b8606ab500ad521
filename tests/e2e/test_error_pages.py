"""Error pages and the population preview are pages of the site: its layout, navigation, no serious WCAG violations."""

import pytest

from radslag.organisations.models import PopulationFigure
from radslag.organisations.tests.factories import LocalityFactory
from tests.e2e.accessibility import assert_accessible

pytestmark = pytest.mark.e2e


def test_the_404_page_has_the_navigation_and_no_serious_violations(page, site):
    response = page.goto("/finns-inte/")
    assert response is not None and response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Sidan kunde inte hittas."
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Dialoger").click()
    page.wait_for_url("**/dialoger/")
    page.goto("/finns-inte/")
    assert_accessible(page, "page not found")


def test_an_administrator_sees_what_a_population_file_would_replace_before_confirming(page_as, administrator, site):
    nodinge = LocalityFactory(organisation=site, name="Nödinge")
    surte = LocalityFactory(organisation=site, name="Surte")
    for locality in (nodinge, surte):
        PopulationFigure.objects.create(organisation=site, year=2024, locality=locality, age_band="20-29",
                                        sex="male", count=100)
    page = page_as(administrator)
    page.goto("/personal/befolkning/")
    page.get_by_label("CSV-fil").set_input_files(files=[{
        "name": "befolkning.csv", "mimeType": "text/csv",
        "buffer": "år;ort;åldersgrupp;kön;antal\n2024;Nödinge;20-29;man;7\n".encode(),
    }])
    page.get_by_role("button", name="Kontrollera filen").click()
    page.get_by_text("Orter som inte skulle ha några siffror för året: Surte").wait_for()
    assert PopulationFigure.objects.filter(year=2024).count() == 2
    assert_accessible(page, "population import preview")
    page.get_by_role("button", name="Ersätt siffrorna").click()
    page.get_by_text("1 rader importerade för 2024.").wait_for()
    assert list(PopulationFigure.objects.filter(year=2024).values_list("count", flat=True)) == [7]
