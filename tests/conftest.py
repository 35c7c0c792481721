import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
FIXTURES = ROOT / "fixtures"


def corpus_file(name: str) -> Path:
    """A file of ../shared/corpus; its absence fails in CI and skips elsewhere."""
    path = CORPUS / name
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must have ../shared/corpus")
        pytest.skip(f"{path} not present on this machine")
    return path


DATABASE_FIXTURES = frozenset({"db", "transactional_db", "client", "admin_client", "live_server"})


def _uses_database(request) -> bool:
    names = set(request.fixturenames)
    return bool(names & DATABASE_FIXTURES) or request.node.get_closest_marker("django_db") is not None


def _reaches_database(item) -> bool:
    """Whether a test can touch a database: it asks for one (a fixture, the django_db mark), or
    its module starts processes, which take their database from the environment.

    pytest-django refuses a database to any other test, so any other test passes or fails alike
    on SQLite and PostgreSQL."""
    if set(item.fixturenames) & (DATABASE_FIXTURES | {"scratch"}) or item.get_closest_marker("django_db"):
        return True
    module = vars(item.module)
    return module.get("subprocess") is subprocess or any(
        getattr(value, "__module__", None) == "tests.processes" for value in module.values())


def pytest_collection_modifyitems(config, items):
    """KB_TESTS=database keeps the tests that can reach a database, KB_TESTS=other the rest;
    unset, all run. CI (.ci/run) runs the two halves side by side on SQLite, and only the first on
    PostgreSQL: the rest would reach the same end there."""
    wanted = os.environ.get("KB_TESTS", "").strip()
    if not wanted:
        return
    if wanted not in ("database", "other"):
        raise pytest.UsageError(f"KB_TESTS={wanted!r}: expected 'database' or 'other'")
    keep, drop = [], []
    for item in items:
        (keep if _reaches_database(item) == (wanted == "database") else drop).append(item)
    config.hook.pytest_deselected(items=drop)
    items[:] = keep


@pytest.fixture(autouse=True, scope="session")
def _no_write_behind_timer():
    """Buffered rows are written by the tests that ask for it (flush), never by a timer thread:
    its own connection would write outside the test's transaction, into the tests after it."""
    from kb import writebehind

    writebehind.TIMER = False


@pytest.fixture(autouse=True)
def _fresh_matcher(request):
    """Each database test sees the matcher of its own database state.

    The in-process matcher caches by KnowledgeRevision, and a rolled-back test
    transaction can bring the same revision number back with other data.
    """
    if not _uses_database(request):
        yield
        return
    from kb.matching.loader import forget

    settings = request.getfixturevalue("settings")
    settings.KB_MATCHER_REFRESH_SECONDS = 0
    # Statistics written at once and lists read fresh, unless a test says otherwise.
    settings.KB_RECORD_FLUSH_SECONDS = 0
    # Every paste counts, unless a test is about re-pastes.
    settings.KB_REPASTE_WINDOW_SECONDS = 0
    settings.KB_READ_CACHE_SECONDS = 0
    # In a test the "relaxed" alias mirrors the default connection (settings); pytest-django
    # would refuse queries through it from tests that did not declare it.
    settings.RELAXED_DATABASE = "default"
    # Throttling is tested on its own; elsewhere a suite of requests from one
    # address must not run into the anonymous rate limit.
    settings.KB_ANON_THROTTLE = None
    forget()
    yield
    forget()


@pytest.fixture(scope="module")
def scratch(request, tmp_path_factory):
    """A scratch database with the shipped fixtures imported, for tests that start real kb processes."""
    from tests.processes import ScratchDatabase, manage

    db = ScratchDatabase(tmp_path_factory.mktemp(request.module.__name__.rpartition(".")[2]))
    try:
        manage("import_rst", "fixtures/", db=db.url)
        yield db
    finally:
        db.drop()
