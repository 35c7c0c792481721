"""Real kb processes for tests: a scratch database other processes can open, and manage.py.

The database is of the same engine as the suite's: an SQLite file, or a PostgreSQL
database created next to the suite's when DATABASE_URL is postgres://.
"""

import os
import socket
import sqlite3
import subprocess
import sys
import uuid
from contextlib import closing
from pathlib import Path

from django.conf import settings as django_settings

ROOT = Path(__file__).resolve().parent.parent
REFRESH_SECONDS = 2  # KB_MATCHER_REFRESH_SECONDS given to the servers (kb's default)
COUNTED_TABLES = ["kb_document", "kb_issue", "kb_signature", "kb_upstreamlink", "kb_issuerelation",
                  "kb_component", "kb_issue_components"]


class ScratchDatabase:
    """A database of the suite's engine that other processes can open."""

    def __init__(self, tmp: Path):
        default = django_settings.DATABASES["default"]
        self.postgres = default["ENGINE"].endswith("postgresql")
        if self.postgres:
            self.name = f"kb_scratch_{os.getpid()}_{uuid.uuid4().hex[:6]}"
            self.params = {k: default[v] for k, v in (("host", "HOST"), ("port", "PORT"), ("user", "USER"),
                                                       ("password", "PASSWORD")) if default.get(v)}
            self._admin(f'CREATE DATABASE "{self.name}"')
            auth = self.params.get("user", "")
            if self.params.get("password"):
                auth += f":{self.params['password']}"
            where = f"{self.params.get('host', '127.0.0.1')}:{self.params.get('port', 5432)}"
            self.url = f"postgres://{auth}@{where}/{self.name}"
        else:
            self.path = tmp / "scratch.sqlite3"
            self.url = f"sqlite:///{self.path}"
        manage("migrate", "--noinput", db=self.url)

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(dbname="postgres", autocommit=True, **self.params) as conn:
            conn.execute(sql)

    def connect(self):
        if self.postgres:
            import psycopg

            return psycopg.connect(dbname=self.name, autocommit=True, **self.params)
        return sqlite3.connect(self.path, timeout=30)

    def query(self, sql: str, *args) -> list[tuple]:
        with closing(self.connect()) as conn:
            cursor = conn.cursor()
            cursor.execute(sql, args)
            return cursor.fetchall()

    def state(self) -> dict:
        counts = {table: self.query(f"SELECT count(*) FROM {table}")[0][0] for table in COUNTED_TABLES}  # noqa: S608
        revision = self.query("SELECT number FROM kb_knowledgerevision")
        return {**counts, "revision": revision[0][0] if revision else 0}

    def can_write(self) -> bool:
        """Take (and release) a write lock on kb_issue without waiting."""
        with closing(self.connect()) as conn:
            if self.postgres:
                with conn.transaction():
                    conn.execute("SET LOCAL lock_timeout = '2s'")
                    conn.execute("LOCK TABLE kb_issue IN EXCLUSIVE MODE")
                return True
            conn.execute("PRAGMA busy_timeout = 2000")
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            return True

    def drop(self) -> None:
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def environment(db: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KB_", "DATABASE_URL"))}
    return {**env, "DATABASE_URL": db, "KB_ANON_THROTTLE": "off", "DEBUG": "false",
            "KB_MATCHER_REFRESH_SECONDS": str(REFRESH_SECONDS), **extra}


def manage(*args, db: str, timeout: float = 120) -> str:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment(db),
                            capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"manage.py {' '.join(args)}: {result.stderr[-2000:]}"
    return result.stdout



def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
