"""`radslag import-contributions` and `radslag export-contributions`."""

import json

import pytest
from django.core.management import CommandError, call_command

from radslag.audit.models import AuditEvent
from radslag.contributions.models import Channel, Contribution, ImportBatch
from radslag.contributions.tests.factories import ContributionFactory
from radslag.dialogues.tests.factories import ProcessFactory


@pytest.fixture
def process(org):
    return ProcessFactory(organisation=org, slug="motesplatser")


def run_import(path, *extra):
    return call_command("import_contributions", str(path), "--process", "motesplatser", "--organisation", "ale",
                        *extra)


def test_import_writes_all_rows_as_one_batch(process, tmp_path, capsys):
    path = tmp_path / "lappar.csv"
    path.write_bytes("text;kanal\nFler bänkar;lapp\nBättre busstider;brev\n".encode("cp1252"))
    run_import(path)
    assert "2 inspel importerades" in capsys.readouterr().out
    batch = ImportBatch.objects.get()
    assert (batch.filename, batch.row_count, batch.created_by) == ("lappar.csv", 2, None)
    assert set(Contribution.objects.values_list("body", "channel")) == {
        ("Fler bänkar", Channel.SLIP), ("Bättre busstider", Channel.LETTER),
    }
    assert AuditEvent.objects.filter(action="contributions.imported").count() == 1


def test_dry_run_writes_nothing(process, tmp_path, capsys):
    path = tmp_path / "lappar.csv"
    path.write_text("text\nFler bänkar\n", encoding="utf-8")
    run_import(path, "--dry-run")
    assert "Provkörning: 1 inspel är giltiga" in capsys.readouterr().out
    assert not Contribution.objects.exists()


def test_invalid_rows_exit_with_code_2_and_the_swedish_error_list(process, tmp_path, capsys):
    path = tmp_path / "lappar.csv"
    path.write_text("text;kanal\nFler bänkar;lapp\nFel kanal;lappp\n", encoding="utf-8")
    with pytest.raises(CommandError) as failed:
        run_import(path)
    assert failed.value.returncode == 2
    assert "Inget importerades: 1 rader har fel." in str(failed.value)
    assert "Rad 3, kolumn ”kanal”: okänd kanal ”lappp”" in capsys.readouterr().err
    assert not Contribution.objects.exists()


def test_unusable_file_and_unknown_process_exit_with_code_2(process, tmp_path):
    path = tmp_path / "bild.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(CommandError, match="inte en CSV- eller XLSX-fil") as failed:
        run_import(path)
    assert failed.value.returncode == 2
    with pytest.raises(CommandError, match="ingen process ”okand”") as failed:
        call_command("import_contributions", str(path), "--process", "okand", "--organisation", "ale")
    assert failed.value.returncode == 2


def test_export_writes_every_status_to_the_chosen_format(process, tmp_path):
    ContributionFactory(process=process, body="Synligt inspel")
    ContributionFactory(process=process, body="Dolt inspel", status=Contribution.Status.HIDDEN)
    output = tmp_path / "inspel.json"
    call_command("export_contributions", "--process", "motesplatser", "--organisation", "ale", "--format", "json",
                 "-o", str(output))
    texts = {record["text"] for record in json.loads(output.read_text(encoding="utf-8"))["contributions"]}
    assert texts == {"Synligt inspel", "Dolt inspel"}
    csv_output = tmp_path / "inspel.csv"
    call_command("export_contributions", "--process", "motesplatser", "--organisation", "ale", "--format", "csv",
                 "-o", str(csv_output))
    assert csv_output.read_bytes().startswith(b"\xef\xbb\xbfid;text;")
    assert AuditEvent.objects.filter(action="contributions.exported").count() == 2
