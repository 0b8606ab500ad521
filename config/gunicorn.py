"""gunicorn settings for Rådslag: `gunicorn -c config/gunicorn.py config.wsgi:application`.

One process per core (at most 4 unless GUNICORN_WORKERS says otherwise), each with a pool of
threads. Most of a request's time is spent waiting for the database (each acknowledged ballot or
contribution waits for its commit to reach the disk), so the threads keep a core busy while others
wait, and fewer processes than that means less contention for the cores. On a 2-core machine, 2
processes with 8 threads served the most ballots per second with the shortest tail of the gthread
shapes measured (see docs/benchmarks.md). Plain sync processes (`-k sync`, 4 of them) served supports
and ballots at about the same rate with about half the 99th percentile under full load (62-92 ms
against 101-160 ms, December 2026), but a sync process is held for the whole of a slow client's upload
or a mail handed to a slow SMTP server during a request (sign-up confirmations), so threads stay the
default. Override with GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_BIND, and GUNICORN_CMD_ARGS
(gunicorn's own variable, for example "-k sync" behind a buffering proxy).
"""

import gc
import os
from typing import Any

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# At most 4 by default: every thread keeps its own database connection open (CONN_MAX_AGE), so
# workers x threads must stay well under PostgreSQL's max_connections (100 by default); with more,
# put a connection pooler such as PgBouncer in front of the database.
workers = int(os.environ.get("GUNICORN_WORKERS", str(min(os.cpu_count() or 2, 4))))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# Load the application once in the master: workers start faster and share its memory.
preload_app = True
backlog = 2048
# Request lines are not logged: a voting code in a link must not end up in a log file.
accesslog = None


_warmed = False


def pre_fork(server: Any, worker: object) -> None:
    """Before each worker forks: load the application's URLs, views and templates once, then freeze what
    the master holds out of the garbage collector.

    Loading (radslag.core.warmup) costs about a second; done in the master, no worker's first requests
    wait for it. Freezing: the preloaded objects live as long as the worker, yet a full collection would
    walk all of them again and again: with the whole application loaded, a full collection every few
    page views cost about a tenth of a second each (measured on the officials' overview, see
    docs/benchmarks.md). Frozen, the collector only walks what the worker made itself, and the pages
    stay shared with the master instead of being copied.
    """
    global _warmed
    if server.cfg.preload_app and not _warmed:
        from radslag.core.warmup import warm_up

        warm_up()
        _warmed = True
    gc.freeze()
