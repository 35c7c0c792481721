"""The one module of the matcher that reads the database.

Each app process keeps one Engine in memory. It checks KnowledgeRevision at
most every KB_MATCHER_REFRESH_SECONDS and rebuilds when the number moved, so
an edit made through any process reaches every process's matches within
that bound (plus the rebuild time) without a message bus.
"""

import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError

from .types import IssueSpec, SignatureSpec

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_state = {"revision": None, "engine": None, "checked": 0.0}


def issue_specs() -> list[IssueSpec]:
    # Imported here: manage.py match imports this module (through kb.answers) without the ORM.
    from django.db.models import Prefetch

    from kb.models import Issue, IssueRelation, Signature

    issues = Issue.objects.active().prefetch_related(
        "components",
        Prefetch("signatures", queryset=Signature.objects.filter(is_active=True)),
        Prefetch("relations", queryset=IssueRelation.objects.select_related("to_issue")),
    )
    return [
        IssueSpec(
            slug=issue.slug,
            title=issue.title,
            status=issue.status,
            components=tuple(c.name for c in issue.components.all()),
            environment=issue.environment,
            symptoms=issue.symptoms,
            root_cause=issue.root_cause,
            solution=issue.solution,
            workaround=issue.workaround,
            signatures=tuple(SignatureSpec(s.pk, s.text, s.source, s.is_sign)
                             for s in issue.signatures.all()),
            related=tuple(
                (r.to_issue.slug, r.kind) for r in issue.relations.all() if not r.to_issue.retired
            ),
            url=issue.get_absolute_url(),
            needs_review=issue.needs_review,
        )
        for issue in issues
    ]


def current_engine():
    """The process's Engine, rebuilt when the knowledge changed."""
    from kb.models import KnowledgeRevision

    from .engine import Engine

    now = time.monotonic()
    engine = _state["engine"]
    if engine is not None and now - _state["checked"] < settings.KB_MATCHER_REFRESH_SECONDS:
        return engine
    with _lock:
        try:
            revision = KnowledgeRevision.current()
        except DatabaseError:
            # The database is away (a restart, a failover): matching needs only
            # the knowledge already in memory, so keep answering with it and
            # look again after the refresh interval.
            if _state["engine"] is None:
                raise
            logger.warning("knowledge revision unreadable; matching with the cached knowledge")
            _state["checked"] = time.monotonic()
            return _state["engine"]
        if _state["engine"] is None or revision != _state["revision"]:
            _state["engine"] = Engine.build(issue_specs())
            _state["revision"] = revision
        _state["checked"] = time.monotonic()
        return _state["engine"]


def checked_revision():
    """The knowledge revision the matcher saw, if it looked within KB_MATCHER_REFRESH_SECONDS;
    else None. What is cached by it is as fresh as the matcher's knowledge."""
    if time.monotonic() - _state["checked"] >= settings.KB_MATCHER_REFRESH_SECONDS:
        return None
    return _state["revision"]


def forget():
    """Drop the cached engine (tests, and after a bulk change in-process)."""
    with _lock:
        _state.update(revision=None, engine=None, checked=0.0)
