"""One newsletter to 100,000 subscribers through Celery + Redis + SMTP, with the worker SIGKILLed once.

A scratch PostgreSQL database holds one municipality, one published process and 100,000 confirmed
subscribers of it. The newsletter is queued through the outbox; a real Celery worker (`celery -A config
worker`, Redis broker) sends it to an aiosmtpd server in its own process (`bench/mail_sink.py`), which
writes down the recipient and Message-ID of every mail it accepts. When about 40 % are sent, the
worker's whole process group is killed with SIGKILL and a new worker is started. Meanwhile gunicorn,
started as `make run` starts it, serves the public process page, which a client requests ten times a
second. Reported: messages per second, total time, the exactly-once check, and the page's latency.
Run with `.venv/bin/python bench/run_all.py --only mail`.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

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

DATABASE = "h_outbox_bench"
SUBSCRIBERS = int(os.environ.get("RADSLAG_BENCH_SUBSCRIBERS", "100000"))
KILL_AT = 0.4
REDIS_URL = os.environ.get("RADSLAG_BENCH_REDIS", "redis://127.0.0.1:6379/12")
PROBE_INTERVAL_S = 0.1
TIMEOUT_S = 20 * 60
GOAL_S, PAGE_GOAL_MS = 600, 100
NEWSLETTER = """## Nytt från dialogen om mötesplatser

Tack för alla inspel! Under hösten har vi läst och sorterat **1 200 inspel** i tolv teman.

- Fler platser för unga på kvällarna
- Bättre belysning vid pendelparkeringen
- Öppna skolgårdar på helgerna

Läs [hela sammanställningen](/dialoger/) och se vad som händer härnäst.
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Stack:
    env: dict[str, str]
    folder: Path
    web_port: int
    sink_file: Path
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def start(self, name: str, command: list[str]) -> subprocess.Popen[bytes]:
        log = open(self.folder / f"{name}.log", "ab")  # noqa: SIM115  (the process keeps it open)
        process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True)
        self.processes[name] = process
        return process

    def start_worker(self) -> subprocess.Popen[bytes]:
        celery = str(Path(sys.executable).parent / "celery")
        return self.start("worker", [celery, "-A", "config", "worker", "--loglevel", "WARNING",
                                     "--concurrency", "2", "--without-gossip", "--without-mingle"])

    def kill_worker(self) -> None:
        os.killpg(self.processes["worker"].pid, signal.SIGKILL)
        self.processes["worker"].wait()

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    def log_tail(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace")[-1500:] if path.exists() else ""


def _start_stack(url: str, folder: Path) -> Stack:
    smtp_port, web_port = _free_port(), _free_port()
    env = {**os.environ, **bench_environment(url), "CELERY_BROKER_URL": REDIS_URL, "EMAIL_HOST": "127.0.0.1",
           "EMAIL_PORT": str(smtp_port), "GUNICORN_BIND": f"127.0.0.1:{web_port}"}
    stack = Stack(env=env, folder=folder, web_port=web_port, sink_file=folder / "received.tsv")
    sink = stack.start("sink", [sys.executable, str(ROOT / "bench" / "mail_sink.py"), str(smtp_port),
                                str(stack.sink_file)])
    stack.start("web", [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi:application"])
    stack.start_worker()
    _wait(lambda: "ready" in stack.log_tail("sink"), "the SMTP sink", sink)
    return stack


def _wait(ready: object, what: str, process: subprocess.Popen[bytes] | None = None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(ready) and ready():
            return
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited with status {process.returncode}")
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start within {timeout:.0f} s")


def _page_answers(port: int, path: str) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", path, headers={"Host": BENCH_HOST})
        return connection.getresponse().status == 200
    except OSError:
        return False


def _worker_ready() -> bool:
    from config.celery import app

    return bool(app.control.ping(timeout=1.0))


def _scenario() -> tuple[int, int, str]:
    """The municipality, its process and SUBSCRIBERS confirmed followers; returns (org, process, path)."""
    from django.utils import timezone

    from radslag.dialogues.tests.factories import ProcessFactory
    from radslag.messaging.models import Recipient, Source, Subscription, Topic
    from radslag.organisations.tests.factories import OrganisationFactory

    organisation = OrganisationFactory.create(name="Bänkkommun", slug="bench", hostname=BENCH_HOST)
    process = ProcessFactory.create(organisation=organisation, slug="motesplatser")
    now = timezone.now()
    for start in range(0, SUBSCRIBERS, 5000):
        recipients = Recipient.objects.bulk_create(
            Recipient(organisation=organisation, email=f"person{n}@example.se", confirmed_at=now,
                      language="en" if n % 10 == 0 else "sv")
            for n in range(start, min(start + 5000, SUBSCRIBERS)))
        Subscription.objects.bulk_create(
            Subscription(recipient=r, topic=Topic.PROCESS, topic_id=process.pk, source=Source.FOLLOW)
            for r in recipients)
    return organisation.pk, process.pk, f"/dialoger/{process.slug}/"


@dataclass
class Probe:
    """Requests the public process page every PROBE_INTERVAL_S until stopped."""

    port: int
    path: str
    samples: list[float] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)
    stopped: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        while not self.stopped.is_set():
            started = time.perf_counter()
            try:
                connection.request("GET", self.path, headers={"Host": BENCH_HOST})
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    self.samples.append((time.perf_counter() - started) * 1000)
                else:
                    self.failures[f"HTTP {response.status}"] += 1
            except (OSError, http.client.HTTPException) as error:
                self.failures[error.__class__.__name__] += 1
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
            self.stopped.wait(PROBE_INTERVAL_S)


def _statuses(message_id: int) -> Counter[str]:
    from django.db.models import Count

    from radslag.messaging.models import Delivery

    rows = Delivery.objects.filter(message_id=message_id).values("status").annotate(n=Count("pk"))
    return Counter({row["status"]: row["n"] for row in rows})


@dataclass
class Run:
    queue_s: float = 0
    send_s: float = 0
    killed_at_sent: int = 0
    restart_s: float = 0
    statuses: Counter[str] = field(default_factory=Counter)


def _send(stack: Stack, organisation_id: int, process_id: int) -> tuple[int, Run]:
    from radslag.messaging import outbox
    from radslag.messaging.models import Topic
    from radslag.organisations.models import Organisation

    run = Run()
    started = time.perf_counter()
    message = outbox.send_to_followers(
        organisation=Organisation.objects.get(pk=organisation_id), key="nyhetsbrev:bench",
        topics=[(Topic.PROCESS, process_id)], subject="Månadsblad: mötesplatser", body=NEWSLETTER,
        subject_en="Monthly letter: meeting places")
    run.queue_s = time.perf_counter() - started
    sending = time.perf_counter()
    killed = False
    while time.perf_counter() - sending < TIMEOUT_S:
        statuses = _statuses(message.pk)
        done = statuses["sent"] + statuses["handed"]
        if not killed and done >= KILL_AT * SUBSCRIBERS:
            stack.kill_worker()
            run.killed_at_sent, killed = done, True
            restarting = time.perf_counter()
            stack.start_worker()
            run.restart_s = time.perf_counter() - restarting
        waiting = statuses["pending"] + statuses["claimed"] + statuses["deferred"]
        if waiting == 0:
            break
        time.sleep(0.5)
    run.send_s = time.perf_counter() - sending
    run.statuses = _statuses(message.pk)
    return message.pk, run


def _received(path: Path) -> tuple[Counter[str], Counter[str]]:
    by_rcpt: Counter[str] = Counter()
    by_id: Counter[str] = Counter()
    for line in path.read_text(encoding="ascii").splitlines():
        rcpt, _tab, message_id = line.partition("\t")
        by_rcpt[rcpt] += 1
        by_id[message_id] += 1
    return by_rcpt, by_id


def run() -> str:
    url = create_database(DATABASE)
    os.environ["CELERY_BROKER_URL"] = REDIS_URL  # this process queues the newsletter through Redis too
    stack: Stack | None = None
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-mail-") as folder:
        try:
            migrate(url)
            setup_django(url)
            import redis

            redis.Redis.from_url(REDIS_URL).flushdb()
            organisation_id, process_id, page = _scenario()
            close_connections()
            stack = _start_stack(url, Path(folder))
            _wait(lambda: _page_answers(stack.web_port, page), "gunicorn", stack.processes["web"])
            _wait(_worker_ready, "the Celery worker", stack.processes["worker"])
            probe = Probe(stack.web_port, page)
            prober = threading.Thread(target=probe.run, daemon=True)
            prober.start()
            _message_id, result = _send(stack, organisation_id, process_id)
            probe.stopped.set()
            prober.join()
            load_after = os.getloadavg()
            stack.stop()
            by_rcpt, by_id = _received(stack.sink_file)
            if result.statuses["sent"] + result.statuses["handed"] < SUBSCRIBERS:
                sys.stderr.write(stack.log_tail("worker"))
            return _report(result, by_rcpt, by_id, probe, load_before, load_after)
        finally:
            if stack is not None:
                stack.stop()
            try:
                close_connections()
            finally:
                drop_database(DATABASE)


def _report(result: Run, by_rcpt: Counter[str], by_id: Counter[str], probe: Probe,
            load_before: tuple[float, float, float], load_after: tuple[float, float, float]) -> str:
    expected = {f"person{n}@example.se" for n in range(SUBSCRIBERS)}
    missing = len(expected - set(by_rcpt))
    duplicates = sum(1 for count in by_rcpt.values() if count > 1)
    strangers = len(set(by_rcpt) - expected)
    id_duplicates = sum(1 for count in by_id.values() if count > 1)
    received = sum(by_rcpt.values())
    exact = missing == 0 and duplicates == 0 and strangers == 0 and id_duplicates == 0
    lat = sorted(probe.samples)
    p95 = statistics.quantiles(lat, n=100, method="inclusive")[94] if len(lat) > 1 else float("nan")
    statuses = ", ".join(f"{name} {count}" for name, count in sorted(result.statuses.items()))
    n = f"{SUBSCRIBERS:,}".replace(",", "\N{NO-BREAK SPACE}")
    lines = [
        f"## Newsletter to {n} subscribers, worker killed once",
        "",
        "PostgreSQL (scratch database), Redis broker, one Celery worker (`celery -A config worker`, prefork, "
        "2 processes; the outbox runs 2 sender tasks per message, batches of 100 deliveries, one SMTP "
        "connection per batch), an aiosmtpd server in its own process counting accepted mail by RCPT and "
        "Message-ID, and gunicorn as `make run` starts it (config/gunicorn.py), all on this machine. When "
        f"{KILL_AT:.0%} were sent the worker's process group was killed with SIGKILL and a new worker started.",
        "",
        "| measure | value | goal |",
        "| --- | ---: | ---: |",
        f"| queueing (one transaction: message and {n} deliveries) | {result.queue_s:.1f} s | |",
        f"| sending, queued to all done | {result.send_s:.1f} s | < {GOAL_S} s |",
        f"| throughput | {SUBSCRIBERS / result.send_s:.0f} mails/s | |",
        f"| worker killed after | {result.killed_at_sent} sent | |",
        f"| mails accepted by the SMTP server | {received} | {SUBSCRIBERS} |",
        f"| recipients missing | {missing} | 0 |",
        f"| recipients with more than one copy | {duplicates} | 0 |",
        f"| Message-IDs seen twice | {id_duplicates} | 0 |",
        f"| **every subscriber exactly once** | **{'yes' if exact else 'NO'}** | yes |",
        f"| deliveries by final status | {statuses} | |",
        f"| process page during the send: requests, p50 / p95 / max | {len(lat)}, "
        f"{statistics.median(lat) if lat else float('nan'):.1f} / {p95:.1f} / {lat[-1] if lat else 0:.1f} ms "
        f"| p95 < {PAGE_GOAL_MS} ms |",
        f"| process page failures | {sum(probe.failures.values())} {dict(probe.failures) or ''} | 0 |",
        f"| load average before / after (1 min) | {load_before[0]:.1f} / {load_after[0]:.1f} | |",
    ]
    return "\n".join(lines) + "\n"
