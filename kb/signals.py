"""Every change to the knowledge bumps KnowledgeRevision (see kb/models.py)."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import m2m_changed, post_delete, post_save

_paused: ContextVar[bool] = ContextVar("kb_revision_paused", default=False)


@contextmanager
def revision_bumps_paused():
    """For bulk writers (the importer) that bump once themselves at the end."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def _bump(sender, **kwargs):
    if not _paused.get():
        from .models import KnowledgeRevision

        KnowledgeRevision.bump()


def connect():
    from .models import Component, Issue, IssueRelation, Signature, UpstreamLink

    # Component too: a renamed one changes the matcher's knowledge (issue_specs reads the names).
    for model in (Issue, Signature, UpstreamLink, IssueRelation, Component):
        post_save.connect(_bump, sender=model, dispatch_uid=f"kb-bump-save-{model.__name__}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"kb-bump-delete-{model.__name__}")
    m2m_changed.connect(_bump, sender=Issue.components.through, dispatch_uid="kb-bump-components")
