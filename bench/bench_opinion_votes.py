"""10,000 statement answers through the full web stack, then a count proving none was lost or doubled.

gunicorn (sync workers) in front of a scratch PostgreSQL database, Redis as Celery broker and cache, and a
Celery worker recomputing the opinion groups in the background, as the one-server deployment runs them.
A threaded standard-library client on loopback plays anonymous participants: each loads the page
(for the CSRF token), then answers statements with plain form POSTs, as a browser without JavaScript does.
Run with `.venv/bin/python bench/run_all.py --only opinion_votes`.
"""

from __future__ import annotations

import http.client
import os
import queue
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

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

DATABASE = "radslag_bench_opinions"
VOTES = int(os.environ.get("RADSLAG_BENCH_STATEMENT_VOTES", "10000"))
STATEMENTS = 40
PER_PARTICIPANT = 20
CLIENT_THREADS = int(os.environ.get("RADSLAG_BENCH_CLIENT_THREADS", "8"))
WORKERS = int(os.environ.get("RADSLAG_BENCH_GUNICORN_WORKERS", "4"))
VALUES = ("agree", "disagree", "pass")
NUMBERS = {"agree": 1, "disagree": -1, "pass": 0}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Stack:
    port: int
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def _start_stack(url: str) -> Stack:
    redis_port, web_port = _free_port(), _free_port()
    redis_url = f"redis://127.0.0.1:{redis_port}/0"
    env = {**os.environ, **bench_environment(url), "CELERY_BROKER_URL": redis_url, "CACHE_URL": redis_url}
    stack = Stack(port=web_port)
    bin_dir = Path(sys.executable).parent

    def quiet(command: list[str]) -> subprocess.Popen[bytes]:
        return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)

    stack.processes.append(quiet(
        [shutil.which("redis-server") or "redis-server", "--port", str(redis_port), "--save", "",
         "--appendonly", "no"]))
    stack.processes.append(quiet(
        [str(bin_dir / "celery"), "-A", "config", "worker", "--pool", "solo", "--loglevel", "WARNING"]))
    stack.processes.append(quiet(
        [str(bin_dir / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{web_port}",
         "--workers", str(WORKERS), "--log-level", "warning"]))
    _wait_for(web_port)
    return stack


def _wait_for(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/", headers={"Host": BENCH_HOST})
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer within a minute")


def _scenario() -> tuple[int, list[int]]:
    from radslag.dialogues.tests.factories import ProcessFactory
    from radslag.opinions.models import Conversation, Statement
    from radslag.organisations.tests.factories import OrganisationFactory

    organisation = OrganisationFactory.create(name="Bänkkommun", slug="bench", hostname=BENCH_HOST)
    process = ProcessFactory.create(organisation=organisation)
    conversation = Conversation.objects.create(organisation=organisation, process=process, title="Torget",
                                               question="Vad tycker du om torget?")
    statements = Statement.objects.bulk_create(
        Statement(conversation=conversation, text=f"Påstående nummer {n} om torget.", is_seed=True,
                  status=Statement.Status.ACCEPTED) for n in range(STATEMENTS))
    return conversation.pk, [s.pk for s in statements]


class Participant:
    """One anonymous participant's browser: its own connection and cookies."""

    def __init__(self, port: int, conversation: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.conversation = conversation
        self.cookies: dict[str, str] = {}
        self.token = ""

    def _request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        headers = {"Host": BENCH_HOST, "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, text

    def open(self) -> None:
        status, html = self._request("GET", f"/samtal/{self.conversation}/")
        match = TOKEN.search(html)
        if status != 200 or match is None:
            raise RuntimeError(f"participation page answered {status}")
        self.token = match.group(1)

    def answer(self, statement: int, value: str) -> tuple[bool, float]:
        body = urlencode({"csrfmiddlewaretoken": self.token, "statement": statement, "value": value})
        started = time.perf_counter()
        status, _ = self._request("POST", f"/samtal/{self.conversation}/svara/", body)
        return status == 302, (time.perf_counter() - started) * 1000


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    acknowledged: Counter[str] = field(default_factory=Counter)
    refused: int = 0
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _play(port: int, conversation: int, statements: list[int], work: queue.Queue[int], tally: Tally) -> None:
    while True:
        try:
            number = work.get_nowait()
        except queue.Empty:
            return
        rng = random.Random(number)
        try:
            participant = Participant(port, conversation)
            participant.open()
            for statement in rng.sample(statements, PER_PARTICIPANT):
                value = rng.choice(VALUES)
                ok, ms = participant.answer(statement, value)
                with tally.lock:
                    tally.latencies.append(ms)
                    if ok:
                        tally.acknowledged[value] += 1
                    else:
                        tally.refused += 1
        except (OSError, RuntimeError, http.client.HTTPException) as error:
            with tally.lock:
                tally.errors.append(f"{error.__class__.__name__}: {error}")


def _load(port: int, conversation: int, statements: list[int]) -> tuple[Tally, float]:
    work: queue.Queue[int] = queue.Queue()
    for number in range(VOTES // PER_PARTICIPANT):
        work.put(number)
    tally = Tally()
    threads = [threading.Thread(target=_play, args=(port, conversation, statements, work, tally))
               for _ in range(CLIENT_THREADS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.perf_counter() - started


def _stored(conversation: int) -> tuple[Counter[int], int]:
    from radslag.opinions.models import Participant as Row
    from radslag.opinions.models import StatementVote

    values = Counter(StatementVote.objects.filter(statement__conversation_id=conversation)
                     .values_list("value", flat=True))
    return values, Row.objects.filter(conversation_id=conversation).count()


def _snapshot_after_quiet(conversation: int, wait_s: float = 25) -> tuple[int, int, int] | None:
    """(answers, groups, milliseconds) of the newest snapshot once the last queued run has had time."""
    from radslag.opinions.models import OpinionSnapshot

    deadline = time.monotonic() + wait_s
    while True:
        snapshot = OpinionSnapshot.objects.filter(conversation_id=conversation).first()
        if snapshot is not None and (snapshot.vote_count >= VOTES or time.monotonic() > deadline):
            return snapshot.vote_count, len(snapshot.result.get("groups", [])), snapshot.duration_ms
        if time.monotonic() > deadline:
            return None
        time.sleep(1)


def run() -> str:
    url = create_database(DATABASE)
    stack: Stack | None = None
    try:
        migrate(url)
        setup_django(url)
        conversation, statements = _scenario()
        close_connections()
        stack = _start_stack(url)
        tally, seconds = _load(stack.port, conversation, statements)
        stored, participants = _stored(conversation)
        snapshot = _snapshot_after_quiet(conversation)
        return _report(tally, seconds, stored, participants, snapshot)
    finally:
        if stack is not None:
            stack.stop()
        try:
            close_connections()
        finally:
            drop_database(DATABASE)


def _percentile(samples: list[float], share: int) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[share - 1]


def _report(tally: Tally, seconds: float, stored: Counter[int], participants: int,
            snapshot: tuple[int, int, int] | None) -> str:
    acknowledged = sum(tally.acknowledged.values())
    expected = Counter({NUMBERS[k]: v for k, v in tally.acknowledged.items()})
    matches = sum(stored.values()) == acknowledged and stored == expected
    lat = sorted(tally.latencies)
    lines = [
        f"## Statement answers through the web stack ({VOTES:,} answers)".replace(",", "\N{NO-BREAK SPACE}"),
        "",
        f"gunicorn ({WORKERS} sync workers) + PostgreSQL (scratch database) + Redis + one Celery worker "
        f"recomputing the opinion groups (debounced to one run per 10 s), all on this machine; "
        f"{CLIENT_THREADS} client threads on loopback, each playing anonymous participants who load the page "
        f"once and then answer {PER_PARTICIPANT} of {STATEMENTS} statements with plain form POSTs.",
        "",
        "| measure | value |",
        "| --- | ---: |",
        f"| answers sent | {len(lat)} |",
        f"| acknowledged (302) | {acknowledged} |",
        f"| refused | {tally.refused} |",
        f"| client errors | {len(tally.errors)} |",
        f"| wall time | {seconds:.1f} s |",
        f"| throughput | {len(lat) / seconds:.0f} answers/s |",
    ]
    if lat:
        lines += [f"| p50 / p95 / p99 latency | {_percentile(lat, 50):.1f} / {_percentile(lat, 95):.1f} / "
                  f"{_percentile(lat, 99):.1f} ms |", f"| max latency | {lat[-1]:.1f} ms |"]
    lines += [
        f"| stored answers (agree / disagree / pass) | {sum(stored.values())} "
        f"({stored[1]} / {stored[-1]} / {stored[0]}) |",
        f"| participants created | {participants} (expected {VOTES // PER_PARTICIPANT}) |",
        f"| **stored equals acknowledged, per answer value** | **{'yes' if matches else 'NO'}** |",
    ]
    if snapshot is not None:
        lines.append(f"| newest background snapshot | {snapshot[0]} answers, {snapshot[1]} groups, {snapshot[2]} ms |")
    if tally.errors:
        lines += ["", f"First client error: `{tally.errors[0]}`"]
    return "\n".join(lines) + "\n"
