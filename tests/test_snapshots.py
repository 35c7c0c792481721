"""manage.py match keeps the built engine on disk and rebuilds it when the knowledge changes."""

from io import StringIO

import pytest
from django.core.management import call_command

from kb import snapshots
from kb.models import Issue, Signature

pytestmark = pytest.mark.django_db
LINE = "Dec 11 16:59:31 node162 dnsmasq[9]: widget pool drained after 7 retries in kbsnap\n"


def test_a_snapshot_is_reused_until_the_knowledge_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(snapshots, "CACHE_DIR", tmp_path / "cache")
    issue = Issue.objects.create(slug="widgets", title="Widget pool drained", symptoms="x")
    Signature.objects.create(issue=issue, text="widget pool drained after <NUM> retries in kbsnap")
    first = snapshots.engine()
    assert list((tmp_path / "cache").glob("*.pickle"))
    again = snapshots.engine()
    assert again is not first and again.match_text(LINE).confident  # loaded from disk, and works
    Signature.objects.filter(issue=issue).update(is_active=False)
    Issue.objects.get(pk=issue.pk).save()  # an edit bumps the knowledge revision
    assert not snapshots.engine().match_text(LINE).confident
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1


def test_the_command_answers_from_the_snapshot(tmp_path, monkeypatch):
    monkeypatch.setattr(snapshots, "CACHE_DIR", tmp_path / "cache")
    issue = Issue.objects.create(slug="widgets", title="Widget pool drained", symptoms="x")
    Signature.objects.create(issue=issue, text="widget pool drained after <NUM> retries in kbsnap")
    log = tmp_path / "x.log"
    log.write_text(LINE)
    for _ in range(2):
        out = StringIO()
        call_command("match", str(log), stdout=out, stderr=StringIO())
        assert "Widget pool drained" in out.getvalue()
