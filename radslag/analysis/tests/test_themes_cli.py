"""`radslag themes` on files."""

import json

import pytest
from openpyxl import Workbook

from radslag.analysis.tests.swedish_samples import GROUPS
from radslag.cli import main

TEXTS = [text for texts in GROUPS.values() for text in texts]


def write_csv(path, delimiter=",", encoding="utf-8"):
    lines = [f"nr{delimiter}svar"] + [f"{n}{delimiter}\"{text}\"" for n, text in enumerate(TEXTS, start=100)]
    path.write_text("\n".join(lines), encoding=encoding)
    return path


def run_themes(tmp_path, source, *extra):
    out = tmp_path / "out.json"
    code = main(["themes", str(source), "--text-column", "svar", "--backend", "lexical", "--quiet",
                 "-o", str(out), *extra])  # fmt: skip
    return code, out


def test_csv_gives_themes_with_the_inputs_ids(tmp_path):
    code, out = run_themes(tmp_path, write_csv(tmp_path / "in.csv"), "--id-column", "nr", "--k", "4")
    assert code == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert len(result["themes"]) == 4
    placed = [m for theme in result["themes"] for m in theme["members"]] + result["outliers"]
    assert sorted(placed) == sorted(str(n) for n in range(100, 140))
    first = result["themes"][0]
    assert {"id", "label", "keywords", "members", "quotes", "member_strengths"} <= set(first)
    assert len(first["member_strengths"]) == len(first["members"])
    assert result["meta"]["backend"] == "lexical"


@pytest.mark.parametrize(("delimiter", "encoding"), [(";", "cp1252"), ("\t", "utf-8-sig")])
def test_semicolon_windows_and_tab_bom_files_are_read(tmp_path, delimiter, encoding):
    code, out = run_themes(tmp_path, write_csv(tmp_path / "in.csv", delimiter, encoding), "--k", "4")
    assert code == 0
    assert "Äldre" in out.read_text(encoding="utf-8") or "äldre" in out.read_text(encoding="utf-8")


def test_xlsx_and_html_report(tmp_path):
    book = Workbook()
    book.active.append(["svar"])
    for text in [*TEXTS, "<script>alert(1)</script> parken"]:
        book.active.append([text])
    book.save(tmp_path / "in.xlsx")
    code, out = run_themes(tmp_path, tmp_path / "in.xlsx", "--k", "4", "--format", "html")
    page = out.read_text(encoding="utf-8")
    assert code == 0
    assert "<h1>Teman i in.xlsx</h1>" in page
    assert "<script>alert" not in page


@pytest.mark.parametrize(
    ("content", "extra", "message"),
    [
        ("id,text\n1,hej\n", [], "no column 'svar'"),
        ("", [], "empty"),
        (b"svar\n\x81\x8d\x8f\x90\x9d\n", [], "neither UTF-8 nor Windows-1252"),
        ("svar\nskolan\n", ["--backend", "okänd"], "Unknown backend"),
        ("svar\n\n", [], "has no text"),
    ],
)
def test_bad_input_is_explained_with_exit_code_2(tmp_path, capsys, content, extra, message):
    source = tmp_path / "in.csv"
    if isinstance(content, bytes):
        source.write_bytes(content)
    else:
        source.write_text(content, encoding="utf-8")
    out = tmp_path / "out.json"
    code = main(["themes", str(source), "--text-column", "svar", "--quiet", "-o", str(out), *extra])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_missing_file_exits_2(tmp_path, capsys):
    assert main(["themes", str(tmp_path / "nope.csv"), "--text-column", "svar", "-o", str(tmp_path / "o")]) == 2
    assert "no such file" in capsys.readouterr().err
