"""Reading population CSV files: every row and column checked, errors in Swedish with row and column."""

from hypothesis import given
from hypothesis import strategies as st

from radslag.organisations.population_import import read_population_csv

GOOD = "år;ort;åldersgrupp;kön;antal\n2024;Nödinge;20-29;kvinna;412\n2024;Nödinge;20-29;man;398\n"


def test_reads_semicolon_utf8():
    parsed = read_population_csv(GOOD.encode(), known_localities=["Nödinge"])
    assert parsed.errors == []
    assert [(row.locality, row.age_band, row.sex, row.count) for row in parsed.rows] == [
        ("Nödinge", "20-29", "female", 412), ("Nödinge", "20-29", "male", 398)]
    assert parsed.years == [2024]


def test_reads_comma_and_windows_encoding():
    text = "År,Ort,Åldersgrupp,Kön,Antal\n2023,Älvängen,80+,Kvinnor,1 204\n"
    parsed = read_population_csv(text.encode("cp1252"), known_localities=["Älvängen"])
    assert parsed.errors == []
    assert parsed.rows[0].locality == "Älvängen"
    assert parsed.rows[0].count == 1204


def test_bad_cell_names_row_and_column():
    text = GOOD + "2024;Nödinge;20-29;kvinna;många\n"
    parsed = read_population_csv(text.encode(), known_localities=["Nödinge"])
    assert parsed.errors == ["Rad 4, kolumn ”antal”: ”många” är inte ett heltal som är noll eller större."]


def test_unknown_locality_and_age_band_are_both_reported():
    text = "år;ort;åldersgrupp;kön;antal\n2024;Atlantis;20-30;kvinna;5\n"
    parsed = read_population_csv(text.encode(), known_localities=["Nödinge"])
    assert len(parsed.errors) == 2
    assert parsed.errors[0].startswith("Rad 2, kolumn ”ort”")
    assert parsed.errors[1].startswith("Rad 2, kolumn ”åldersgrupp”")


def test_unknown_locality_is_accepted_when_localities_may_be_created():
    text = "år;ort;åldersgrupp;kön;antal\n2024;Surte;20-29;kvinna;5\n"
    assert read_population_csv(text.encode(), known_localities=None).errors == []


def test_missing_column_is_reported_on_row_one():
    parsed = read_population_csv("år;ort;kön;antal\n2024;Nol;man;4\n".encode(), known_localities=None)
    assert parsed.errors == ["Rad 1: kolumnen ”åldersgrupp” saknas."]


def test_duplicate_group_is_refused():
    text = GOOD + "2024;nödinge;20-29;kvinna;1\n"
    parsed = read_population_csv(text.encode(), known_localities=["Nödinge"])
    assert parsed.errors == ["Rad 4, kolumn ”ort”: samma grupp finns redan på rad 2."]


def test_empty_file_is_an_error():
    parsed = read_population_csv("år;ort;åldersgrupp;kön;antal\n".encode(), known_localities=None)
    assert parsed.errors == ["Filen har inga rader med siffror."]


HEADER = "år;ort;åldersgrupp;kön;antal\n"


def test_a_count_past_what_the_database_holds_is_refused_by_row_and_column():
    parsed = read_population_csv((HEADER + "2024;Nödinge;20-29;kvinna;100000000000000000000\n").encode(),
                                 known_localities=None)
    assert len(parsed.errors) == 1
    assert parsed.errors[0].startswith("Rad 2, kolumn ”antal”: 1000000000000000000")
    assert "fler än 10 000 000 invånare i en grupp" in parsed.errors[0]


def test_a_500_character_locality_is_refused_by_row_and_column():
    parsed = read_population_csv((HEADER + "2024;" + "Ö" * 500 + ";20-29;kvinna;5\n").encode(), known_localities=None)
    assert parsed.errors == ["Rad 2, kolumn ”ort”: ortens namn är 500 tecken långt; högst 120 tecken går."]


def test_junk_is_refused_with_messages_not_an_error():
    junk = bytes(range(256)) * 20
    parsed = read_population_csv(HEADER.encode() + junk, known_localities=None)
    assert parsed.errors and not parsed.rows
    unicode_digits = read_population_csv((HEADER + "２０２４;Nol;20-29;man;²\n").encode(), known_localities=None)
    assert [e.split(":")[0] for e in unicode_digits.errors] == ["Rad 2, kolumn ”år”", "Rad 2, kolumn ”antal”"]


def test_a_field_longer_than_csv_reads_is_refused():
    parsed = read_population_csv((HEADER + '2024;"' + "x" * 200_000 + '";20-29;man;1\n').encode(),
                                 known_localities=None)
    assert len(parsed.errors) == 1 and "kan inte läsas som CSV" in parsed.errors[0]


def test_control_characters_in_a_locality_are_dropped():
    parsed = read_population_csv((HEADER + "2024;Nö\x0bdinge\x1b;20-29;man;1\n").encode(), known_localities=None)
    assert parsed.errors == [] and parsed.rows[0].locality == "Nödinge"


@given(st.binary(max_size=400) | st.text(max_size=200).map(lambda text: (HEADER + text).encode("utf-8", "replace")))
def test_no_file_makes_the_reader_raise(data):
    parsed = read_population_csv(data, known_localities=None)
    assert parsed.errors or parsed.rows
    assert all(0 <= row.count <= 10_000_000 and len(row.locality) <= 120 for row in parsed.rows)
