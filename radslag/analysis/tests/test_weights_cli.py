"""`radslag weights`: files in, weights and a report out; bad input exits 2 naming the row."""

import csv
import json

import pytest

from radslag.cli import main

MARGINS = "variable,category,count\nsex,female,510\nsex,male,490\nlocality,Nol,300\nlocality,Surte,700\n"


def _files(tmp_path, responses, margins=MARGINS):
    (tmp_path / "r.csv").write_text(responses, encoding="utf-8")
    (tmp_path / "m.csv").write_text(margins, encoding="utf-8")
    return ["weights", str(tmp_path / "r.csv"), "--population", str(tmp_path / "m.csv"), "--by", "sex,locality",
            "-o", str(tmp_path / "w.csv"), "--report", str(tmp_path / "report.json")]


def test_weights_sum_to_the_respondents_and_the_report_says_it_converged(tmp_path):
    rows = ["id,sex,locality"] + [f"r{i},{'female' if i % 3 else 'male'},{'Nol' if i % 2 else 'Surte'}"
                                  for i in range(60)]
    assert main(_files(tmp_path, "\n".join(rows) + "\n")) == 0
    with open(tmp_path / "w.csv", encoding="utf-8") as handle:
        weights = list(csv.DictReader(handle))
    assert [w["id"] for w in weights][:2] == ["r0", "r1"]
    assert sum(float(w["weight"]) for w in weights) == pytest.approx(60)
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["converged"] is True
    assert {"iterations", "design_effect", "effective_sample_size", "min_weight", "max_weight"} <= set(report)


def test_a_category_missing_from_the_margins_names_the_row(tmp_path, capsys):
    code = main(_files(tmp_path, "id,sex,locality\na,female,Nol\nb,male,Bohus\n"))
    assert code == 2
    assert "rad 3" in capsys.readouterr().err
    assert not (tmp_path / "w.csv").exists()


def test_a_count_that_is_not_a_number_names_the_row(tmp_path, capsys):
    margins = MARGINS.replace("sex,male,490", "sex,male,många")
    assert main(_files(tmp_path, "id,sex,locality\na,female,Nol\n", margins)) == 2
    assert "rad 3: antalet ”många” är inte ett tal" in capsys.readouterr().err


def test_an_empty_margin_is_refused(tmp_path, capsys):
    margins = "variable,category,count\nsex,female,0\nsex,male,0\nlocality,Nol,300\n"
    assert main(_files(tmp_path, "id,sex,locality\na,female,Nol\n", margins)) == 2
    assert "tom" in capsys.readouterr().err
