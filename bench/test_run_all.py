"""The benchmark runner: every module gets its section, a failing one does not stop the others.

Not in the default test paths (benchmarks are not part of `make test`); run with
`.venv/bin/python -m pytest bench/test_run_all.py -q`.
"""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_all  # the runner is a script, not a package


@pytest.fixture
def bench_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(run_all, "BENCH_DIR", tmp_path)
    monkeypatch.setattr(run_all, "OUTPUT", tmp_path / "benchmarks.md")
    monkeypatch.setattr(run_all, "postgres_version", lambda: "PostgreSQL (not asked)")
    (tmp_path / "bench_alpha.py").write_text('def run():\n    return "## Alpha\\n\\nfast enough\\n"\n')
    (tmp_path / "bench_broken.py").write_text('def run():\n    raise ValueError("no data for the bench")\n')
    (tmp_path / "bench_quiet.py").write_text("VALUE = 1\n")
    return tmp_path


def test_every_module_gets_a_section_and_a_failure_is_written_down(bench_dir):
    run_all.main([])

    text = (bench_dir / "benchmarks.md").read_text()
    assert "fast enough" in text
    assert "**Failed**" in text and "ValueError: no data for the bench" in text
    assert "bench:quiet" not in text
    assert "| machine |" in text and "| command | `make bench` |" in text


def test_only_reruns_one_module_and_keeps_the_others(bench_dir):
    run_all.main([])
    (bench_dir / "bench_alpha.py").write_text('def run():\n    return "## Alpha\\n\\nfaster now\\n"\n')

    run_all.main(["--only", "alpha"])

    text = (bench_dir / "benchmarks.md").read_text()
    assert "faster now" in text and "fast enough" not in text
    assert "ValueError: no data for the bench" in text
    assert text.index("bench:alpha") < text.index("bench:broken")


def test_only_refuses_an_unknown_module(bench_dir):
    with pytest.raises(SystemExit):
        run_all.main(["--only", "nothing"])
