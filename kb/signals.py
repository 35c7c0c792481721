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


def touch_issues(*issue_ids):
    """Give the issues a new version (updated_at): a change to a part of an issue (signature,
    upstream link, relation) changes the issue, so an editor holding it open (admin form, API
    If-Match) is refused instead of saving over the issue without seeing the change."""
    from django.utils import timezone

    from .editors import current_saver
    from .models import Issue

    ids = {pk for pk in issue_ids if pk is not None}
    if ids:
        Issue.objects.filter(pk__in=ids).order_by().update(updated_at=timezone.now(),
                                                           updated_by=current_saver())


def _touch_owner(sender, instance, **kwargs):
    # A relation shows on both issues' pages (outgoing and incoming): both change.
    touch_issues(getattr(instance, "issue_id", None), getattr(instance, "from_issue_id", None),
                 getattr(instance, "to_issue_id", None))


def connect():
    from .models import Component, Issue, IssueRelation, Signature, UpstreamLink

    # Component too: a renamed one changes the matcher's knowledge (issue_specs reads the names).
    for model in (Issue, Signature, UpstreamLink, IssueRelation, Component):
        post_save.connect(_bump, sender=model, dispatch_uid=f"kb-bump-save-{model.__name__}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"kb-bump-delete-{model.__name__}")
    for model in (Signature, UpstreamLink, IssueRelation):
        post_save.connect(_touch_owner, sender=model, dispatch_uid=f"kb-touch-save-{model.__name__}")
        post_delete.connect(_touch_owner, sender=model, dispatch_uid=f"kb-touch-delete-{model.__name__}")
    m2m_changed.connect(_bump, sender=Issue.components.through, dispatch_uid="kb-bump-components")
