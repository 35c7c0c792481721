"""Creating, changing and deleting issues and signatures; the models' clean() decides."""

import json

import pytest

from kb.models import Issue, KnowledgeRevision, Signature
from tests.base import DNS_SIGNATURE, make_issue, make_token, no_throttle, token_header  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer():
    return token_header(make_token(write=True))


def send(client, method, path, data, headers):
    return getattr(client, method)(path, json.dumps(data), content_type="application/json", **headers)


def test_it_creates_an_issue_with_components_by_name(client, writer):
    response = send(client, "post", "/api/issues/", {
        "slug": "etcd-slow", "title": "etcd is slow", "status": "investigating",
        "symptoms": "etcd logs `apply entries took too long`", "components": ["etcd", "kubernetes"],
    }, writer)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["components"] == ["etcd", "kubernetes"]
    assert body["symptoms_html"] == "<p>etcd logs <code>apply entries took too long</code></p>"
    assert body["url"] == "http://testserver/issues/etcd-slow/"
    assert response["Content-Type"] == "application/json"
    assert body["document"] is None  # not imported from a document; the schema says nullable
    assert (body["structure"], body["needs_review"]) == ("editor", False)


def test_it_bumps_the_knowledge_revision_so_matchers_rebuild(client, writer):
    before = KnowledgeRevision.current()
    send(client, "post", "/api/issues/", {"slug": "x-issue", "title": "X", "symptoms": "y"}, writer)
    assert KnowledgeRevision.current() > before


def test_it_refuses_what_the_models_clean_refuses(client, writer):
    response = send(client, "post", "/api/issues/", {"slug": "empty", "title": "  ", "symptoms": " "}, writer)
    assert response.status_code == 400
    assert "title" in response.json()["errors"] or "symptoms" in response.json()["errors"]


@pytest.mark.parametrize("data, field", [
    ({"slug": "bad slug!", "title": "t", "symptoms": "x"}, "slug"),
    ({"slug": "", "title": "t", "symptoms": "x"}, "slug"),
    ({"slug": None, "title": "t", "symptoms": "x"}, "slug"),
    ({"slug": 12, "title": "t", "symptoms": "x"}, "slug"),
    ({"slug": "s" * 101, "title": "t", "symptoms": "x"}, "slug"),
    ({"slug": "caf\u00e9", "title": "t", "symptoms": "x"}, "slug"),
    ({"symptoms": "x"}, "title"),  # no slug and no title: the title is what is missing
    ({"title": "t" * 301, "symptoms": "x"}, "title"),
    ({"slug": "s", "title": "t", "symptoms": "x", "status": "solved"}, "status"),
    ({"slug": "s", "title": "t", "symptoms": "x", "components": "nova"}, "components"),
    ({"slug": "s", "title": "t", "symptoms": "x", "components": [1]}, "components"),
    ({"slug": "s", "title": ["t"], "symptoms": "x"}, "title"),
])
def test_it_answers_400_with_the_field_for_bad_issue_data(client, writer, data, field):
    response = send(client, "post", "/api/issues/", data, writer)
    assert response.status_code == 400, response.content
    body = response.json()
    assert field in body["errors"] and body["detail"].startswith(field)


TITLE = "Nova: instance failed to spawn (libvirt, Permission denied)!"
RST_ISSUE = f"""Report
======

{TITLE}
{"-" * len(TITLE)}

Symptoms
~~~~~~~~

Spawning fails.

Solution
~~~~~~~~

Fix the permissions.
"""


def test_it_makes_the_slug_of_an_issue_sent_without_one_as_the_importer_does(client, writer):
    from kb.rst import parse_bytes

    imported = parse_bytes("report.rst", RST_ISSUE.encode()).issues[0].slug
    first = send(client, "post", "/api/issues/", {"title": TITLE, "symptoms": "x"}, writer)
    assert first.status_code == 201, first.content
    assert first.json()["slug"] == imported == "nova-instance-failed-to-spawn-libvirt-permission-denied"
    assert first.json()["url"] == f"http://testserver/issues/{imported}/"
    # the same title again: unique, numbered as the importer numbers a taken slug
    again = send(client, "post", "/api/issues/", {"title": TITLE, "symptoms": "y"}, writer)
    assert again.status_code == 201 and again.json()["slug"] == f"{imported}-2"
    # a title with nothing to make a slug of still gets one
    symbols = send(client, "post", "/api/issues/", {"title": "???", "symptoms": "z"}, writer)
    assert symbols.status_code == 201 and symbols.json()["slug"] == "issue"


def test_a_slug_taken_by_another_request_meanwhile_is_made_again_or_refused(client, writer, monkeypatch):
    """Another request may create the slug after this one checked it: a made slug is made again,
    a given one is the 400 of a taken slug; neither is a database error (a 503)."""
    from kb.api import serializers

    checked = serializers.ValidatedModelSerializer.validate

    def checked_then_taken(self, data):
        data = checked(self, data)
        make_issue(slug=data["slug"], title="Created meanwhile")
        return data

    monkeypatch.setattr(serializers.ValidatedModelSerializer, "validate", checked_then_taken)
    made = send(client, "post", "/api/issues/", {"title": "etcd is slow", "symptoms": "x"}, writer)
    assert made.status_code == 201, made.content
    assert made.json()["slug"] == "etcd-is-slow-2"
    given = send(client, "post", "/api/issues/", {"slug": "mine", "title": "t", "symptoms": "x"}, writer)
    assert given.status_code == 400 and "slug" in given.json()["errors"]


def test_a_given_slug_is_kept_and_the_update_keeps_it_without_one(client, writer):
    body = {"slug": "my-slug", "title": "Other words", "symptoms": "x"}
    created = send(client, "post", "/api/issues/", body, writer)
    assert created.status_code == 201 and created.json()["slug"] == "my-slug"
    put = send(client, "put", "/api/issues/my-slug/", {"title": "New words", "symptoms": "x"}, writer)
    assert put.status_code == 200, put.content
    assert put.json()["slug"] == "my-slug"


def test_it_refuses_a_duplicate_slug(client, writer):
    make_issue()
    response = send(client, "post", "/api/issues/", {"slug": "kubedns-max-queries", "title": "t",
                                                     "symptoms": "x"}, writer)
    assert response.status_code == 400 and "slug" in response.json()["errors"]


def test_it_ignores_read_only_fields(client, writer):
    response = send(client, "post", "/api/issues/", {"slug": "ro", "title": "t", "symptoms": "x",
                                                     "retired": True, "symptoms_html": "<b>x</b>"}, writer)
    assert response.status_code == 201
    assert Issue.objects.get(slug="ro").retired is False


def test_a_write_with_an_unknown_field_is_a_400_naming_it_and_the_writable_ones(client, writer):
    """Seen: PATCH {"sympotms": "x"} answered 200 and changed nothing, the typo unseen."""
    issue = make_issue()
    before = Issue.objects.values().get(pk=issue.pk)
    response = send(client, "patch", f"/api/issues/{issue.slug}/", {"sympotms": "x", "title": "New"}, writer)
    assert response.status_code == 400, response.content
    detail = response.json()["detail"]
    assert detail.startswith("Unknown field: sympotms (did you mean symptoms?). The writable fields are: ")
    assert "title, status, components" in detail and "root_cause" in detail and "retired" not in detail
    assert Issue.objects.values().get(pk=issue.pk) == before  # nothing changed, the title neither
    signature = {"issue": issue.slug, "txt": "dnsmasq: failed to send packet"}
    response = send(client, "post", "/api/signatures/", signature, writer)
    assert response.status_code == 400
    assert "Unknown field: txt (did you mean text?)" in response.json()["detail"]


def test_it_patches_an_issue_and_marks_it_edited_since_import(client, writer):
    issue = make_issue()
    issue.import_fingerprint = issue.content_fingerprint()
    issue.save()
    response = send(client, "patch", "/api/issues/kubedns-max-queries/",
                    {"solution": "Use CoreDNS.", "components": ["coredns"]}, writer)
    assert response.status_code == 200, response.content
    assert response.json()["solution_html"] == "<p>Use CoreDNS.</p>"
    assert response.json()["edited_since_import"] is True
    assert response.json()["components"] == ["coredns"]
    issue.refresh_from_db()
    assert issue.title == "KubeDNS drops queries under load"  # untouched by the PATCH


def test_an_editor_writes_the_notes_of_signatures_and_the_issue_is_edited_since_import(client, writer):
    issue = make_issue()
    issue.import_fingerprint = issue.content_fingerprint()
    issue.save()
    response = send(client, "patch", "/api/issues/kubedns-max-queries/",
                    {"sign_notes": "Other resolvers log it too."}, writer)
    assert response.status_code == 200, response.content
    assert response.json()["sign_notes_html"] == "<p>Other resolvers log it too.</p>"
    assert response.json()["edited_since_import"] is True


def test_it_replaces_an_issue_with_put(client, writer):
    make_issue()
    response = send(client, "put", "/api/issues/kubedns-max-queries/",
                    {"slug": "kubedns-max-queries", "title": "New title", "symptoms": "s"}, writer)
    assert response.status_code == 200 and response.json()["title"] == "New title"


def test_it_deletes_an_issue(client, writer):
    make_issue()
    response = client.delete("/api/issues/kubedns-max-queries/", **writer)
    assert response.status_code == 204
    assert not Issue.objects.exists()


def test_a_delete_asking_for_csv_answers_204_with_an_empty_body(client, writer):
    """Schemathesis found DELETE ...?format=csv answering 500: the CSV renderer was given no data."""
    make_issue("dns-limit")
    response = client.delete("/api/issues/dns-limit/?format=csv", **writer)
    assert response.status_code == 204 and response.content == b""
    assert not Issue.objects.filter(slug="dns-limit").exists()


def test_it_needs_a_token_to_delete(client):
    make_issue()
    assert client.delete("/api/issues/kubedns-max-queries/").status_code == 401
    assert client.delete("/api/issues/kubedns-max-queries/",
                         **token_header(make_token())).status_code == 403
    assert Issue.objects.exists()


def test_it_adds_an_editor_signature(client, writer):
    make_issue()
    response = send(client, "post", "/api/signatures/", {
        "issue": "kubedns-max-queries", "text": "  dnsmasq: failed to send packet: Network unreachable  ",
        "source": "curated",
    }, writer)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["text"] == "dnsmasq: failed to send packet: Network unreachable"  # clean() strips
    assert body["source"] == "editor"  # read-only: the API's signatures are the editor's
    assert body["issue_title"] == "KubeDNS drops queries under load"


@pytest.mark.parametrize("text, message", [
    ("too short", "Too generic"),
    ("<*> <NUM> <IP> <*>", "Too generic"),
    ("STAT evict <POS> <SLOW>", "Too generic"),  # placeholders are no fixed text
    # 13 fixed characters, 4 letters: matching would not use it (kb.matching.signatures.unusable)
    ('HTTP/1.1" 500 <NUM>', "fewer than 6 letters"),
    ("first line of it\nsecond line of it", "one log line"),
    ("x" * 501, "at most 500"),
    # what the importer drops from a document's prose (kb.matching.ordinary.too_generic): a
    # shared library's message for every caller, and what an ordinary log already says (a new
    # user's trial got "context deadline exceeded" stored with a 201)
    ("context deadline exceeded", "Too generic: it is only Go's context.DeadlineExceeded message"),
    ("Timed out waiting for a reply to message ID <*>", "oslo.messaging's MessagingTimeout"),
    ("Permission Denied", "Too generic: an ordinary log already says it (background corpus"),
])
def test_it_refuses_signatures_the_model_refuses(client, writer, text, message):
    make_issue()
    data = {"issue": "kubedns-max-queries", "text": text}
    response = send(client, "post", "/api/signatures/", data, writer)
    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert response.json()["detail"].startswith("text: ")


def test_it_refuses_a_duplicate_signature(client, writer):
    make_issue()
    response = send(client, "post", "/api/signatures/", {"issue": "kubedns-max-queries",
                                                         "text": DNS_SIGNATURE}, writer)
    assert response.status_code == 400


def test_it_refuses_a_signature_for_an_unknown_issue(client, writer):
    response = send(client, "post", "/api/signatures/", {"issue": "nope", "text": "long enough text here"},
                    writer)
    assert response.status_code == 400 and "issue" in response.json()["errors"]


def test_it_switches_a_signature_off_and_deletes_one(client, writer):
    issue = make_issue()
    signature = issue.signatures.get()
    response = send(client, "patch", f"/api/signatures/{signature.pk}/", {"is_active": False}, writer)
    assert response.status_code == 200 and response.json()["is_active"] is False
    assert client.delete(f"/api/signatures/{signature.pk}/", **writer).status_code == 204
    assert not Signature.objects.exists()


def test_an_editor_marks_a_signature_as_a_sign(client, writer):
    # a sign, not proof (README, Importing knowledge): the matcher makes it a lead, never confident
    signature = make_issue().signatures.get()
    assert client.get(f"/api/signatures/{signature.pk}/", **writer).json()["is_sign"] is False
    response = send(client, "patch", f"/api/signatures/{signature.pk}/", {"is_sign": True}, writer)
    assert response.status_code == 200 and response.json()["is_sign"] is True
    assert Signature.objects.get(pk=signature.pk).is_sign


def test_it_answers_400_for_malformed_json(client, writer):
    response = client.post("/api/issues/", "{not json", content_type="application/json", **writer)
    assert response.status_code == 400 and response.json()["detail"].startswith("JSON parse error")


def test_it_answers_415_for_a_form_post(client, writer):
    response = client.post("/api/issues/", {"slug": "x"}, **writer)
    assert response.status_code == 415
    assert response.json()["detail"].startswith('Unsupported media type "multipart/form-data')
    assert "application/json" in response.json()["detail"]


def test_a_patch_writes_only_the_fields_it_changes(client, writer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    issue = make_issue()
    before = KnowledgeRevision.current()
    with CaptureQueriesContext(connection) as queries:
        response = send(client, "patch", f"/api/issues/{issue.slug}/", {"status": "workaround"}, writer)
    assert response.status_code == 200
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('UPDATE "kb_issue"')]
    assert len(updates) == 1
    assert '"status"' in updates[0] and '"symptoms"' not in updates[0] and '"title"' not in updates[0]
    assert KnowledgeRevision.current() > before
    unchanged = send(client, "patch", f"/api/issues/{issue.slug}/", {"status": "workaround"}, writer)
    assert unchanged["ETag"] == response["ETag"]  # nothing changed, nothing written


@pytest.mark.parametrize("kind", ["issue", "signature"])
def test_details_carry_an_etag_and_a_stale_if_match_is_refused(client, writer, kind):
    issue = make_issue()
    path = (f"/api/issues/{issue.slug}/" if kind == "issue"
            else f"/api/signatures/{issue.signatures.get().pk}/")
    field = "title" if kind == "issue" else "text"
    read = client.get(path)
    etag = read["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    first = send(client, "patch", path, {field: "KubeDNS drops queries under heavy load"},
                 {**writer, "HTTP_IF_MATCH": etag})
    assert first.status_code == 200, first.content
    assert first["ETag"] != etag
    assert client.get(path)["ETag"] == first["ETag"]
    stale = send(client, "patch", path, {field: "An edit made on the old version"},
                 {**writer, "HTTP_IF_MATCH": etag})
    assert stale.status_code == 412
    assert "saved this " in stale.json()["detail"] and "after you read it" in stale.json()["detail"]
    assert client.get(path).json()[field] == "KubeDNS drops queries under heavy load"
    assert send(client, "delete", path, {}, {**writer, "HTTP_IF_MATCH": etag}).status_code == 412
    assert send(client, "delete", path, {}, {**writer, "HTTP_IF_MATCH": first["ETag"]}).status_code == 204


def test_a_stale_if_match_is_refused_even_when_the_change_is_a_no_op(client, writer):
    issue = make_issue()
    etag = client.get(f"/api/issues/{issue.slug}/")["ETag"]
    send(client, "patch", f"/api/issues/{issue.slug}/", {"components": ["etcd"]}, writer)  # moves the version
    again = send(client, "patch", f"/api/issues/{issue.slug}/", {"status": issue.status},
                 {**writer, "HTTP_IF_MATCH": etag})
    assert again.status_code == 412


def test_the_api_stores_a_signature_as_the_model_validated_it(client, writer):
    issue = make_issue()
    text = "dnsmasq: failed to send packet: Network unreachable"
    created = send(client, "post", "/api/signatures/", {"issue": issue.slug, "text": f"\t{text} \u00a0"},
                   writer)
    assert created.status_code == 201, created.content
    signature = Signature.objects.get(pk=created.json()["id"])
    assert signature.text == text
    patched = send(client, "patch", f"/api/signatures/{signature.pk}/", {"text": f"  {text} again\n"}, writer)
    assert patched.status_code == 200, patched.content
    signature.refresh_from_db()
    assert signature.text == f"{text} again"
    padded = send(client, "post", "/api/signatures/", {"issue": issue.slug, "text": f" {DNS_SIGNATURE} "},
                  writer)
    assert padded.status_code == 400  # the same signature as the one the issue has


def test_a_change_to_an_issues_signatures_gives_the_issue_a_new_version(client, writer):
    """An editor holding the issue (its ETag) must not save over a signature added, changed or
    removed since: each is a change to the issue, and the stale If-Match answers 412."""
    from kb.models import IssueRelation, UpstreamLink

    issue = make_issue()
    other = make_issue("other-issue", title="Another issue")
    path = f"/api/issues/{issue.slug}/"

    def etag(slug=issue.slug):
        return client.get(f"/api/issues/{slug}/")["ETag"]

    held = etag()
    added = send(client, "post", "/api/signatures/", {
        "issue": issue.slug, "text": "dnsmasq: failed to send packet: Network unreachable"}, writer)
    assert added.status_code == 201, added.content
    assert etag() != held
    stale = send(client, "patch", path, {"title": "Saved over"}, {**writer, "HTTP_IF_MATCH": held})
    assert stale.status_code == 412, stale.content
    signature = f"/api/signatures/{added.json()['id']}/"
    # (the change, the issues it changes): switched off, moved to the other issue, deleted there
    for change, changed in ((lambda: send(client, "patch", signature, {"is_active": False}, writer), [issue]),
                            (lambda: send(client, "patch", signature, {"issue": other.slug}, writer),
                             [issue, other]),
                            (lambda: client.delete(signature, **writer), [other])):
        held = {one.slug: etag(one.slug) for one in changed}
        assert change().status_code in (200, 204)
        for one in changed:
            assert etag(one.slug) != held[one.slug]
            assert send(client, "patch", f"/api/issues/{one.slug}/", {"title": "Saved over"},
                        {**writer, "HTTP_IF_MATCH": held[one.slug]}).status_code == 412
    # Parts written elsewhere (admin inlines, the importer) count as well.
    held = etag()
    UpstreamLink.objects.create(issue=issue, url="https://bugs.launchpad.net/nova/+bug/1")
    assert etag() != held
    held = etag()
    IssueRelation.objects.create(from_issue=other, to_issue=issue)
    assert etag() != held
    assert Issue.objects.get(pk=issue.pk).title != "Saved over"


@pytest.mark.parametrize("header", ["garbage", '"garbage"', "12", '"1-2"'])
def test_an_if_match_that_is_no_version_gets_a_400_naming_the_current_one(client, writer, header):
    """Not an older version, so not the 412 'someone changed this': a 400 saying what is wrong."""
    issue = make_issue()
    current = client.get(f"/api/issues/{issue.slug}/")["ETag"]
    for method in ("patch", "delete"):
        response = send(client, method, f"/api/issues/{issue.slug}/", {"title": "Changed"},
                        {**writer, "HTTP_IF_MATCH": header})
        assert response.status_code == 400, response.content
        assert response["Content-Type"] == "application/json"
        detail = response.json()["detail"]
        assert "is not a version kb issued" in detail and current in detail
    assert Issue.objects.get(pk=issue.pk).title == issue.title


def test_a_stale_if_match_names_who_saved_the_newer_version(client):
    """Two editors through the API: the refused one is told who was first, and when."""
    from tests.base import make_user

    issue = make_issue()
    alice = token_header(make_token(make_user("alice"), write=True))
    bob = token_header(make_token(make_user("bob"), write=True))
    path = f"/api/issues/{issue.slug}/"
    held = client.get(path)["ETag"]
    saved = send(client, "patch", path, {"status": "workaround"}, {**alice, "HTTP_IF_MATCH": held})
    assert saved.status_code == 200
    issue.refresh_from_db()
    assert issue.updated_by == "alice"
    for method in ("patch", "delete"):
        stale = send(client, method, path, {"title": "Saved over"}, {**bob, "HTTP_IF_MATCH": held})
        assert stale.status_code == 412
        assert f"alice saved this issue at {issue.updated_at:%Y-%m-%d %H:%M:%S} UTC" in stale.json()["detail"]
    # A signature added through the API changes the issue: its version is the one who added it.
    added = send(client, "post", "/api/signatures/", {
        "issue": issue.slug, "text": "dnsmasq: failed to send packet: Network unreachable"}, bob)
    assert added.status_code == 201
    assert Issue.objects.get(pk=issue.pk).updated_by == "bob"


def test_an_issue_created_or_imported_through_the_api_names_its_user(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.base import make_user

    carol = token_header(make_token(make_user("carol"), write=True))
    created = send(client, "post", "/api/issues/", {"title": "etcd is slow on spinning disks"}, carol)
    assert created.status_code == 201, created.content
    assert Issue.objects.get(slug=created.json()["slug"]).updated_by == "carol"
    document = (b"Lab\n===\n\nEtcd stalls\n-----------\n\nSymptoms\n~~~~~~~~\n\nIt stalls.\n\n"
                b"Solution\n~~~~~~~~\n\nMove etcd to SSDs.\n")
    imported = client.post("/api/import", {"file": SimpleUploadedFile("lab.rst", document)}, **carol)
    assert imported.status_code == 200, imported.content
    assert Issue.objects.get(title="Etcd stalls").updated_by == "carol"


def test_a_signature_changed_into_a_generic_message_is_refused(client, writer):
    make_issue()
    created = send(client, "post", "/api/signatures/", {
        "issue": "kubedns-max-queries", "text": "dnsmasq: failed to send packet: Network unreachable",
    }, writer)
    response = send(client, "patch", created.json()["api_url"], {"text": "context deadline exceeded"}, writer)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("text: Too generic: it is only Go's")
