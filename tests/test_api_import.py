"""POST /api/import: RST uploads through the same parser and atomic importer as import_rst."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kb.models import Document, Issue
from tests.base import CUT, CUT_AFTER_A_SPACE, make_document, make_token, no_throttle, token_header  # noqa: F401

pytestmark = pytest.mark.django_db

GOOD = b"""\
================
Small cluster
================

Observed issues
===============

Etcd is slow on spinning disks
------------------------------

:components: etcd

Symptoms
~~~~~~~~

etcd logs warnings::

    etcdserver: apply entries took too long

Solution
~~~~~~~~

Move etcd to SSDs.
"""
OTHER = GOOD.replace(b"Etcd is slow on spinning disks\n------------------------------",
                     b"Etcd leader changes too often\n-----------------------------")
NO_SECTIONS = b"Just some words, no sections at all.\n"


@pytest.fixture
def writer():
    return token_header(make_token(write=True))


def upload(name: str, data: bytes):
    return SimpleUploadedFile(name, data, content_type="text/x-rst")


def post(client, headers, *files, **options):
    return client.post("/api/import", {"file": list(files), **options}, **headers)


def test_it_imports_files_and_returns_their_summaries(client, writer):
    response = post(client, writer, upload("small.rst", GOOD), upload("other.rst", OTHER))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "imported" and body["dry_run"] is False
    assert [(f["file"], f["ok"]) for f in body["files"]] == [("small.rst", True), ("other.rst", True)]
    summary = body["files"][0]["summary"]
    assert set(summary) == {"path", "created", "updated", "unchanged", "retired", "kept_edits", "warnings",
                            "passed_over"}
    assert summary["created"] == ["etcd-is-slow-on-spinning-disks"]
    assert Issue.objects.count() == 2


def test_it_reimports_in_place(client, writer):
    post(client, writer, upload("small.rst", GOOD))
    body = post(client, writer, upload("small.rst", GOOD)).json()
    assert body["files"][0]["summary"]["unchanged"] == 1
    assert Issue.objects.count() == 1 and Document.objects.count() == 1


def test_an_upload_named_like_an_imported_document_updates_it(client, writer):
    make_document("small", "fixtures/small.rst")
    body = post(client, writer, upload("small.rst", GOOD)).json()
    assert body["files"][0]["path"] == "fixtures/small.rst"
    assert Document.objects.count() == 1


def test_a_document_uploaded_then_imported_from_its_directory_is_one_document(client, writer, tmp_path):
    # Seen: trove's troubleshooting page uploaded through /api/import, then imported by
    # `manage.py import_docs runbooks/` (a cron job), was two documents: every issue twice,
    # the second with a "<document>-2-..." slug. The other order already updated in place.
    from io import StringIO

    from django.core.management import call_command

    post(client, writer, upload("small.rst", GOOD))
    (tmp_path / "small.rst").write_bytes(GOOD)
    out = StringIO()
    call_command("import_docs", str(tmp_path / "small.rst"), stdout=out)
    assert "0 created" in out.getvalue() and "1 unchanged" in out.getvalue()
    assert Document.objects.count() == 1 and Issue.objects.count() == 1
    assert Document.objects.get().path.endswith("/small.rst")  # the fuller name from now on
    # and the upload keeps updating it
    again = post(client, writer, upload("small.rst", GOOD)).json()["files"][0]
    assert again["path"].endswith("/small.rst") and again["summary"]["unchanged"] == 1
    assert Document.objects.count() == 1


def test_it_answers_207_when_some_files_are_refused(client, writer):
    response = post(client, writer, upload("small.rst", GOOD), upload("broken.rst", NO_SECTIONS))
    assert response.status_code == 207
    body = response.json()
    assert body["status"] == "partial"
    refused = body["files"][1]
    assert refused["ok"] is False and refused["error"].startswith("broken.rst")
    assert Issue.objects.count() == 1  # the good file is committed


def test_it_answers_400_when_every_file_is_refused(client, writer):
    response = post(client, writer, upload("empty.rst", b""), upload("latin.rst", b"caf\xe9 \xff\xfe"))
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == "refused" and all(not f["ok"] and f["error"] for f in body["files"])
    assert not Issue.objects.exists() and not Document.objects.exists()


def test_a_dry_run_writes_nothing(client, writer):
    response = post(client, writer, upload("small.rst", GOOD), dry_run="true")
    assert response.status_code == 200
    assert response.json()["dry_run"] is True
    assert response.json()["files"][0]["summary"]["created"] == ["etcd-is-slow-on-spinning-disks"]
    assert not Issue.objects.exists()


def test_it_answers_400_without_files(client, writer):
    response = client.post("/api/import", {"dry_run": "true"}, **writer)
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Attach one or more documents (RST or Markdown) as multipart field 'file'.")


def test_it_imports_a_markdown_runbook_as_import_docs_does(client, writer):
    """The refusal named RST files only; Markdown is read the same way (README, Importing knowledge)."""
    from pathlib import Path

    runbook = Path(__file__).resolve().parent / "data" / "twins" / "runbook.md"
    upload = SimpleUploadedFile("runbook.md", runbook.read_bytes(), "text/markdown")
    response = client.post("/api/import", {"file": upload}, **writer)
    assert response.status_code == 200, response.content
    assert len(response.json()["files"][0]["summary"]["created"]) == 3
    assert Issue.objects.filter(document__path="runbook.md").count() == 3


def test_it_answers_415_to_json(client, writer):
    response = client.post("/api/import", "{}", content_type="application/json", **writer)
    assert response.status_code == 415 and "multipart/form-data" in response.json()["detail"]


def test_it_needs_a_write_token(client):
    assert post(client, {}, upload("small.rst", GOOD)).status_code == 401
    assert post(client, token_header(make_token()), upload("small.rst", GOOD)).status_code == 403
    assert not Issue.objects.exists()


def test_it_answers_413_for_an_upload_over_the_limit(client, writer, settings):
    settings.KB_MAX_PASTE_BYTES = 300
    response = post(client, writer, upload("small.rst", GOOD + b"\n" * 400))
    assert response.status_code == 413 and "limit of 300 bytes" in response.json()["detail"]


def test_djangos_request_data_too_big_becomes_a_413_json(client, writer, settings):
    """DATA_UPLOAD_MAX_MEMORY_SIZE (form fields) refused by Django itself is a 413 too, not a 400 or 500."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = client.post("/api/import", {"file": upload("small.rst", GOOD), "dry_run": "x" * 500}, **writer)
    assert response.status_code == 413
    assert response.json()["detail"].startswith("The body is larger than the limit")


def test_an_uploaded_signature_is_stored_as_the_model_validated_it(client, writer):
    response = post(client, writer, upload("cut.rst", CUT_AFTER_A_SPACE.encode()))
    assert response.status_code == 200, response.content
    assert list(Issue.objects.get().signatures.values_list("text", flat=True)) == [CUT]


# Two projects' troubleshooting pages share a file name (seen in a new user's trial: uploading
# the second retired all 17 issues of the first and answered "imported").
THIRD = GOOD.replace(b"Etcd is slow on spinning disks\n------------------------------",
                     b"Etcd runs out of space\n----------------------")


def test_an_upload_sharing_only_its_name_with_a_stored_document_is_refused_with_409(client, writer):
    post(client, writer, upload("troubleshooting.rst", GOOD))
    for options in ({}, {"dry_run": "true"}):
        response = post(client, writer, upload("troubleshooting.rst", OTHER), **options)
        assert response.status_code == 409, response.content
        body = response.json()
        assert body["status"] == "conflict"
        refused = body["files"][0]
        assert refused["ok"] is False
        assert refused["conflict"] == {"slug": "troubleshooting", "path": "troubleshooting.rst",
                                       "title": "Small cluster", "issues": 1}
        assert "'troubleshooting.rst'" in refused["error"] and "another name" in refused["error"]
        assert "replace" in refused["error"]
    assert list(Issue.objects.values_list("slug", "retired")) == [("etcd-is-slow-on-spinning-disks", False)]


def test_an_upload_named_like_a_document_of_another_directory_is_refused_when_it_shares_no_issue(
        client, writer):
    post(client, writer, upload("troubleshooting.rst", GOOD))
    Document.objects.update(path="projects/a/troubleshooting.rst")
    response = post(client, writer, upload("troubleshooting.rst", OTHER))
    assert response.status_code == 409
    assert response.json()["files"][0]["conflict"]["path"] == "projects/a/troubleshooting.rst"
    assert not Issue.objects.filter(retired=True).exists()


def test_replace_makes_the_upload_that_document(client, writer):
    post(client, writer, upload("troubleshooting.rst", GOOD))
    body = post(client, writer, upload("troubleshooting.rst", OTHER), replace="true").json()
    assert body["status"] == "imported"
    assert body["files"][0]["summary"]["retired"] == ["etcd-is-slow-on-spinning-disks"]
    assert Document.objects.count() == 1


def test_a_renamed_upload_is_a_document_of_its_own(client, writer):
    post(client, writer, upload("troubleshooting.rst", GOOD))
    body = post(client, writer, upload("b-troubleshooting.rst", OTHER)).json()
    assert body["status"] == "imported" and body["files"][0]["summary"]["retired"] == []
    assert Document.objects.count() == 2 and not Issue.objects.filter(retired=True).exists()


def test_an_upload_sharing_an_issue_still_updates_the_document_and_retires_what_it_dropped(
        client, writer):
    both = GOOD + b"\n" + THIRD[THIRD.index(b"Etcd runs"):]
    first = post(client, writer, upload("troubleshooting.rst", both)).json()["files"][0]
    assert first["summary"]["created"] == ["etcd-is-slow-on-spinning-disks", "etcd-runs-out-of-space"]
    response = post(client, writer, upload("troubleshooting.rst", GOOD))
    assert response.status_code == 200
    assert response.json()["files"][0]["summary"]["retired"] == ["etcd-runs-out-of-space"]


def test_a_conflict_beside_an_imported_file_is_a_partial_import(client, writer):
    post(client, writer, upload("troubleshooting.rst", GOOD))
    response = post(client, writer, upload("troubleshooting.rst", OTHER), upload("third.rst", THIRD))
    assert response.status_code == 207 and response.json()["status"] == "partial"
    assert "conflict" in response.json()["files"][0]


def test_a_file_imported_by_path_is_its_own_document_when_it_shares_only_the_name_of_an_upload(
        client, writer, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    post(client, writer, upload("troubleshooting.rst", GOOD))
    (tmp_path / "troubleshooting.rst").write_bytes(OTHER)
    for dry_run in (True, False):
        out = StringIO()
        call_command("import_docs", str(tmp_path / "troubleshooting.rst"), stdout=out,
                     **({"dry_run": True} if dry_run else {}))
        assert "1 created" in out.getvalue() and "0 retired" in out.getvalue(), out.getvalue()
    assert Document.objects.count() == 2 and not Issue.objects.filter(retired=True).exists()
    assert Document.objects.filter(path="troubleshooting.rst").exists()


# A document in which nothing is recognised (a new user's trial: "ok": true, "status":
# "imported", 200, and a script could not tell).
NOTHING = b"Glossary\n========\n\nA pod is a group of containers.\n"


def test_a_document_with_no_issue_recognised_says_so_and_stays_a_2xx(client, writer):
    response = post(client, writer, upload("glossary.rst", NOTHING))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "no_issue"
    assert (body["documents"], body["refused"], body["no_issue"]) == (1, 0, ["glossary.rst"])
    entry = body["files"][0]
    assert entry["ok"] is True and entry["no_issue"].startswith("no issue recognised in 1 section(s)")
    both = post(client, writer, upload("small.rst", GOOD), upload("glossary.rst", NOTHING)).json()
    assert both["status"] == "no_issue" and both["no_issue"] == ["glossary.rst"]
    assert "no_issue" not in both["files"][0]


def test_strict_refuses_a_document_with_no_issue_recognised(client, writer):
    response = post(client, writer, upload("glossary.rst", NOTHING), strict="true")
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == "refused" and body["refused"] == 1 and body["no_issue"] == []
    assert body["files"][0]["error"].startswith("glossary.rst: no issue recognised")
    assert not Document.objects.exists()
    partial = post(client, writer, upload("small.rst", GOOD), upload("glossary.rst", NOTHING), strict="true")
    assert partial.status_code == 207 and partial.json()["status"] == "partial"


def test_a_document_with_issues_answers_imported_and_counts_like_the_cli(client, writer):
    body = post(client, writer, upload("small.rst", GOOD)).json()
    assert (body["status"], body["documents"], body["refused"], body["no_issue"]) == ("imported", 1, 0, [])
