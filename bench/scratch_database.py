"""A throw-away PostgreSQL database for a benchmark: created, migrated, configured, dropped."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
SERVER_URL = os.environ.get("RADSLAG_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
BENCH_HOST = "bench.example.se"
BENCH_SECRET_KEY = os.environ.get("SECRET_KEY") or secrets.token_urlsafe(40)


def database_url(name: str) -> str:
    return f"{SERVER_URL.rstrip('/')}/{name}"


def _admin(statement: sql.Composed) -> None:
    with psycopg.connect(database_url("postgres"), autocommit=True, connect_timeout=10) as connection:
        connection.execute(statement)


def create_database(name: str) -> str:
    """Drops any leftover database of that name, creates it empty and returns its URL."""
    drop_database(name)
    _admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return database_url(name)


def drop_database(name: str) -> None:
    _admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def bench_environment(url: str) -> dict[str, str]:
    """The settings (read from the environment by config.settings.base) for a benchmark run."""
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": url,
        # One key for every process of a run: a scaled-out installation refuses a generated one.
        "SECRET_KEY": BENCH_SECRET_KEY,
        "ALLOWED_HOSTS": f"{BENCH_HOST},testserver",
        "RADSLAG_STAFF_MFA": "false",
        "DEBUG": "false",
        "LOG_LEVEL": "ERROR",
    }


def migrate(url: str) -> None:
    """Runs every migration against the database in a separate process, as a deployment would."""
    env = {**os.environ, **bench_environment(url)}
    completed = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=False,
        capture_output=True, text=True,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"migrate failed: {completed.stderr.strip()[-2000:]}")


def setup_django(url: str) -> None:
    """Points this process's Django at the database; must run before anything imports models."""
    os.environ.update(bench_environment(url))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def close_connections() -> None:
    from django.db import connections

    connections.close_all()
