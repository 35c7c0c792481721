"""Answers you can act on: the full and short remedy, upstream links, the release with the fix,
and terminal text that keeps the message (API, text/plain, CLI), on the shipped knowledge."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.base import issue_match, report_of

pytestmark = pytest.mark.django_db

KUBEDNS = "kubedns-cannot-handle-big-cluster-load-with-default-settings"
FIXTURES = sorted((Path(__file__).resolve().parent.parent / "fixtures").glob("*.rst"))
# As dnsmasq writes it through syslog, and as oslo.log writes a long nova line.
DNS = ("I1211 16:59:31.000000 1 nanny.go:108] "
    "dnsmasq[7]: Maximum number of concurrent DNS queries reached (max: 150)")
PXC = ("2016-12-11 16:59:22.220 1165 ERROR oslo_db.api [req-6c2f4b0e-1d7a-4f3e-9b2a-8c1d2e3f4a5b admin] "
       "DBDeadlock: (pymysql.err.InternalError) (1213, 'WSREP detected deadlock/conflict and aborted the "
       "transaction. Try restarting the transaction')")


@pytest.fixture(autouse=True)
def knowledge(db, settings):
    settings.KB_ANON_THROTTLE = None
    call_command("import_rst", *map(str, FIXTURES), verbosity=0)


def match(client, text):
    response = client.post("/api/match", text, content_type="text/plain")
    assert response.status_code == 200
    return {m["issue"]["slug"]: m for m in response.json()["matches"]}


def test_the_api_gives_the_full_remedy_as_markdown_and_a_short_one_cut_at_a_boundary(client):
    dns = match(client, DNS)["kubedns-cannot-handle-big-cluster-load-with-default-settings"]["issue"]
    assert "`--dns-forward-max=1000`" in dns["remedy"]  # the whole fix, Markdown
    assert dns["remedy_truncated"] and len(dns["remedy_short"]) <= 280
    assert dns["remedy_short"].rstrip().endswith((".", ";", ":"))
    assert "--dns-forw" not in dns["remedy_short"] or "--dns-forward-max=1000" in dns["remedy_short"]


def test_the_api_lists_upstream_links_with_kind_and_status_and_the_release_with_the_fix(client):
    found = match(client, f"{DNS}\n{PXC}")
    dns = found["kubedns-cannot-handle-big-cluster-load-with-default-settings"]["issue"]
    assert {"url": "https://github.com/kubernetes-incubator/kargo/issues/643", "label": "kargo issue #643",
            "kind": "github_issue", "kind_label": "GitHub issue", "status": "fixed",
            "status_label": "Fixed"} in dns["upstream"]
    pxc = found["openstack-services-dont-handle-pxc-pseudo-deadlocks"]["issue"]
    assert pxc["fixed_in"] == "Newton"


def test_text_plain_drops_the_log_prefix_fits_100_columns_and_links_absolutely(client):
    response = client.post("/api/match", f"{DNS}\n{PXC}", content_type="text/plain", HTTP_ACCEPT="text/plain")
    text = response.content.decode()
    assert all(len(line) <= 100 for line in text.splitlines()), max(text.splitlines(), key=len)
    assert "   lines:    1: Maximum number of concurrent DNS queries reached (max: 150)" in text
    pxc_line = next(line for line in text.splitlines() if line.startswith("   lines:    2:"))
    assert "2016-12-11" not in pxc_line and "1165" not in pxc_line and "oslo_db.api" not in pxc_line
    assert pxc_line.startswith("   lines:    2: DBDeadlock: (pymysql.err.InternalError) (1213, 'WSREP")
    # Too long for one line with its URL: the URL goes on the next one, whole.
    assert ("   upstream: kargo issue #643 (GitHub issue, fixed)\n"
            "             https://github.com/kubernetes-incubator/kargo/issues/643\n") in text
    assert "fix in Newton" in text
    assert f"with default settings\n   http://testserver/issues/{KUBEDNS}/\n" in text  # under the title
    assert "… the full fix is on the issue's page" in text
    assert not re.search(r"(?<![\w/:])/issues/", text)  # every link is absolute


def test_manage_py_match_keeps_the_message_in_100_columns_with_absolute_links(tmp_path, settings):
    settings.KB_BASE_URL = "https://kb.example.com"
    log = tmp_path / "node-3.log"
    log.write_text(f"{DNS}\n{PXC}\n")
    out = io.StringIO()
    call_command("match", str(log), stdout=out)
    text = out.getvalue()
    assert all(len(line) <= 100 for line in text.splitlines()), max(text.splitlines(), key=len)
    assert "Maximum number of concurrent DNS queries reached (max: 150)" in text
    assert f"https://kb.example.com/issues/{KUBEDNS}/" in text
    assert "DBDeadlock: (pymysql.err.InternalError)" in text and "16:59:22.220 1165" not in text
    assert not re.search(r"(?<![\w/:.])/issues/", text)


def test_chat_replies_use_the_short_remedy_whole():
    from kb.chatops.replies import build_answer

    remedy = ("The fix is needed at several levels:\n\n"
              "* Let dnsmasq handle more queries: --dns-forward-max=1000.\n"
              "* Give the dnsmasq containers more memory and CPU, so that they are not throttled while the "
              "cluster is busy with many lookups at once, " + "and more words " * 40 + ".\n"
              "* Scale kubedns up.\n")
    report = report_of(issue_match("k", status="fixed", remedy="x" * 900), lines_total=1)
    hit = build_answer(report, absolute=lambda p: "https://kb.example.com" + p, upstream={}, search_url="",
                       remedies={"k": remedy})
    # the remedy as the knowledge has it now, not the matcher's excerpt
    assert hit.hits[0].remedy == ["The fix is needed at several levels:",
                                  "• Let dnsmasq handle more queries: --dns-forward-max=1000.", "…"]


def test_details_are_read_once_per_knowledge_revision_and_an_edit_reaches_the_next_answer(
        client, settings, django_assert_num_queries):
    from kb.answers import details_for
    from kb.matching.loader import current_engine
    from kb.models import Issue

    settings.KB_MATCHER_REFRESH_SECONDS = 60
    current_engine()  # the matcher has looked at the revision
    first = details_for([KUBEDNS])[KUBEDNS]
    with django_assert_num_queries(0):
        again = details_for([KUBEDNS])[KUBEDNS]
    assert again == first
    again["upstream"].append({"url": "x"})  # an answer's copy: what is kept stays as read
    assert details_for([KUBEDNS])[KUBEDNS] == first
    issue = Issue.objects.get(slug=KUBEDNS)
    issue.upstream_links.create(url="https://bugs.launchpad.net/kb/+bug/424242", kind="bug", status="open")
    settings.KB_MATCHER_REFRESH_SECONDS = 0  # the next answer's matcher looks again (a bump moved it)
    current_engine()
    settings.KB_MATCHER_REFRESH_SECONDS = 60
    urls = [link["url"] for link in match(client, DNS)[KUBEDNS]["issue"]["upstream"]]
    assert "https://bugs.launchpad.net/kb/+bug/424242" in urls
