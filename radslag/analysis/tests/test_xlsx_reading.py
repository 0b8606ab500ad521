"""The bounded XLSX reader gives what openpyxl gives for ordinary workbooks, and refuses what would cost too much."""

import datetime as dt
import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from radslag.analysis.xlsx_reading import XlsxError, XlsxLimits, iter_first_sheet

CELL = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30).filter(lambda s: s.strip()),
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 1, 1)),
)


def workbook_bytes(rows, *, date1904=False):
    workbook = Workbook()
    workbook.epoch = dt.datetime(1904, 1, 1) if date1904 else workbook.epoch
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def openpyxl_rows(data):
    sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    sheet.reset_dimensions()
    rows = []
    for row in sheet.iter_rows(values_only=True):
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        rows.append([v.date() if isinstance(v, dt.datetime) and v.time() == dt.time() else v for v in values])
    return rows


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(CELL, min_size=1, max_size=6), min_size=1, max_size=8), st.booleans())
def test_ordinary_workbooks_read_as_openpyxl_reads_them(rows, date1904):
    data = workbook_bytes(rows, date1904=date1904)
    ours = {number: values for number, values in iter_first_sheet(data) if values}
    theirs = {number: values for number, values in enumerate(openpyxl_rows(data), start=1) if values}
    assert ours == theirs


def test_row_numbers_follow_the_sheet_and_gaps_stay_gaps():
    workbook = Workbook()
    workbook.active["A1"], workbook.active["C5"] = "text", "Fler bänkar"
    out = io.BytesIO()
    workbook.save(out)
    assert list(iter_first_sheet(out.getvalue())) == [(1, ["text"]), (5, [None, None, "Fler bänkar"])]


@pytest.mark.parametrize(("limits", "reason"), [
    (XlsxLimits(max_unpacked=1000), "unpacked_size"),
    (XlsxLimits(max_columns=1), "columns"),
    (XlsxLimits(max_rows=1), "rows"),
    (XlsxLimits(max_cell_chars=3), "cell_size"),
])
def test_limits_are_refused_with_their_reason(limits, reason):
    data = workbook_bytes([["text", "id"], ["Fler bänkar", 1]])
    with pytest.raises(XlsxError) as refused:
        list(iter_first_sheet(data, limits))
    assert refused.value.reason == reason


@pytest.mark.parametrize("data", [b"PK\x03\x04 not really", b"", b"plain text"])
def test_damaged_files_are_refused(data):
    with pytest.raises(XlsxError, match="damaged"):
        list(iter_first_sheet(data))


def test_a_workbook_without_its_sheet_is_damaged():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(XlsxError, match="damaged"):
        list(iter_first_sheet(out.getvalue()))
