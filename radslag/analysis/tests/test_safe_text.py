"""Text from people: control characters go where text enters, and no writer ever chokes on what is left."""

import csv
import io
from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from radslag.analysis.safe_text import (
    clean_text,
    neutralise_formula,
    spreadsheet_cell,
    unneutralise_formula,
    writable_tree,
    writer_text,
)

BAD = "Rad ett\x0bmed\x1b[31m färg\x00 och\ud800 surrogat\ufffe"


def test_clean_text_keeps_tabs_newlines_and_swedish_letters_but_drops_controls():
    assert clean_text("Åsa\tÖrn\r\nsa: ”hej”\x0bdå\x1b\x00\x7f\x85\udcff") == "Åsa\tÖrn\nsa: ”hej”då"


def test_writer_text_keeps_line_breaks_and_drops_what_xml_refuses():
    assert writer_text(BAD) == "Rad ettmed[31m färg och surrogat"
    assert writer_text("a\r\nb\tc") == "a\r\nb\tc"


@given(st.text())
def test_cleaned_and_writer_text_can_always_be_written_to_xlsx_and_utf8(value):
    for text in (clean_text(value), writer_text(value)):
        text.encode("utf-8")
        sheet = Workbook().active
        sheet.append([text])  # openpyxl raises IllegalCharacterError for what XML cannot hold


def test_formulas_are_neutralised_and_the_import_undoes_it():
    for formula in ("=1+1", "+46", "-2", "@SUM(A1)", "\t=x", "\r=x"):
        assert neutralise_formula(formula) == "'" + formula
        assert unneutralise_formula(neutralise_formula(formula)) == formula
    assert neutralise_formula("Fler bänkar") == "Fler bänkar"
    assert unneutralise_formula("'citat'") == "'citat'"


def test_spreadsheet_cells_leave_numbers_alone_and_clean_text():
    assert spreadsheet_cell(-1) == -1
    assert spreadsheet_cell(1.5) == 1.5
    assert spreadsheet_cell("=\x0bHYPERLINK()") == "'=HYPERLINK()"


def test_a_neutralised_csv_and_xlsx_read_back_as_text():
    row = [spreadsheet_cell(v) for v in (BAD, "=cmd|' /C calc'!A0", 3)]
    out = io.StringIO()
    csv.writer(out).writerow(row)
    out.getvalue().encode("utf-8")
    workbook = Workbook()
    workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    values = next(load_workbook(buffer).active.iter_rows(values_only=True))
    assert values == ("Rad ettmed[31m färg och surrogat", "'=cmd|' /C calc'!A0", 3)


@dataclass(frozen=True)
class Leaf:
    text: str
    count: int


def test_writable_tree_cleans_every_string_in_nested_dataclasses():
    tree = {"a\x0b": (Leaf("x\x1by", 2), [Leaf("\x00", 1)])}
    assert writable_tree(tree) == {"a": (Leaf("xy", 2), [Leaf("", 1)])}
