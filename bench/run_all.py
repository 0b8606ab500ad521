"""Runs the benchmarks and writes docs/benchmarks.md.

Every `bench/bench_*.py` that defines `run() -> str` is run in its own Python process, in name order;
`run()` returns a Markdown section. A module that fails (an exception, a crash) gets its error written
into its section and the others still run. `--only NAME` runs one module (`platform` or
`bench_platform`) and replaces its section in the existing file, keeping the others.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
OUTPUT = ROOT / "docs" / "benchmarks.md"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"
SECTION = re.compile(r"<!-- bench:(?P<name>[\w-]+) -->\n(?P<body>.*?)<!-- /bench:(?P=name) -->\n", re.S)


def discover() -> list[Path]:
    return sorted(BENCH_DIR.glob("bench_*.py"))


def short_name(path: Path) -> str:
    return path.stem.removeprefix("bench_")


def run_module_here(path: Path, result_file: Path) -> None:
    """Child side: import one module, call its run(), leave the Markdown (or None) in result_file."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(BENCH_DIR))
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is created
    spec.loader.exec_module(module)
    run = getattr(module, "run", None)
    section = run() if callable(run) else None
    result_file.write_text(json.dumps({"section": section}), encoding="utf-8")


def run_module(path: Path) -> str | None:
    """Runs one module in a fresh process; returns its section, an error section, or None (no run())."""
    with tempfile.TemporaryDirectory() as folder:
        result_file = Path(folder) / "result.json"
        load = _load_average().split(" (")[0]
        started = time.perf_counter()
        completed = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--child", str(path), str(result_file)],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )
        seconds = time.perf_counter() - started
        sys.stderr.write(completed.stderr[-4000:])
        if completed.returncode == 0 and result_file.exists():
            section = json.loads(result_file.read_text(encoding="utf-8"))["section"]
            return None if section is None else (
                f"{section.rstrip()}\n\n_Ran in {seconds:.0f} s on {cpu_model()}, {os.cpu_count()} cores, "
                f"{dt.datetime.now(dt.UTC).astimezone():%Y-%m-%d}; load average at start {load}._\n")
    tail = "\n".join(completed.stderr.strip().splitlines()[-15:]) or f"exit status {completed.returncode}"
    return f"## {path.stem}\n\n**Failed** (exit status {completed.returncode}):\n\n```\n{tail}\n```\n"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def postgres_version() -> str:
    try:
        import psycopg

        with psycopg.connect(POSTGRES_URL, connect_timeout=5) as connection:
            row = connection.execute("SHOW server_version").fetchone()
            return f"PostgreSQL {row[0]}" if row else "unknown"
    except Exception as error:  # the header says why instead of failing the run
        return f"not reachable ({error.__class__.__name__})"


def _load_average() -> str:
    try:
        return " / ".join(f"{value:.1f}" for value in os.getloadavg()) + " (1 / 5 / 15 min)"
    except OSError:
        return "unknown"


def header(command: str) -> str:
    now = dt.datetime.now(dt.UTC).astimezone()
    return (
        "# Benchmarks\n\n"
        "Written by `make bench` (`bench/run_all.py`), which runs every `bench/bench_*.py`; "
        "`.venv/bin/python bench/run_all.py --only NAME` reruns one and keeps the other sections. "
        "Do not edit by hand. Figures from a shared machine vary from run to run; compare query counts "
        "and orders of magnitude rather than single milliseconds.\n\n"
        "| | |\n| --- | --- |\n"
        f"| machine | {cpu_model()}, {os.cpu_count()} cores, {memory_gib()} memory (this run; each section "
        "names its own) |\n"
        f"| software | Python {platform.python_version()}, {postgres_version()}, {platform.system()} "
        f"{platform.release()} |\n"
        f"| load average at start | {_load_average()} (other work on the machine slows every figure) |\n"
        f"| date | {now:%Y-%m-%d %H:%M %Z} |\n"
        f"| command | `{command}` |\n"
    )


def existing_sections() -> dict[str, str]:
    if not OUTPUT.exists():
        return {}
    return {match["name"]: match["body"] for match in SECTION.finditer(OUTPUT.read_text(encoding="utf-8"))}


def write(sections: dict[str, str], command: str) -> None:
    ordered = [name for name in map(short_name, discover()) if name in sections]
    ordered += [name for name in sections if name not in ordered]
    parts = [header(command)] + [f"<!-- bench:{name} -->\n{sections[name]}<!-- /bench:{name} -->\n" for name in ordered]
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text("\n".join(parts), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run one module, e.g. platform")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        run_module_here(Path(args.child[0]), Path(args.child[1]))
        return 0
    modules = discover()
    if args.only:
        wanted = args.only.removeprefix("bench_").removesuffix(".py")
        modules = [path for path in modules if short_name(path) == wanted]
        if not modules:
            parser.error(f"no module bench/bench_{wanted}.py")
    sections = existing_sections() if args.only else {}
    for path in modules:
        print(f"running {path.name} ...", flush=True)
        section = run_module(path)
        if section is not None:
            sections[short_name(path)] = section
    command = "make bench" if not args.only else f".venv/bin/python bench/run_all.py --only {args.only}"
    write(sections, command)
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
