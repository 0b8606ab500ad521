import json

import pytest

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


def _tally(tmp_path, spec, capsys):
    source, out = tmp_path / "ballots.json", tmp_path / "result.json"
    source.write_text(spec if isinstance(spec, str) else json.dumps(spec), encoding="utf-8")
    code = main(["tally", str(source), "-o", str(out)])
    return code, capsys.readouterr().err, out


@pytest.mark.parametrize(("spec", "words"), [
    ({"method": "dot", "options": ["a", "b"], "dots": 3, "ballots": [{"a": 1}, ["a", "b"]]},
     "Valsedel 2: Valsedeln kunde inte läsas"),
    ({"method": "dot", "options": ["a", "b"], "dots": 3, "ballots": [{"a": True}]},
     "Valsedel 1: Antalet prickar måste vara ett heltal"),
    ({"method": "dot", "options": ["a", "b"], "dots": 3, "ballots": [{"a": 1}, {"a": 0}]},
     "Valsedel 2: Valsedeln är tom"),
    ({"method": "approval", "options": ["a", "b"], "ballots": ["ab"]},
     "Valsedel 1: Valsedeln kunde inte läsas: den ska vara en lista"),
    ({"method": "approval", "options": ["a", "b"], "ballots": [["a"], {"a": 1, "b": 0}]},
     "Valsedel 2: Valsedeln kunde inte läsas"),
    ({"method": "approval", "options": ["a", "b"], "ballots": [["a"], ["b"], []]},
     "Valsedel 3: Valsedeln är tom"),
    ({"method": "approval", "options": ["a", "b"], "ballots": [["a", "a"]]},
     "Valsedel 1: Samma alternativ får bara väljas en gång"),
    ({"method": "ranked", "options": ["a", "b"], "ballots": [["b", "a", "b"]]},
     "Valsedel 1: Varje alternativ får bara rangordnas en gång"),
    ({"method": "single", "options": ["a", "b"], "ballots": ["a", ""]},
     "Valsedel 2: Valsedeln är tom"),
    ({"method": "single", "options": ["a", "b"], "ballots": ["a", "c"]},
     "Valsedel 2: Okänt alternativ: c"),
    ({"method": "single", "options": ["a", "b"], "eligible": -1, "ballots": ["a"]},
     "”eligible” ska vara ett heltal som är minst 0"),
    ({"method": "single", "options": ["a", "b"], "eligible": 1, "ballots": ["a", "b"]},
     "över 100 %"),
    ({"method": "dot", "options": ["a"], "ballots": []}, "”dots” ska vara ett heltal"),
    ({"method": "vote", "options": ["a"], "ballots": []}, "Okänd metod"),
    ({"method": "single", "options": "ab", "ballots": []}, "”options” ska vara en lista"),
    ({"method": "single", "options": ["a"], "ballots": {"1": "a"}}, "”ballots” ska vara en lista"),
    ([{"a": 1}], "Filen ska innehålla ett JSON-objekt"),
    ("{not json", "inte giltig JSON (rad 1"),
])
def test_a_malformed_ballots_file_is_refused_with_exit_2_and_a_message_in_words(tmp_path, capsys, spec, words):
    code, err, out = _tally(tmp_path, spec, capsys)
    assert code == 2
    assert words in err and "Traceback" not in err
    assert not out.exists()


def test_a_missing_file_is_refused_with_exit_2(tmp_path, capsys):
    assert main(["tally", str(tmp_path / "saknas.json"), "-o", str(tmp_path / "r.json")]) == 2
    assert "kunde inte läsas" in capsys.readouterr().err


def test_tied_schulze_winners_are_written_and_said_as_ties(tmp_path, capsys):
    spec = {"method": "ranked", "options": ["A", "B", "C"], "ballots": [["A", "B", "C"], ["B", "C", "A"]]}
    source, out = tmp_path / "ballots.json", tmp_path / "result.json"
    source.write_text(json.dumps(spec), encoding="utf-8")
    assert main(["tally", str(source), "-o", str(out)]) == 0
    result = json.loads(out.read_text())
    assert result["extra"]["winners"] == ["A", "B"]
    assert result["extra"]["schulze"] == [["A", "B"], ["C"]]
    assert "1. A, B (delad plats) · 2. C" in capsys.readouterr().out
