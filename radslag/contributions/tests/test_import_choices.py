"""What staff choose on the import preview: a file uploaded twice, rows without letters, moderation first,
and the date column stored as the time the input was given."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from radslag.contributions.imports import RowValues, import_contributions, parse_import
from radslag.contributions.models import Channel, Contribution, ImportBatch
from radslag.contributions.views_io import PENDING_KEY
from radslag.core.errors import DomainError
from radslag.dialogues.tests.factories import ProcessFactory

CSV = "text;datum;id\nFler bänkar vid älven;2026-03-04;L-1\nBättre belysning i parken;2026-03-05 18:30;L-2\n"


@pytest.fixture
def process(org):
    return ProcessFactory(organisation=org)


def upload(content: str, name="lappar.csv"):
    return SimpleUploadedFile(name, content.encode(), content_type="text/csv")


def preview(client, process, content):
    return client.post(reverse("contributions_io:import", args=[process.pk]), {
        "file": upload(content), "default_channel": "slip",
    })


def confirm(client, process, **choices):
    token = client.session[PENDING_KEY]["token"]
    return client.post(reverse("contributions_io:import", args=[process.pk]),
                       {"confirm": "1", "token": token, **choices}, follow=True)


def test_the_date_column_is_stored_as_the_time_the_input_was_given(process, staff):
    parsed = parse_import(CSV.encode(), process=process)
    import_contributions(process=process, rows=parsed.rows, actor=staff, filename="lappar.csv")
    first, second = Contribution.objects.order_by("external_id")
    assert timezone.localtime(first.given_at).isoformat() == "2026-03-04T00:00:00+01:00"
    assert not first.given_time_known  # a date alone is shown as a date, not as midnight
    assert timezone.localtime(second.given_at).strftime("%Y-%m-%d %H:%M") == "2026-03-05 18:30"
    assert second.given_time_known and second.time_given == second.given_at


def test_a_date_in_the_future_is_an_error_with_row_and_column(process):
    future = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    parsed = parse_import(f"text;datum\nEn lapp;{future}\n".encode(), process=process)
    assert [(e.row, e.column) for e in parsed.errors] == [(2, "datum")]


def test_the_same_id_twice_in_one_file_is_an_error_naming_both_rows(process):
    parsed = parse_import("text;id\nEtt;L-1\nTvå;L-2\nTre;L-1\n".encode(), process=process)
    assert not parsed.is_valid
    assert [(e.row, e.column) for e in parsed.errors] == [(4, "id")]
    assert "rad 2" in parsed.errors[0].message


def test_the_database_refuses_a_second_contribution_with_the_same_id(process, staff):
    import_contributions(process=process, rows=[RowValues(body="Lapp", channel=Channel.SLIP, external_id="L-1")],
                         actor=staff, filename="a.csv")
    with pytest.raises(IntegrityError), transaction.atomic():
        Contribution.objects.create(organisation=process.organisation, process=process, channel=Channel.SLIP,
                                    body="Kopia", external_id="L-1")
    other = ProcessFactory(organisation=process.organisation)
    import_contributions(process=other, rows=[RowValues(body="Lapp", channel=Channel.SLIP, external_id="L-1")],
                         actor=staff, filename="a.csv")  # ids are per process


def test_uploading_the_same_file_again_says_so_and_skips_the_rows_by_default(client_for, org, staff, process):
    client = client_for(org, staff)
    preview(client, process, CSV)
    confirm(client, process)
    assert Contribution.objects.count() == 2
    page = preview(client, process, CSV + "Ny lapp om lekplatsen;2026-03-06;L-3\n").content.decode()
    assert "2 rader har importerats tidigare (samma id)" in page
    assert "Hoppa över dem" in page
    response = confirm(client, process)
    assert "1 inspel importerades från lappar.csv" in response.content.decode()
    assert sorted(Contribution.objects.values_list("external_id", flat=True)) == ["L-1", "L-2", "L-3"]


def test_staff_may_import_repeated_rows_again_as_new_contributions(client_for, org, staff, process):
    client = client_for(org, staff)
    preview(client, process, CSV)
    confirm(client, process)
    preview(client, process, CSV)
    confirm(client, process, repeated="again")
    assert Contribution.objects.count() == 4
    assert Contribution.objects.filter(external_id="L-1").count() == 1  # the id still names the first one


def test_a_file_with_only_repeated_rows_imports_nothing_and_says_why(client_for, org, staff, process):
    client = client_for(org, staff)
    preview(client, process, CSV)
    confirm(client, process)
    preview(client, process, CSV)
    response = confirm(client, process, repeated="skip")
    assert "Alla rader har importerats tidigare" in response.content.decode()
    assert ImportBatch.objects.count() == 1


def test_a_text_without_letters_is_flagged_and_left_out_unless_staff_accept_it(client_for, org, staff, process):
    client = client_for(org, staff)
    content = "text\nFler bänkar vid älven\n12345\n"
    page = preview(client, process, content).content.decode()
    assert "1 rad ser ovanlig ut" in page
    assert "texten ”12345” har inga bokstäver" in page
    confirm(client, process)
    assert list(Contribution.objects.values_list("body", flat=True)) == ["Fler bänkar vid älven"]
    preview(client, process, "text\n12345\n")
    confirm(client, process, unusual="import")
    assert Contribution.objects.filter(body="12345").exists()


def test_staff_choose_moderation_per_import_and_it_is_the_default_where_the_process_has_rules(
    client_for, org, staff,
):
    ruled = ProcessFactory(organisation=org, moderation_rules="Inga personangrepp")
    client = client_for(org, staff)
    page = preview(client, ruled, CSV).content.decode()
    assert 'value="moderate" id="id_publication_0" checked' in page
    assert "Processen har regler för inspel, därför är moderering först förvald" in page
    response = confirm(client, ruled)
    assert "väntar i modereringskön" in response.content.decode()
    assert set(Contribution.objects.values_list("status", flat=True)) == {"pending"}
    assert ImportBatch.objects.get().published is False
    preview(client, ruled, "text\nEn till lapp\n")
    confirm(client, ruled, publication="publish")
    assert Contribution.objects.get(body="En till lapp").status == "published"


def test_without_rules_publishing_at_once_is_the_default(client_for, org, staff):
    open_process = ProcessFactory(organisation=org, moderation_rules="")
    client = client_for(org, staff)
    assert 'value="publish" id="id_publication_1" checked' in preview(client, open_process, CSV).content.decode()
    confirm(client, open_process)
    assert set(Contribution.objects.values_list("status", flat=True)) == {"published"}


def test_the_service_refuses_an_unknown_choice(process, staff):
    with pytest.raises(DomainError):
        import_contributions(process=process, rows=[RowValues(body="Lapp", channel=Channel.SLIP)], actor=staff,
                             filename="a.csv", repeated="maybe")


@pytest.mark.postgres
def test_the_migration_keeps_copies_imported_twice_before_the_rule(process):
    """Installations that imported a file twice before the rule get numbered ids, nothing is lost."""
    from importlib import import_module

    from django.apps import apps
    from django.db import connection

    migration = import_module("radslag.contributions.migrations.0005_import_given_at_and_once_per_id")
    rule = next(c for c in Contribution._meta.constraints if c.name == "contribution_external_id_once_per_process")
    with connection.schema_editor() as editor:
        editor.remove_constraint(Contribution, rule)
    for body in ("Första", "Kopia", "Kopia igen"):
        Contribution.objects.create(organisation=process.organisation, process=process, channel=Channel.SLIP,
                                    body=body, external_id="L-1")
    migration.number_earlier_duplicates(apps, None)
    assert list(Contribution.objects.order_by("pk").values_list("external_id", flat=True)) == ["L-1", "L-1~2",
                                                                                                "L-1~3"]
    # The test's transaction rolls the removed rule back.
