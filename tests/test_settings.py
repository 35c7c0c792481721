"""Configuration comes from the environment and fails loudly on bad values."""

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def start(**env):
    """Import kb.settings in a fresh interpreter with `env` on top of a clean environment."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("KB_", "DATABASE_URL", "DEBUG"))}
    result = subprocess.run(
        [sys.executable, "-c", "import kb.settings as s; print(s.DATABASES['default']['ENGINE'])"],
        cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=60,
    )
    return result


def test_it_defaults_to_sqlite_under_the_project():
    result = start()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_it_reads_postgresql_from_database_url():
    result = start(DATABASE_URL="postgres://postgres@127.0.0.1:5432/kb")
    assert result.stdout.strip() == "django.db.backends.postgresql"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean"),
        ({"KB_MAX_PASTE_BYTES": "5MB"}, "KB_MAX_PASTE_BYTES='5MB' is not an integer"),
        ({"KB_MATCHER_REFRESH_SECONDS": "-1"}, "must not be negative"),
        ({"DATABASE_URL": "mysql://root@localhost/kb"}, "only sqlite:// and postgres://"),
        ({"DATABASE_URL": "nonsense"}, "DATABASE_URL='nonsense' is not a database URL"),
        ({"KB_ALLOW_INSECURE_KEY": "false"}, "SECRET_KEY must be set"),
    ],
)
def test_it_refuses_bad_configuration_at_start(env, message):
    result = start(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr
