import json

from radslag.cli import main


def test_tally_cli_recounts_dot_ballots(tmp_path):
    spec = {"method": "dot", "options": ["skola", "möten"], "dots": 3, "cap": 2, "eligible": 4,
            "ballots": [{"skola": 2, "möten": 1}, {"möten": 2}]}
    source, out = tmp_path / "ballots.json", tmp_path / "result.json"
    source.write_text(json.dumps(spec), encoding="utf-8")
    assert main(["tally", str(source), "-o", str(out)]) == 0
    result = json.loads(out.read_text())
    assert [(s["option"], s["score"]) for s in result["scores"]] == [("möten", 3), ("skola", 2)]
    assert result["turnout"] == 0.5


def test_tally_cli_refuses_an_invalid_ballot(tmp_path, capsys):
    spec = {"method": "dot", "options": ["skola"], "dots": 1, "ballots": [{"skola": 2}]}
    source = tmp_path / "ballots.json"
    source.write_text(json.dumps(spec), encoding="utf-8")
    assert main(["tally", str(source), "-o", str(tmp_path / "r.json")]) == 2
    assert "prickar" in capsys.readouterr().err
