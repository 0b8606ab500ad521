"""Exporting a process's contributions: formats, what they hold, safety in spreadsheets, and who may export."""

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from radslag.audit.models import AuditEvent
from radslag.contributions.imports import import_contributions, parse_import
from radslag.contributions.models import Channel, Contribution
from radslag.contributions.tests.factories import ContributionFactory
from radslag.dialogues.tests.factories import ActivityFactory, ProcessFactory, TableFactory
from radslag.governance.tests.factories import FocusAreaFactory
from radslag.organisations.tests.factories import LocalityFactory


@pytest.fixture
def process(org):
    process = ProcessFactory(organisation=org, slug="motesplatser")
    table = TableFactory(activity=ActivityFactory(process=process, title="Dialogkväll i Nol"), name="Bord 2")
    area = FocusAreaFactory(plan__organisation=org, name="Medskapande invånare")
    first = ContributionFactory(
        process=process, body="Fler bänkar längs älven", channel=Channel.SLIP, activity=table.activity, table=table,
        age_band="65-79", sex="female", locality=LocalityFactory(organisation=org, name="Nol"),
    )
    first.focus_areas.add(area)
    ContributionFactory(process=process, body="=HYPERLINK(\"http://x.example\")", status=Contribution.Status.HIDDEN)
    ContributionFactory(process=process, body="Skolan behöver mer personal", status=Contribution.Status.PENDING)
    ContributionFactory(process=ProcessFactory(organisation=org), body="Ett inspel i en annan process")
    return process


def download(client, process, fmt):
    response = client.get(reverse("contributions_io:export", args=[process.pk]), {"format": fmt})
    assert response.status_code == 200
    return response


def test_csv_opens_in_excel_with_every_status_and_no_formula(client_for, org, staff, process):
    response = download(client_for(org, staff), process, "csv")
    assert response.streaming
    assert 'filename="inspel-motesplatser-' in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeffid;text;")
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert [row["text"] for row in rows] == [
        "Fler bänkar längs älven", "'=HYPERLINK(\"http://x.example\")", "Skolan behöver mer personal",
    ]
    assert [row["status"] for row in rows] == ["published", "hidden", "pending"]
    first = rows[0]
    assert (first["kanal"], first["aktivitet"], first["bord"]) == ("slip", "Dialogkväll i Nol", "Bord 2")
    assert (first["ålder"], first["kön"], first["ort"], first["fokusområde"]) == ("65-79", "kvinna", "Nol",
                                                                                  "Medskapande invånare")
    assert "@" not in content  # no author e-mail addresses


def test_xlsx_holds_the_same_rows_with_formulas_neutralised(client_for, org, staff, process):
    response = download(client_for(org, staff), process, "xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("id", "text", "publicerad text")
    assert [row[1] for row in rows[1:]] == [
        "Fler bänkar längs älven", "'=HYPERLINK(\"http://x.example\")", "Skolan behöver mer personal",
    ]


def test_json_streams_records_with_codes_and_stockholm_time(client_for, org, staff, process):
    response = download(client_for(org, staff), process, "json")
    data = json.loads(b"".join(response.streaming_content))
    assert data["process"]["slug"] == "motesplatser"
    records = data["contributions"]
    assert [record["status"] for record in records] == ["published", "hidden", "pending"]
    assert records[1]["text"] == "=HYPERLINK(\"http://x.example\")"  # JSON is not a spreadsheet: unchanged
    assert records[0]["focus_areas"][0]["name"] == "Medskapande invånare"
    assert records[0]["created_at"].endswith(("+01:00", "+02:00"))


def test_export_page_counts_by_status_and_each_download_is_logged(client_for, org, staff, process):
    client = client_for(org, staff)
    page = client.get(reverse("contributions_io:export", args=[process.pk])).content.decode()
    assert "Exportera inspel" in page
    assert "processens 3 inspel" in page
    b"".join(download(client, process, "csv").streaming_content)
    assert AuditEvent.objects.filter(action="contributions.exported", data__format="csv").count() == 1


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_imports_back_with_the_same_texts(client_for, org, staff, process, fmt):
    originals = list(Contribution.objects.filter(process=process).order_by("pk").values_list("body", "channel"))
    response = download(client_for(org, staff), process, fmt)
    parsed = parse_import(b"".join(response.streaming_content), process=process)
    assert parsed.is_valid, parsed.errors
    batch = import_contributions(process=process, rows=parsed.rows, actor=staff, filename=f"export.{fmt}")
    copies = list(batch.contributions.order_by("pk").values_list("body", "channel"))
    assert copies == originals
    first = batch.contributions.order_by("pk").first()
    assert (first.table.name, first.locality.name, first.sex) == ("Bord 2", "Nol", "female")


def test_resident_gets_403(client_for, org, resident, process):
    client = client_for(org, resident)
    assert client.get(reverse("contributions_io:export", args=[process.pk]), {"format": "csv"}).status_code == 403


def test_other_municipalitys_process_is_404(client_for, org, other_org, staff):
    foreign = ProcessFactory(organisation=other_org)
    ContributionFactory(process=foreign)
    response = client_for(org, staff).get(reverse("contributions_io:export", args=[foreign.pk]), {"format": "csv"})
    assert response.status_code == 404


def test_stored_control_characters_do_not_break_csv_or_xlsx(client_for, org, staff):
    """A vertical tab and an escape stored before input was cleaned used to make the XLSX export answer 500."""
    process = ProcessFactory(organisation=org)
    ContributionFactory(process=process, body="Fler\x0b bänkar\x1b[0m vid älven")
    client = client_for(org, staff)
    sheet = load_workbook(io.BytesIO(b"".join(download(client, process, "xlsx").streaming_content))).worksheets[0]
    assert sheet.cell(row=2, column=2).value == "Fler bänkar[0m vid älven"
    content = b"".join(download(client, process, "csv").streaming_content).decode("utf-8")
    assert "Fler bänkar[0m vid älven" in content
