"""The staff import page: upload, preview without writing, confirm to write, and who may do it."""


import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from radslag.audit.models import AuditEvent
from radslag.contributions.models import Contribution, ImportBatch
from radslag.contributions.views_io import PENDING_KEY
from radslag.dialogues.tests.factories import ProcessFactory


@pytest.fixture
def process(org):
    return ProcessFactory(organisation=org)


def upload(content: bytes, name="inspel.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


CSV = "text;kanal\n" + "".join(f"Lapp nummer {n} från dialogkvällen;lapp\n" for n in range(25)) + "Ett brev;brev\n"


def test_upload_shows_a_preview_and_writes_nothing(client_for, org, staff, process):
    client = client_for(org, staff)
    response = client.post(reverse("contributions_io:import", args=[process.pk]), {
        "file": upload(CSV.encode()), "default_channel": "slip",
    })
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kontrollera innan du importerar" in page
    assert "inspel.csv har 26 inspel" in page
    assert "Lapp nummer 19 från dialogkvällen" in page
    assert "Lapp nummer 20 från dialogkvällen" not in page  # only the first 20 rows are shown
    assert '<td class="num">25</td>' in page  # per-channel counts: 25 slips and 1 letter
    assert not Contribution.objects.exists()
    assert default_storage.exists(client.session[PENDING_KEY]["storage_name"])


def test_confirm_writes_every_row_in_one_batch_with_an_audit_event(client_for, org, staff, process):
    client = client_for(org, staff)
    url = reverse("contributions_io:import", args=[process.pk])
    client.post(url, {"file": upload(CSV.encode()), "default_channel": "slip"})
    pending = client.session[PENDING_KEY]
    response = client.post(url, {"confirm": "1", "token": pending["token"], "publication": "publish"}, follow=True)
    assert "26 inspel importerades från inspel.csv" in response.content.decode()
    batch = ImportBatch.objects.get()
    assert (batch.process, batch.row_count, batch.created_by) == (process, 26, staff)
    imported = Contribution.objects.filter(import_batch=batch)
    assert imported.count() == 26
    assert set(imported.values_list("status", "entered_by", "organisation")) == {("published", staff.pk, org.pk)}
    event = AuditEvent.objects.get(action="contributions.imported")
    assert event.data["count"] == 26
    assert not default_storage.exists(pending["storage_name"])
    assert PENDING_KEY not in client.session


def test_confirming_twice_imports_once(client_for, org, staff, process):
    client = client_for(org, staff)
    url = reverse("contributions_io:import", args=[process.pk])
    client.post(url, {"file": upload(CSV.encode()), "default_channel": "slip"})
    token = client.session[PENDING_KEY]["token"]
    client.post(url, {"confirm": "1", "token": token})
    response = client.post(url, {"confirm": "1", "token": token}, follow=True)
    assert "Ladda upp den igen" in response.content.decode()
    assert Contribution.objects.count() == 26


def test_a_token_from_another_session_is_not_accepted(client_for, org, staff, process):
    owner = client_for(org, staff)
    url = reverse("contributions_io:import", args=[process.pk])
    owner.post(url, {"file": upload(CSV.encode()), "default_channel": "slip"})
    token = owner.session[PENDING_KEY]["token"]
    other = client_for(org, staff)
    other.post(url, {"confirm": "1", "token": token})
    assert not Contribution.objects.exists()


def test_cancel_deletes_the_waiting_file(client_for, org, staff, process):
    client = client_for(org, staff)
    url = reverse("contributions_io:import", args=[process.pk])
    client.post(url, {"file": upload(CSV.encode()), "default_channel": "slip"})
    stored = client.session[PENDING_KEY]["storage_name"]
    response = client.post(url, {"cancel": "1"}, follow=True)
    assert "Importen avbröts" in response.content.decode()
    assert not default_storage.exists(stored)
    assert not Contribution.objects.exists()


def test_errors_are_listed_with_row_and_column_and_nothing_is_kept(client_for, org, staff, process):
    client = client_for(org, staff)
    bad = CSV.replace("Lapp nummer 12 från dialogkvällen;lapp", "Lapp nummer 12;lappp")
    response = client.post(reverse("contributions_io:import", args=[process.pk]), {
        "file": upload(bad.encode()), "default_channel": "slip",
    })
    page = response.content.decode()
    assert "Inget importerades" in page
    assert "<th scope=\"row\">14</th><td>kanal</td><td>okänd kanal ”lappp”" in page
    assert PENDING_KEY not in client.session
    assert not Contribution.objects.exists()


def test_wrong_file_type_is_refused_on_the_form(client_for, org, staff, process):
    client = client_for(org, staff)
    response = client.post(reverse("contributions_io:import", args=[process.pk]), {
        "file": upload(b"\x89PNG\r\n\x1a\n\x00\x00", name="inspel.csv"), "default_channel": "slip",
    })
    assert "Filen är inte en CSV- eller XLSX-fil" in response.content.decode()


def test_too_big_file_is_refused_before_reading(client_for, org, staff, process, settings):
    settings.RADSLAG_IMPORT_MAX_BYTES = 1024 * 1024
    client = client_for(org, staff)
    response = client.post(reverse("contributions_io:import", args=[process.pk]), {
        "file": upload(b"text\n" + b"x" * (1024 * 1024 + 1)), "default_channel": "slip",
    })
    assert "Filen är större än 1 MB" in response.content.decode()


def test_page_explains_columns_and_offers_templates(client_for, org, staff, process):
    response = client_for(org, staff).get(reverse("contributions_io:import", args=[process.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Importera inspel" in page
    assert reverse("contributions_io:template", args=["xlsx"]) in page


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_templates_download_and_import_cleanly(client_for, org, staff, process, fmt):
    from radslag.contributions.imports import parse_import

    response = client_for(org, staff).get(reverse("contributions_io:template", args=[fmt]))
    assert response.status_code == 200
    assert f"inspel-mall.{fmt}" in response["Content-Disposition"]
    parsed = parse_import(response.content, process=process)
    assert parsed.is_valid, parsed.errors


def test_resident_gets_403(client_for, org, resident, process):
    client = client_for(org, resident)
    assert client.get(reverse("contributions_io:import", args=[process.pk])).status_code == 403
    assert client.get(reverse("contributions_io:template", args=["csv"])).status_code == 403


def test_signed_out_visitor_is_sent_to_sign_in(client_for, org, process):
    response = client_for(org).get(reverse("contributions_io:import", args=[process.pk]))
    assert response.status_code == 302


def test_other_municipalitys_process_is_404(client_for, org, other_org, staff):
    foreign = ProcessFactory(organisation=other_org)
    client = client_for(org, staff)
    assert client.get(reverse("contributions_io:import", args=[foreign.pk])).status_code == 404
    response = client.post(reverse("contributions_io:import", args=[foreign.pk]), {
        "file": upload(CSV.encode()), "default_channel": "slip",
    })
    assert response.status_code == 404
    assert not Contribution.objects.exists()


def test_xlsx_upload_previews_and_imports(client_for, org, staff, process):
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    rows = [["Inspel", "Kanal", "Ålder"], ["Mer ljus i Alafors", "Intervju", "16–19"], [], ["Trygg skolväg", "", ""]]
    for row in rows:
        workbook.active.append(row)
    content = io.BytesIO()
    workbook.save(content)
    client = client_for(org, staff)
    url = reverse("contributions_io:import", args=[process.pk])
    page = client.post(url, {"file": upload(content.getvalue(), name="lappar.xlsx"), "default_channel": "slip"})
    assert "lappar.xlsx har 2 inspel" in page.content.decode()
    client.post(url, {"confirm": "1", "token": client.session[PENDING_KEY]["token"]})
    assert set(Contribution.objects.values_list("body", "channel", "age_band")) == {
        ("Mer ljus i Alafors", "interview", "16-19"), ("Trygg skolväg", "slip", ""),
    }


def test_uploads_left_waiting_for_a_day_are_removed(client_for, org, staff, process, monkeypatch):
    import datetime as dt

    from django.core.files.base import ContentFile
    from django.utils import timezone

    old = default_storage.save("contribution-imports/forgotten.upload", ContentFile(b"text\nGammal\n"))
    later = timezone.now() + dt.timedelta(hours=25)
    monkeypatch.setattr("radslag.contributions.views_io.timezone.now", lambda: later)
    client = client_for(org, staff)
    client.post(reverse("contributions_io:import", args=[process.pk]), {
        "file": upload(CSV.encode()), "default_channel": "slip",
    })
    assert not default_storage.exists(old)
    assert default_storage.exists(client.session[PENDING_KEY]["storage_name"])


def test_preview_queries_do_not_grow_with_the_rows(client_for, org, staff, process, django_assert_max_num_queries):
    from radslag.dialogues.tests.factories import ActivityFactory

    ActivityFactory(process=process, title="Dialogkväll")
    big = "text;aktivitet\n" + "".join(f"Lapp {n};Dialogkväll\n" for n in range(500))
    client = client_for(org, staff)
    with django_assert_max_num_queries(12):
        response = client.post(reverse("contributions_io:import", args=[process.pk]), {
            "file": upload(big.encode()), "default_channel": "slip",
        })
    assert "inspel.csv har 500 inspel" in response.content.decode()
