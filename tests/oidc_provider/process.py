"""Runs the test broker (serve.py) in its own process for the duration of a test."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def running_broker(*, redirect_uri: str, people: dict, client_id: str, client_secret: str,
                   workdir: Path) -> Iterator[str]:
    """Starts the broker on a free port of 127.0.0.1 and yields its issuer URL; stops it afterwards."""
    env = {
        **os.environ, "PYTHONPATH": str(ROOT), "BROKER_DATABASE": str(workdir / "broker.sqlite3"),
        "BROKER_PEOPLE": json.dumps(people), "BROKER_CLIENT_ID": client_id, "BROKER_CLIENT_SECRET": client_secret,
        "BROKER_REDIRECT_URI": redirect_uri,
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.oidc_provider.serve"], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        match = re.match(r"listening on (\d+)", line)
        if match is None:
            raise RuntimeError(f"the test broker did not start: {line!r}")
        yield f"http://127.0.0.1:{match.group(1)}"
    finally:
        process.terminate()
        process.wait(timeout=10)
