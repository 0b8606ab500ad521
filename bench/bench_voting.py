"""Voting through the full web stack: gunicorn + PostgreSQL on loopback, 1,000 voters with codes.

The client is stdlib `http.client` in threads (one keep-alive connection each) posting to the JSON cast
endpoint `rosta/<id>/api/rosta/`, where the one-time code is the credential (see `cast_json`).
Then a recount through `manage.py export_ballots` and `radslag tally`, and a kill test: the server
(master and workers) is killed with SIGKILL mid-run and restarted; voters retry with their idempotency
key, and every acknowledged receipt must be in the database.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scratch_database import (
    BENCH_HOST,
    ROOT,
    bench_environment,
    close_connections,
    create_database,
    drop_database,
    migrate,
    setup_django,
)

DATABASE = "radslag_bench_voting"
VOTERS = 1000
# Overridable to try other shapes on other machines; the defaults suit a small server.
CONCURRENCY = int(os.environ.get("RADSLAG_BENCH_VOTING_CLIENTS", "32"))
# The server runs with the production settings in config/gunicorn.py: one process per core, 8 threads.
WORKERS = int(os.environ.get("GUNICORN_WORKERS", str(min(os.cpu_count() or 2, 4))))
THREADS = int(os.environ.get("GUNICORN_THREADS", "8"))
GOAL_RATE, GOAL_P99_MS = 500, 200
RETRY_FOR_S = 30.0
THEMES = [
    "En bra skola ger en bra framtid", "Det mänskliga mötet", "Trygghet i vardagen", "Naturen nära",
    "Kultur och fritid för alla", "Att ta sig fram", "Ett näringsliv som växer", "Boende i alla livets skeden",
    "Omsorg med värdighet", "Unga vuxnas framtid", "Hälsa och livsstil", "Delaktighet och inflytande",
    "En levande älvdal",
]


@dataclass
class Vote:
    number: int
    code: str
    choices: dict[str, int]
    key: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    receipt: str | None = None
    latency_ms: float | None = None
    attempts: int = 0
    error: str = ""


class Server:
    """gunicorn in its own process group, so that a crash can take master and workers at once."""

    def __init__(self, environment: dict[str, str]) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.environment = environment
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, probe_path: str) -> None:
        command = [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi:application",
                   "-b", f"127.0.0.1:{self.port}", "-w", str(WORKERS), "--threads", str(THREADS),
                   "--log-level", "warning"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.environment, start_new_session=True,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", probe_path, headers={"Host": BENCH_HOST})
                if connection.getresponse().status < 500:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def kill(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


def run() -> str:
    url = create_database(DATABASE)
    server: Server | None = None
    try:
        migrate(url)
        os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(40))
        setup_django(url)
        server = Server({**os.environ, **bench_environment(url), "SECRET_KEY": os.environ["SECRET_KEY"]})
        return _measure(server)
    finally:
        if server is not None:
            server.stop()
        close_connections()
        drop_database(DATABASE)


def _scenario(label: str, voters: int) -> tuple[Any, list[Vote]]:
    from radslag.accounts.models import Role
    from radslag.accounts.tests.factories import user_with_role
    from radslag.organisations.models import Organisation
    from radslag.voting.codes import derive_code
    from radslag.voting.models import ResultsVisibility
    from radslag.voting.services import generate_codes
    from radslag.voting.tests.factories import ballot_with_options

    organisation, _ = Organisation.objects.get_or_create(
        slug="bench", defaults={"name": "Bench", "hostname": BENCH_HOST})
    staff = user_with_role(organisation, Role.STAFF, email=f"{label}@bench.example.se")
    ballot = ballot_with_options(THEMES, title=label, process__organisation=organisation,
                                 results_visibility=ResultsVisibility.LIVE)
    batch = generate_codes(ballot=ballot, user=staff, count=voters, label=label)
    keys = [option.key for option in ballot.options.all()]
    rng = random.Random(label)
    votes = []
    for number in range(1, voters + 1):
        allocation = Counter(rng.choice(keys[:6] if rng.random() < 0.7 else keys) for _ in range(5))
        while max(allocation.values()) > ballot.effective_cap:
            allocation = Counter(rng.sample(keys, 5))
        votes.append(Vote(number, derive_code(batch.salt, number), dict(allocation)))
    return ballot, votes


_local = threading.local()


def _post(port: int, path: str, body: bytes) -> tuple[int, dict[str, Any]]:
    connection = getattr(_local, "connection", None)
    if connection is None or connection.port != port:
        connection = _local.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("POST", path, body=body, headers={"Host": BENCH_HOST, "Content-Type": "application/json"})
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    except (OSError, http.client.HTTPException, ValueError):
        connection.close()
        _local.connection = None
        raise


def _cast(server: Server, path: str, vote: Vote) -> Vote:
    """One voter: post until acknowledged or refused; connection errors are retried with the same key."""
    body = json.dumps({"code": vote.code, "idempotency_key": vote.key, "choices": vote.choices}).encode()
    deadline = time.monotonic() + RETRY_FOR_S
    while time.monotonic() < deadline:
        vote.attempts += 1
        started = time.perf_counter()
        try:
            status, payload = _post(server.port, path, body)
        except (OSError, http.client.HTTPException, ValueError) as error:
            vote.error = type(error).__name__
            time.sleep(0.1)
            continue
        if status == 201:
            vote.receipt, vote.latency_ms = payload["receipt"], (time.perf_counter() - started) * 1000
            return vote
        vote.error = f"HTTP {status}: {payload.get('error', '')}"
        if status < 500:
            return vote
        time.sleep(0.1)
    return vote


def _cast_all(server: Server, ballot: Any, votes: list[Vote]) -> float:
    path = f"/rosta/{ballot.pk}/api/rosta/"
    started = time.perf_counter()
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        list(pool.map(lambda vote: _cast(server, path, vote), votes))
    return time.perf_counter() - started


@dataclass(frozen=True)
class Check:
    acknowledged: int
    stored: int
    missing: int
    unacknowledged_rows: int
    codes_used: int
    live_equals_expected: bool
    recount_equals_live: bool


def _check(ballot: Any, votes: list[Vote], folder: Path) -> Check:
    from radslag.analysis.tallies import tally_dots
    from radslag.voting.results import count_ballot

    close_connections()
    acknowledged = {vote.receipt for vote in votes if vote.receipt}
    stored = set(ballot.cast_ballots.values_list("receipt", flat=True))
    live = count_ballot(ballot)
    options = [option.key for option in ballot.options.all()]
    expected = tally_dots([v.choices for v in votes if v.receipt], options, dots=5, cap=ballot.effective_cap)
    return Check(
        acknowledged=len(acknowledged), stored=len(stored), missing=len(acknowledged - stored),
        unacknowledged_rows=len(stored - acknowledged), codes_used=ballot.codes.filter(used_at__isnull=False).count(),
        live_equals_expected=_scores(live) == _scores(expected) and live.ballots == expected.ballots,
        recount_equals_live=_recount(ballot.pk, folder) == _scores(live),
    )


def _scores(result: Any) -> list[tuple[str, float]]:
    return [(score.option, score.score) for score in result.scores]


def _recount(ballot_id: int, folder: Path) -> list[tuple[str, float]]:
    """The recount a municipality would do: export with manage.py, count with `radslag tally`."""
    exported, counted = folder / f"ballots-{ballot_id}.json", folder / f"result-{ballot_id}.json"
    for command in ([sys.executable, "manage.py", "export_ballots", str(ballot_id), "-o", str(exported)],
                    [sys.executable, "-m", "radslag.cli", "tally", str(exported), "-o", str(counted)]):
        subprocess.run(command, cwd=ROOT, env=os.environ, check=True, capture_output=True)
    return [(s["option"], s["score"]) for s in json.loads(counted.read_text(encoding="utf-8"))["scores"]]


def _kill_run(server: Server, ballot: Any, votes: list[Vote]) -> dict[str, Any]:
    """Casts in the background, kills the whole server when ~40 % are acknowledged, restarts it."""
    runner = threading.Thread(target=_cast_all, args=(server, ballot, votes))
    runner.start()
    while sum(1 for vote in votes if vote.receipt) < len(votes) * 0.4 and runner.is_alive():
        time.sleep(0.005)
    acknowledged_at_kill = sum(1 for vote in votes if vote.receipt)
    server.kill()
    down_at = time.perf_counter()
    time.sleep(1.0)
    server.start(f"/rosta/{ballot.pk}/resultat.json")
    downtime = time.perf_counter() - down_at
    runner.join()
    return {"acknowledged_at_kill": acknowledged_at_kill, "downtime_s": downtime,
            "retried": sum(1 for vote in votes if vote.attempts > 1)}


def _in_process_cost(voters: int = 300) -> str:
    """The same cast request without HTTP or gunicorn: Django's test client in this one process."""
    from django.db import connection
    from django.test import Client

    ballot, votes = _scenario("I processen", voters)
    client, path = Client(HTTP_HOST=BENCH_HOST), f"/rosta/{ballot.pk}/api/rosta/"
    bodies = [json.dumps({"code": v.code, "idempotency_key": v.key, "choices": v.choices}) for v in votes]
    statements = 0

    def counting(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal statements
        statements += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        client.post(path, bodies[0], content_type="application/json")
    wall, cpu = time.perf_counter(), time.process_time()
    for body in bodies[1:]:
        client.post(path, body, content_type="application/json")
    wall, cpu = (time.perf_counter() - wall) / (voters - 1), (time.process_time() - cpu) / (voters - 1)
    return (
        "\n### Cost of one ballot inside Django\n\n"
        f"The same cast request through Django's test client in one process (no HTTP, no gunicorn), {voters} "
        f"ballots: {wall * 1000:.1f} ms per ballot ({cpu * 1000:.1f} ms of it CPU time in this process; the rest "
        "is waiting for PostgreSQL, including the flush of each commit to disk), "
        f"{statements} SQL statements per ballot (savepoints included): one process casting one ballot after "
        f"another manages about {1 / wall:.0f} ballots/s.\n"
    )


def _warm_up(server: Server, path: str) -> None:
    """A few reads so every worker has imported its views and opened its database connection."""
    def read(_: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        connection.request("GET", path, headers={"Host": BENCH_HOST})
        connection.getresponse().read()
        connection.close()

    with ThreadPoolExecutor(CONCURRENCY) as pool:
        list(pool.map(read, range(WORKERS * THREADS * 2)))


def _percentile(samples: list[float], share: int) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[share - 1] if len(samples) > 1 else samples[0]


def _measure(server: Server) -> str:
    import tempfile

    ballot, votes = _scenario("Belastning", VOTERS)
    close_connections()
    server.start(f"/rosta/{ballot.pk}/resultat.json")
    _warm_up(server, f"/rosta/{ballot.pk}/resultat.json")
    seconds = _cast_all(server, ballot, votes)
    kill_ballot, kill_votes = _scenario("Krasch", VOTERS)
    close_connections()
    kill = _kill_run(server, kill_ballot, kill_votes)
    with tempfile.TemporaryDirectory() as folder:
        load, crash = _check(ballot, votes, Path(folder)), _check(kill_ballot, kill_votes, Path(folder))
    cost = _in_process_cost()
    return _report(votes, seconds, load, kill_votes, kill, crash) + cost


def _verdict(ok: bool) -> str:
    return "yes" if ok else "**no**"


def _report(votes: list[Vote], seconds: float, load: Check, kill_votes: list[Vote], kill: dict[str, Any],
            crash: Check) -> str:
    latencies = [vote.latency_ms for vote in votes if vote.latency_ms is not None]
    rate = load.acknowledged / seconds
    p50, p95, p99 = (_percentile(latencies, share) for share in (50, 95, 99))
    refused = Counter(vote.error for vote in votes if not vote.receipt)
    lines = [
        "## Voting: 1,000 voters with codes through gunicorn and PostgreSQL", "",
        f"gunicorn ({WORKERS} gthread workers × {THREADS} threads) and PostgreSQL on this machine; the client is "
        f"{CONCURRENCY} threads of stdlib `http.client` on loopback, each voter posting one dot ballot (5 dots "
        "over 13 themes) with its one-time code to the JSON cast endpoint `rosta/<id>/api/rosta/`. "
        "Client and server share the machine's cores.", "",
        "| measure | value | goal |", "| --- | --- | --- |",
        f"| ballots acknowledged | {load.acknowledged} of {len(votes)} | all |",
        f"| throughput | {rate:.0f} ballots/s ({seconds:.2f} s) | ≥ {GOAL_RATE}: {_verdict(rate >= GOAL_RATE)} |",
        f"| latency p50 / p95 / p99 | {p50:.0f} / {p95:.0f} / {p99:.0f} ms | p99 < {GOAL_P99_MS} ms: "
        f"{_verdict(p99 < GOAL_P99_MS)} |",
        *_check_rows(load),
    ]
    if refused:
        lines.append(f"| not acknowledged | {dict(refused)} | none |")
    lines += [
        "", "### Kill test", "",
        f"A second ballot with {len(kill_votes)} voters; when {kill['acknowledged_at_kill']} were acknowledged the "
        f"gunicorn master and its workers were killed with SIGKILL, and the server restarted "
        f"({kill['downtime_s']:.1f} s down). Voters whose request failed retried with the same idempotency key "
        f"({kill['retried']} voters retried).", "",
        "| check | value | goal |", "| --- | --- | --- |",
        f"| ballots acknowledged | {crash.acknowledged} of {len(kill_votes)} | all |",
        *_check_rows(crash),
    ]
    return "\n".join(lines) + "\n"


def _check_rows(check: Check) -> list[str]:
    return [
        f"| ballots stored | {check.stored} | = acknowledged: {_verdict(check.stored == check.acknowledged)} |",
        f"| acknowledged but missing | {check.missing} | 0: {_verdict(check.missing == 0)} |",
        f"| stored but never acknowledged | {check.unacknowledged_rows} | 0: "
        f"{_verdict(check.unacknowledged_rows == 0)} |",
        f"| codes marked used | {check.codes_used} | = stored: {_verdict(check.codes_used == check.stored)} |",
        f"| live result = sum of acknowledged ballots | {_verdict(check.live_equals_expected)} | yes |",
        f"| recount (`export_ballots` + `radslag tally`) = live result | {_verdict(check.recount_equals_live)} | yes |",
    ]


if __name__ == "__main__":
    print(run())
