"""Built engines kept on disk, so `manage.py match` starts in a fraction of a second.

Building the engine from the database costs most of a second on a command's
start (the issues' URLs load the whole URLconf, the index is built, the
Hyperscan database compiled): more than triage of a 150 MB log takes. The
first run saves what it built under var/engine-cache/; later runs load it
while the knowledge is unchanged. The key is the database, its
KnowledgeRevision (number and time) and the matcher's source code, so an edit
anywhere or a new release builds afresh. Only kb writes these files, next to
its SQLite database; whoever can write there can change the knowledge anyway.
"""

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)
CACHE_DIR = Path(settings.BASE_DIR) / "var" / "engine-cache"
_CODE = Path(__file__).resolve().parent / "matching"


def _code_version() -> str:
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(_CODE.glob("*.py")) + sorted(_CODE.glob("*.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _key() -> str | None:
    """None when the knowledge has no revision yet: nothing to tell two states apart by."""
    from kb.models import KnowledgeRevision

    database = settings.DATABASES["default"]
    revision = KnowledgeRevision.objects.filter(pk=1).values_list("number", "changed_at").first()
    if revision is None:
        return None
    where = f"{database['ENGINE']}|{database.get('HOST')}|{database.get('PORT')}|{database['NAME']}"
    text = f"{where}|{revision}|{_code_version()}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def engine():
    """The current knowledge's engine (and its compiled prefilter), from disk when possible."""
    from kb.matching.engine import Engine
    from kb.matching.loader import current_engine
    from kb.matching.prefilter import TemplateScanner, adopt_scanner, template_scanner

    key = _key()
    if key is None:
        return current_engine()
    path = CACHE_DIR / f"{key}.pickle"
    try:
        with open(path, "rb") as handle:
            knowledge, scanner = pickle.load(handle)
        built = Engine(knowledge)
        adopt_scanner(built, TemplateScanner.loads(scanner))
        return built
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        pass
    built = current_engine()
    scanner = template_scanner(built)
    if isinstance(scanner, TemplateScanner):
        _save(path, (built._kb, scanner.dumps()))
    return built


def _save(path: Path, payload) -> None:
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        for old in CACHE_DIR.glob("*.pickle"):
            old.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile(dir=CACHE_DIR, delete=False, suffix=".tmp") as out:
            pickle.dump(payload, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(out.name, path)
    except OSError as exc:  # a read-only checkout: no snapshot, the next run builds again
        logger.info("could not keep the engine snapshot: %s", exc)
