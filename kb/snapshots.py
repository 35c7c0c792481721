"""Built engines kept on disk, so `manage.py match` starts in a fraction of a second.

Building the engine from the database costs most of a second on a command's
start (the issues' URLs load the whole URLconf, the index is built, the
Hyperscan database compiled): more than triage of a 150 MB log takes. The
first run saves what it built under KB_ENGINE_CACHE_DIR (var/engine-cache/); later runs load it
while the knowledge is unchanged. The key is the database, its
KnowledgeRevision (number and time), the matcher's source code and the
compiled libraries it pickles, so an edit anywhere or a new release builds
afresh. Only kb writes these files, next to its SQLite database; whoever can
write there can change the knowledge anyway.

Loading needs no Django set-up: on SQLite the revision is one read through the
standard library's sqlite3, so `manage.py match` answers without importing the
ORM, the admin or DRF (two thirds of its start-up, issue 11). Only a missing or
unreadable snapshot, or another database, sets Django up (`django_ready`). The
snapshot also holds what a printed report adds under each issue (kb.answers:
upstream links, fixed in), of the same revision, and, once a run has triaged with word
evidence, the compiled word scanner (kb.matching.wordscan: ~5 s to compile, 1 ms to load), failure
scanner (kb.matching.failscan: ~0.15 s to compile) and region scanner (kb.matching.regionscan:
~0.5 s).

Never stale: every change to the knowledge bumps the revision in the same
commit or right after it (kb/signals.py, kb/sync.py), and a snapshot is built
from what the database holds after the revision of its key was read, so what a
key names is never older than that revision. Writers race safely: each writes a
temporary file and renames it into place; a reader sees a whole file or none.
"""

import hashlib
import logging
import os
import pickle
import sqlite3
import sys
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from kb.conf import setting

logger = logging.getLogger(__name__)
# None: settings.KB_ENGINE_CACHE_DIR, read when used (manage.py match --settings is applied after
# this module is imported); tests point it elsewhere.
CACHE_DIR: Path | None = None
_KB = Path(__file__).resolve().parent
_NOT_CODE = {"migrations", "__pycache__", "templates", "static"}
# KnowledgeRevision's row, read without the ORM (tests/test_snapshots.py checks the table name).
REVISION_SQL = "SELECT number, changed_at FROM kb_knowledgerevision WHERE id = 1"


def django_ready() -> None:
    """Set Django up if this process has not (`manage.py match` starts without it)."""
    from django.apps import apps

    if not apps.ready:
        import django

        django.setup()


def _code_version() -> str:
    """kb's code and the compiled libraries whose objects a snapshot pickles, as Python tells
    its own bytecode stale: by each file's size and modification time (reading them all
    costs more). All of kb, not only kb/matching: the issues' URLs, their remedy, the
    component names and the answers' details are built by code elsewhere."""
    import ahocorasick
    import hyperscan

    digest = hashlib.sha256(sys.version.encode())
    files = [Path(module.__file__) for module in (hyperscan, ahocorasick)]
    for root, folders, names in os.walk(_KB):
        folders[:] = sorted(f for f in folders if f not in _NOT_CODE)
        files += [Path(root, name) for name in sorted(names) if name.endswith((".py", ".json"))]
    for path in files:
        stat = path.stat()
        digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _sqlite_file(database: dict) -> str | None:
    """The path of a file SQLite database; None for any other (PostgreSQL, in-memory tests)."""
    name = str(database.get("NAME") or "")
    if not database["ENGINE"].endswith("sqlite3") or not name or name.startswith("file:") \
            or ":memory:" in name or "mode=memory" in name:
        return None
    return name


class NotMigrated(Exception):
    """The database has no kb tables yet: nothing to match against until `migrate` made them."""

    def __init__(self, where: str):
        super().__init__(f"the database {where} has no kb tables yet: run `manage.py migrate` "
                         "(or `make migrate`), then import knowledge (`make import`)")


def _revision(database: dict):
    """(number, changed_at) of KnowledgeRevision, or None when there is none yet."""
    path = _sqlite_file(database)
    if path is not None:
        if not Path(path).exists():
            raise NotMigrated(path)  # and Django would make an empty file there
        try:
            # Read-only: never a new empty database.
            with closing(sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)) as db:
                return db.execute(REVISION_SQL).fetchone()
        except sqlite3.Error as exc:
            if "no such table" in str(exc):
                raise NotMigrated(path) from None
            logger.debug("knowledge revision unreadable without Django: %s", exc)
    django_ready()
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cursor:
            cursor.execute(REVISION_SQL)
            row = cursor.fetchone()
    except DatabaseError:
        if "kb_knowledgerevision" not in connection.introspection.table_names():
            raise NotMigrated(database.get("NAME") or "") from None
        raise
    return None if row is None else (row[0], str(row[1]))


def _key() -> tuple[str, str] | None:
    """(database, state): the file name's two halves. None when the knowledge has no revision
    yet: nothing to tell two states apart by."""
    database = setting("DATABASES")["default"]
    revision = _revision(database)
    if revision is None:
        return None
    where = f"{database['ENGINE']}|{database.get('HOST')}|{database.get('PORT')}|{database['NAME']}"
    state = f"{where}|{revision[0]}|{revision[1]}|{_code_version()}"
    return _digest(where, 12), _digest(state, 32)


def _digest(text: str, length: int) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:length]


@dataclass(frozen=True)
class Snapshot:
    engine: object  # kb.matching.Engine, its compiled prefilter (and word scanner, if kept) adopted
    details: dict[str, dict]  # kb.answers.read_details() of every active issue, for a printed report


def engine():
    """The current knowledge's engine (and its compiled prefilter), from disk when possible."""
    return load().engine


def load(words: bool = False) -> Snapshot:
    """The current knowledge's snapshot: from disk when one was kept for it, else built and kept.
    `words`: triage will read word evidence, so the snapshot holds the compiled word scanner
    and failure scanner too (compiled and the file written again if the one on disk has none)."""
    key = _key()
    path = _cache_dir() / f"{key[0]}-{key[1]}.pickle" if key else None
    if path is not None:
        loaded = _load(path)
        if loaded is not None:
            if words and not _has_word_scanner(loaded.engine):
                _keep(path, loaded, words=True)
            return loaded
    django_ready()
    from kb.answers import read_details
    from kb.matching.engine import Engine
    from kb.matching.loader import issue_specs

    # From the database, never the process's cached engine: that may predate the key's revision
    # for KB_MATCHER_REFRESH_SECONDS, and would be kept under it.
    built = Snapshot(Engine.build(issue_specs()), read_details())
    if path is not None:
        _keep(path, built, words)
    return built


def _has_word_scanner(engine) -> bool:
    from kb.matching.wordscan import word_scanner

    return engine in word_scanner


def _keep(path: Path, snapshot: Snapshot, words: bool) -> None:
    """Save `snapshot` at `path` with its compiled scanners (the word scanner compiled first when
    `words`); not when the prefilter is no Hyperscan one (nothing compiled to keep)."""
    from kb.matching.bounds import bounds_of
    from kb.matching.failscan import failure_scanner
    from kb.matching.prefilter import TemplateScanner, template_scanner
    from kb.matching.regionscan import region_scanner
    from kb.matching.wordscan import word_scanner

    scanner = template_scanner(snapshot.engine)
    if not isinstance(scanner, TemplateScanner):
        return
    words_db = failures_db = regions_db = bounds = None
    if words or _has_word_scanner(snapshot.engine):
        words_db, failures_db = word_scanner(snapshot.engine).dumps(), failure_scanner().dumps()
        regions_db = region_scanner(snapshot.engine).dumps()
        bounds = bounds_of(snapshot.engine).with_shapes()  # pickled with the knowledge it reads
    _save(path, (snapshot.engine._kb, scanner.dumps(), snapshot.details, words_db, failures_db, regions_db,
                 bounds))


def _load(path: Path) -> Snapshot | None:
    from kb.matching.bounds import bounds_of
    from kb.matching.engine import Engine
    from kb.matching.failscan import FailureScanner, failure_scanner
    from kb.matching.prefilter import TemplateScanner, template_scanner
    from kb.matching.regionscan import RegionScanner, region_scanner
    from kb.matching.wordscan import WordScanner, word_scanner

    try:
        with open(path, "rb") as handle:
            knowledge, scanner, details, words, failures, regions, bounds = pickle.load(handle)
        built = Engine(knowledge)
        template_scanner.adopt(built, TemplateScanner.loads(scanner))
        if words is not None:
            word_scanner.adopt(built, WordScanner.loads(words))
            failure_scanner.adopt(FailureScanner.loads(failures))
            region_scanner.adopt(built, RegionScanner.loads(regions))
            bounds_of.adopt(built, bounds)
        return Snapshot(built, details)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a truncated or foreign file is rebuilt, never trusted
        logger.info("engine snapshot %s unusable (%s); building afresh", path.name, exc)
        return None


def _cache_dir() -> Path:
    return CACHE_DIR or Path(setting("KB_ENGINE_CACHE_DIR"))


def _save(path: Path, payload) -> None:
    """Keep `payload` at `path`; older snapshots of the same database go (another database's stay:
    the benchmark's and the developer's may share a checkout)."""
    database, folder = path.name.split("-")[0], path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as out:
            try:
                pickle.dump(payload, out, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                os.unlink(out.name)
                raise
        os.replace(out.name, path)
        for old in folder.glob("*.pickle"):
            # this database's older snapshots, and any named as before the database prefix
            if old != path and (old.name.startswith(f"{database}-") or "-" not in old.name):
                old.unlink(missing_ok=True)
    except OSError as exc:  # a read-only checkout: no snapshot, the next run builds again
        logger.info("could not keep the engine snapshot: %s", exc)
