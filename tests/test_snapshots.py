"""manage.py match keeps the built engine on disk and rebuilds it when the knowledge changes."""

import json
import subprocess
import sys
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


def test_the_printed_report_shows_the_upstream_links_of_the_knowledge_as_it_is(tmp_path, monkeypatch):
    from kb.models import UpstreamLink

    monkeypatch.setattr(snapshots, "CACHE_DIR", tmp_path / "cache")
    issue = Issue.objects.create(slug="widgets", title="Widget pool drained", symptoms="x",
                                 solution="Refill the widget pool.")
    Signature.objects.create(issue=issue, text="widget pool drained after <NUM> retries in kbsnap")
    log = tmp_path / "x.log"
    log.write_text(LINE)

    def printed() -> str:
        out = StringIO()
        call_command("match", str(log), stdout=out, stderr=StringIO())
        return out.getvalue()

    assert "Refill the widget pool." in printed() and "upstream:" not in printed()  # the second from disk
    UpstreamLink.objects.create(issue=issue, url="https://bugs.example.org/1", label="widget bug #1")
    assert "widget bug #1" in printed()


def test_the_word_scanner_is_kept_in_the_snapshot_once_a_run_needs_it(tmp_path, monkeypatch):
    from kb.matching.bounds import bounds_of
    from kb.matching.wordscan import WordScanner, word_patterns, word_scanner

    monkeypatch.setattr(snapshots, "CACHE_DIR", tmp_path / "cache")
    issue = Issue.objects.create(slug="widgets", title="Widget pool drained by sprocket storms",
                                 symptoms="The sprocket governor floods the widget pool.")
    Signature.objects.create(issue=issue, text="widget pool drained after <NUM> retries in kbsnap")
    snapshots.load()
    assert not snapshots._has_word_scanner(snapshots.load().engine)  # not compiled unless needed
    snapshots.load(words=True)
    (kept,) = (tmp_path / "cache").glob("*.pickle")
    loaded = snapshots.load().engine  # from disk, the word scanner with it: no compiling
    assert snapshots._has_word_scanner(loaded) and list((tmp_path / "cache").glob("*.pickle")) == [kept]
    text = (LINE + "sprocket governor floods widget pool storms\n" + "nothing to see here\n").encode()
    compiled = WordScanner(word_patterns(bounds_of(loaded)))
    assert word_scanner(loaded).holding(text) == compiled.holding(text) != []
    # the failure scan triage runs before the word patterns came with it (failscan.py)
    from kb.matching.failscan import FailureScanner, failure_scanner

    region = b"all good\nERROR it broke\n  indented\n"
    assert failure_scanner().lines(region, len(region)) == FailureScanner().lines(region, len(region))
    assert failure_scanner().lines(region, len(region)).failing == {9}


def test_the_revision_is_read_from_the_table_kb_writes():
    from kb.models import KnowledgeRevision

    assert f" FROM {KnowledgeRevision._meta.db_table} " in snapshots.REVISION_SQL


def test_a_damaged_snapshot_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setattr(snapshots, "CACHE_DIR", tmp_path / "cache")
    issue = Issue.objects.create(slug="widgets", title="Widget pool drained", symptoms="x")
    Signature.objects.create(issue=issue, text="widget pool drained after <NUM> retries in kbsnap")
    snapshots.engine()
    (kept,) = (tmp_path / "cache").glob("*.pickle")
    kept.write_bytes(kept.read_bytes()[:1000])  # a disk filled mid-write, a copy cut short
    assert snapshots.engine().match_text(LINE).confident
    assert kept.stat().st_size > 1000 and not list((tmp_path / "cache").glob("*.tmp"))


def test_a_renamed_component_is_new_knowledge():
    from kb.models import Component, KnowledgeRevision

    component = Component.objects.create(name="widgetd")
    before = KnowledgeRevision.current()
    component.name = "widget-daemon"
    component.save()
    assert KnowledgeRevision.current() > before


# ---- Real `manage.py match` processes on a database other processes change ---------------------

PROBE = "Dec 11 16:59:31 node162 widgetd[9]: widget pool drained after 7 retries in kbsnapshotprobe"


def match_process(scratch, cache, log, *python) -> subprocess.CompletedProcess:
    from tests.processes import ROOT, environment

    env = environment(scratch.url, KB_ENGINE_CACHE_DIR=str(cache))
    done = subprocess.run([sys.executable, *python, "manage.py", "match", str(log), "--json"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def slugs(done) -> set[str]:
    return {m["issue"]["slug"] for m in json.loads(done.stdout)["matches"] if m["confident"]}


def set_probe(scratch, active: bool):
    """Add (or switch) a signature through another process, as an editor would."""
    from tests.processes import manage

    manage("shell", "-c", (
        "from kb.models import Issue, Signature\n"
        "issue = Issue.objects.active().order_by('slug').first()\n"
        "s, _ = Signature.objects.get_or_create(issue=issue, "
        "text='widget pool drained after <NUM> retries in kbsnapshotprobe')\n"
        f"s.is_active = {active}\n"
        "s.save()\n"
        "print(issue.slug)"), db=scratch.url)


def test_match_answers_from_the_snapshot_without_setting_django_up_and_never_from_a_stale_one(
        scratch, tmp_path):
    cache, log = tmp_path / "cache", tmp_path / "probe.log"
    log.write_text(PROBE + "\n")
    assert slugs(match_process(scratch, cache, log)) == set()
    (first,) = cache.glob("*.pickle")

    again = match_process(scratch, cache, log, "-X", "importtime")
    assert slugs(again) == set() and list(cache.glob("*.pickle")) == [first]
    if not scratch.postgres:  # on SQLite the revision is read without the ORM
        imported = {line.rpartition("|")[2].strip() for line in again.stderr.splitlines()}
        assert not imported & {"django.db.models", "django.contrib.admin", "rest_framework", "kb.models",
                               # nor Django's settings (they pull in asyncio) or its commands
                               "django.conf", "asyncio", "django.core.management"}

    set_probe(scratch, active=True)  # another process edits the knowledge
    assert len(slugs(match_process(scratch, cache, log))) == 1
    set_probe(scratch, active=False)
    assert slugs(match_process(scratch, cache, log)) == set()
    assert len(list(cache.glob("*.pickle"))) == 1  # older snapshots of the database are removed


def test_processes_building_the_same_snapshot_at_once_all_answer(scratch, tmp_path):
    from tests.processes import ROOT, environment

    cache, log = tmp_path / "cache", tmp_path / "dns.log"
    log.write_text("I1211 16:59:31.000000 1 nanny.go:108] "
        "dnsmasq[9]: Maximum number of concurrent DNS queries reached "
                   "(max: 150)\n")
    env = environment(scratch.url, KB_ENGINE_CACHE_DIR=str(cache))
    argv = [sys.executable, "manage.py", "match", str(log), "--json"]
    running = [subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True) for _ in range(3)]
    answers = [process.communicate(timeout=120) for process in running]
    assert [process.returncode for process in running] == [0, 0, 0], answers
    assert all(json.loads(out)["matches"][0]["confident"] for out, _ in answers)
    assert len(list(cache.glob("*.pickle"))) == 1 and not list(cache.glob("*.tmp"))


def test_match_piped_into_a_reader_that_leaves_stops_without_a_traceback(scratch, tmp_path):
    """`manage.py match big.log | head` printed a BrokenPipeError traceback."""
    from tests.processes import ROOT, environment

    log = tmp_path / "dns.log"
    log.write_text("I1211 16:59:31.000000 1 nanny.go:108] dnsmasq[9]: Maximum number of concurrent DNS "
                   "queries reached (max: 150)\n")
    env = environment(scratch.url, KB_ENGINE_CACHE_DIR=str(tmp_path / "cache"))
    process = subprocess.Popen([sys.executable, "manage.py", "match", str(log)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    process.stdout.close()  # the reader is gone before the command writes a line
    _, errors = process.communicate(timeout=120)
    assert process.returncode == 1
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors


def test_match_honours_the_settings_option_as_django_does(tmp_path):
    from tests.processes import ROOT

    log = tmp_path / "x.log"
    log.write_text(LINE)
    argv = [sys.executable, "manage.py", "match", str(log), "--settings", "kb.no_such_settings"]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "kb.no_such_settings" in done.stderr


@pytest.mark.parametrize("state", ["missing", "empty"])
def test_match_on_an_unmigrated_database_says_to_migrate_in_one_line(tmp_path, state):
    from tests.processes import ROOT, environment

    database, log = tmp_path / "kb.sqlite3", tmp_path / "x.log"
    log.write_text(LINE)
    if state == "empty":
        database.touch()
    env = environment(f"sqlite:///{database}", KB_ENGINE_CACHE_DIR=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "manage.py", "match", str(log)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and not done.stdout
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert f"the database {database} has no kb tables yet: run `manage.py migrate`" in done.stderr
    assert database.exists() == (state == "empty")  # no empty database made on the way
