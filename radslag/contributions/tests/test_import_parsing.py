"""Reading and checking import files: nothing is accepted unless every row is valid."""

import io

import pytest
from openpyxl import Workbook

from radslag.contributions.imports import ImportFileError, parse_import
from radslag.contributions.models import Channel
from radslag.dialogues.tests.factories import ActivityFactory, ProcessFactory, TableFactory
from radslag.governance.tests.factories import FocusAreaFactory, StrategicPlanFactory
from radslag.organisations.tests.factories import LocalityFactory


@pytest.fixture
def process(org):
    process = ProcessFactory(organisation=org)
    evening = ActivityFactory(process=process, title="Dialogkväll 19 september")
    TableFactory(activity=evening, name="Bord 3")
    LocalityFactory(organisation=org, name="Nödinge")
    plan = StrategicPlanFactory(organisation=org)
    FocusAreaFactory(plan=plan, name="Medskapande invånare", slug="medskapande-invanare")
    FocusAreaFactory(plan=plan, name="Glädjen i att lära", slug="gladjen-i-att-lara")
    return process


def xlsx_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


FULL_CSV = (
    "text;kanal;aktivitet;bord;ålder;kön;ort;fokusområde;datum;id\n"
    "Fler bänkar längs älven;lapp;Dialogkväll 19 september;Bord 3;30-44;kvinna;Nödinge;"
    '"Medskapande invånare; gladjen-i-att-lara";2019-09-19;L-17\n'
    "Bättre belysning vid stationen;bordsanteckning;;;;;;;;\n"
)


def test_utf8_semicolon_file_with_every_column_is_read(process):
    parsed = parse_import(FULL_CSV.encode(), process=process)
    assert parsed.is_valid, parsed.errors
    first, second = parsed.rows
    assert first.body == "Fler bänkar längs älven"
    assert first.channel == Channel.SLIP
    assert first.activity.title == "Dialogkväll 19 september"
    assert first.table.name == "Bord 3"
    assert (first.age_band, first.sex, first.locality.name) == ("30-44", "female", "Nödinge")
    assert {area.slug for area in first.focus_areas} == {"medskapande-invanare", "gladjen-i-att-lara"}
    assert first.external_id == "L-17"
    assert second.channel == Channel.TABLE_NOTE


def test_utf8_with_bom_and_commas_is_read(process):
    data = "\ufeffInspel,Kanal\n\"Mer grönt, färre parkeringar\",intervju\n".encode()
    parsed = parse_import(data, process=process)
    assert [row.body for row in parsed.rows] == ["Mer grönt, färre parkeringar"]
    assert parsed.rows[0].channel == Channel.INTERVIEW


def test_excel_windows_1252_with_swedish_letters_is_read(process):
    data = "text;kön\nÅtervinning på Älvängen och Skepplanda – gärna även för möbler;Man\n".encode("cp1252")
    parsed = parse_import(data, process=process)
    assert parsed.rows[0].body == "Återvinning på Älvängen och Skepplanda – gärna även för möbler"
    assert parsed.rows[0].sex == "male"


def test_xlsx_is_read_with_numbers_and_dates(process):
    import datetime as dt

    data = xlsx_bytes([["Text", "Kanal", "ID", "Datum"], ["Skolan är viktigast", "Enkät", 42, dt.datetime(2019, 3, 6)]])
    parsed = parse_import(data, process=process)
    assert parsed.is_valid, parsed.errors
    assert parsed.rows[0].body == "Skolan är viktigast"
    assert parsed.rows[0].channel == Channel.SURVEY
    assert parsed.rows[0].external_id == "42"


def test_rows_without_a_channel_get_the_chosen_default(process):
    parsed = parse_import(b"text\nEn lapp\n", process=process, default_channel=Channel.LETTER)
    assert parsed.rows[0].channel == Channel.LETTER


def test_one_bad_row_among_many_names_row_and_column_in_swedish(process):
    lines = ["text;kanal"] + [f"Inspel nummer {n};lapp" for n in range(30)]
    lines[13] = "Inspel med stavfel;lappp"
    parsed = parse_import("\n".join(lines).encode(), process=process)
    assert not parsed.is_valid
    assert parsed.error_row_count == 1
    assert str(parsed.errors[0]).startswith("Rad 14, kolumn ”kanal”: okänd kanal ”lappp”. Tillåtna: webb, lapp")


def test_each_kind_of_bad_value_is_reported(process):
    data = (
        "text;aktivitet;bord;ålder;kön;ort;fokusområde;datum\n"
        ";Okänd kväll;;;;;;\n"
        "Ok;;Bord 3;;;;;\n"
        "Ok;Dialogkväll 19 september;Bord 9;ung;okänt;Göteborg;Fel område;19/9\n"
        + "x" * 5001 + "\n"
    ).encode()
    parsed = parse_import(data, process=process)
    cells = [(error.row, error.column) for error in parsed.errors]
    assert cells == [
        (2, "text"), (2, "aktivitet"), (3, "bord"), (4, "bord"), (4, "ålder"), (4, "kön"), (4, "ort"),
        (4, "fokusområde"), (4, "datum"), (5, "text"),
    ]
    assert "5001 tecken" in str(parsed.errors[-1])
    assert parsed.error_row_count == 4


def test_errors_stop_at_200_but_all_bad_rows_are_counted(process):
    data = ("text;kanal\n" + "Inspel;fel\n" * 450).encode()
    parsed = parse_import(data, process=process)
    assert len(parsed.errors) == 200
    assert parsed.error_row_count == 450


def test_broken_bytes_in_a_utf8_file_name_the_row(process):
    data = "text\nVälkommen till Nol\n".encode() + b"Trasig rad \x81\x82 h\xe4r\n"
    parsed = parse_import(data, process=process)
    assert [(error.row, error.column) for error in parsed.errors] == [(3, "text")]
    assert "CSV UTF-8" in str(parsed.errors[0])


def test_blank_rows_are_skipped_but_keep_excel_numbering(process):
    parsed = parse_import(b"text;kanal\n\n;\nEtt inspel;fel\n", process=process)
    assert parsed.errors[0].row == 4


def test_formula_escape_from_our_exports_is_undone(process):
    parsed = parse_import(b"text\n'=SUMMA(A1)\n'Citat\n", process=process)
    assert [row.body for row in parsed.rows] == ["=SUMMA(A1)", "'Citat"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Filen är tom."),
        (b"   \n", "Filen är tom."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Filen är inte en CSV- eller XLSX-fil"),
        (b"%PDF-1.7\n", "Filen är inte en CSV- eller XLSX-fil"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Filen är inte en CSV- eller XLSX-fil"),
        (b"PK\x03\x04 not really a workbook", "Filen är inte en CSV- eller XLSX-fil"),
        (b"kanal;ort\nlapp;Nol\n", "Filen saknar kolumnen ”text”"),
        (b"text;Inspel\nett;tv\xc3\xa5\n", "Kolumnen ”text” finns två gånger"),
        (b"text\n", "Filen har inga rader med inspel"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(process, data, message):
    with pytest.raises(ImportFileError) as refused:
        parse_import(data, process=process)
    assert message in refused.value.message


def test_file_over_the_size_limit_is_refused(process, settings):
    settings.RADSLAG_IMPORT_MAX_BYTES = 1024 * 1024
    with pytest.raises(ImportFileError, match="större än 1 MB"):
        parse_import(b"text\n" + b"Inspel\n" * 200_000, process=process)


def test_file_with_too_many_rows_is_refused(process, settings):
    settings.RADSLAG_IMPORT_MAX_ROWS = 100
    with pytest.raises(ImportFileError, match="fler än 100 rader"):
        parse_import(b"text\n" + b"Inspel\n" * 101, process=process)
    assert len(parse_import(b"text\n" + b"Inspel\n" * 100, process=process).rows) == 100


def test_xlsx_made_into_csv_keeps_cells_and_excel_row_numbers(process):
    from radslag.contributions.imports import normalise_upload

    data = xlsx_bytes([["text", "kanal", "Kommentar, övrigt"], ["Rad två; med semikolon", "lapp", "x"], [None, None],
                       ["Rad fyra\nmed radbrytning", "fel", ""]])
    parsed = parse_import(normalise_upload(data), process=process, check_size=False)
    assert parsed.errors[0].row == 4
    assert parsed.ignored_columns == ["Kommentar, övrigt"]
    assert normalise_upload(b"text\nCSV stays\n") == b"text\nCSV stays\n"


def test_delimiter_is_taken_from_the_header_outside_quotes(process):
    parsed = parse_import('"text","Kommentar; övrigt"\n"Ett inspel; med semikolon",x\n'.encode(), process=process)
    assert parsed.rows[0].body == "Ett inspel; med semikolon"


def _rewrite_sheet(data: bytes, change) -> bytes:
    """The same workbook with its first sheet's XML passed through `change`."""
    import zipfile

    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = change(content)
            target.writestr(info.filename, content)
    return out.getvalue()


def test_a_sheet_declaring_a_huge_dimension_costs_only_its_real_cells(process):
    import re
    import time

    def huge(xml):
        xml = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml)
        far = b'<row r="150000"><c r="A150000" t="inlineStr"><is><t>Och en rad l\xc3\xa5ngt ner</t></is></c></row>'
        return xml.replace(b"</sheetData>", far + b"</sheetData>")

    data = _rewrite_sheet(xlsx_bytes([["text"], ["Fler bänkar"]]), huge)
    assert len(data) < 10_000  # openpyxl pads 150,000 rows to 16,384 columns each: minutes of CPU
    started = time.monotonic()
    parsed = parse_import(data, process=process)
    assert time.monotonic() - started < 2
    assert parsed.is_valid and [row.body for row in parsed.rows] == ["Fler bänkar", "Och en rad långt ner"]


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_parsing(process, settings):
    settings.RADSLAG_IMPORT_MAX_UNPACKED_BYTES = 5 * 1024 * 1024
    huge = "x" * (6 * 1024 * 1024)
    data = xlsx_bytes([["text"], [huge[:30000]]])
    data = _rewrite_sheet(data, lambda xml: xml.replace(b"</worksheet>", b"<!--" + huge.encode() + b"--></worksheet>"))
    assert len(data) < 100_000  # 6 MB of text packs small: this is what a zip bomb looks like
    with pytest.raises(ImportFileError, match="packas upp till mer än 5 MB"):
        parse_import(data, process=process)


def test_a_cell_longer_than_excel_allows_is_refused_by_row_and_column(process):
    long_cell = b'<row r="3"><c r="A3" t="inlineStr"><is><t>' + b"y" * 40_000 + b"</t></is></c></row>"
    data = _rewrite_sheet(xlsx_bytes([["text"], ["Kort"]]),
                          lambda xml: xml.replace(b"</sheetData>", long_cell + b"</sheetData>"))
    with pytest.raises(ImportFileError, match="Rad 3, kolumn 1"):
        parse_import(data, process=process)


def test_a_value_far_to_the_right_is_refused_by_row_and_column(process):
    data = _rewrite_sheet(xlsx_bytes([["text"], ["Fler bänkar"]]),
                          lambda xml: xml.replace(b"</row></sheetData>",
                                                  b'<c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'))
    with pytest.raises(ImportFileError, match="Rad 2 har ett värde i kolumn 16384"):
        parse_import(data, process=process)


def test_control_characters_are_dropped_from_imported_text(process):
    parsed = parse_import("text;id\nFler\x0b bänkar\x1b vid\x7f älven;L\x0c-1\n".encode(), process=process)
    assert parsed.is_valid, parsed.errors
    assert (parsed.rows[0].body, parsed.rows[0].external_id) == ("Fler bänkar vid älven", "L-1")
