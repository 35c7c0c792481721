"""The browse pages: what each shows, what it refuses, how many queries it costs."""

import gzip
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kb.models import Component, Document, Issue, IssueRelation, Signature, UpstreamLink

pytestmark = pytest.mark.django_db

XSS = (
    "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    ' <a href="javascript:alert(2)">y</a>'
)
DNS_LINE = "Maximum number of concurrent DNS queries reached (max: 150)"


def make_issue(slug, *, components=(), document=None, **fields):
    fields.setdefault("title", slug.replace("-", " ").capitalize())
    fields.setdefault("symptoms", f"Symptoms of {slug}.")
    issue = Issue.objects.create(slug=slug, document=document, **fields)
    for name in components:
        issue.components.add(Component.objects.get_or_create(name=name)[0])
    return issue


def make_document(slug="scale", **fields):
    fields.setdefault("path", f"reports/{slug}.rst")
    fields.setdefault("title", "Kubernetes at 900 nodes")
    fields.setdefault("sha256", "ab" * 32)
    fields.setdefault("content", "Kubernetes at 900 nodes\n=======================\n\nKubeDNS\n-------\n")
    return Document.objects.create(slug=slug, **fields)


@pytest.fixture
def kubedns():
    document = make_document()
    issue = make_issue(
        "kubedns-overload",
        title="KubeDNS cannot handle big cluster load",
        status=Issue.Status.PARTIALLY_FIXED,
        # (dnsmasq alone: an issue about dnsmasq wherever it runs is answered by its limit message
        # under any prefix; one about kube-dns's needs the paste to say so, as
        # tests/test_matching_program_messages.py shows)
        components=["dnsmasq"],
        environment="Kubernetes at 900 nodes",
        category="Observed issues",
        document=document,
        anchor="kubedns-cannot-handle-load",
        line=4,
        symptoms="`dnsmasq` logs:\n\n```\nMaximum number of concurrent DNS queries reached.\n```",
        root_cause="kubedns falls over under load.",
        solution="Raise `--dns-forward-max` to 1000.\n\n```python\nreplicas = 6\n```",
        workaround="Restart the kubedns pods.",
    )
    Signature.objects.create(issue=issue, text="Maximum number of concurrent DNS queries reached",
                             source=Signature.Source.SYMPTOM)
    UpstreamLink.objects.create(issue=issue, url="https://github.com/kargo/kargo/issues/643",
                                kind=UpstreamLink.Kind.GITHUB_ISSUE, label="kargo issue #643",
                                status=UpstreamLink.Status.FIXED)
    UpstreamLink.objects.create(issue=issue, url="https://bugs.launchpad.net/nova/+bug/1", position=1,
                                kind=UpstreamLink.Kind.LAUNCHPAD_BUG, label="LP #1",
                                status=UpstreamLink.Status.OPEN)
    return issue


class ExecutableMarkup(HTMLParser):
    """Collects what a browser would run: script elements, on* handlers, javascript: URLs."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        if tag == "script" and not dict(attrs).get("src", "").startswith("/static/"):
            self.found.append("<script> inline")


def executable_markup(html: str) -> list[str]:
    parser = ExecutableMarkup()
    parser.feed(html)
    return parser.found


# ---- Home ----------------------------------------------------------------------


def test_home_shows_the_paste_box_search_and_counts(client, kubedns):
    make_issue("retired-one", retired=True)
    response = client.get(reverse("kb:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert f'action="{reverse("kb:paste")}"' in html
    assert "csrfmiddlewaretoken" in html
    assert 'type="file"' in html
    assert "up to 5.0" in html  # the size limit is stated
    assert f'action="{reverse("kb:search")}"' in html
    assert response.context["counts"] == {"issues": 1, "documents": 1}
    assert "KubeDNS cannot handle big cluster load" in html
    assert "Retired one" not in html


def test_every_page_has_skip_link_nav_and_search_shortcut(client):
    html = client.get(reverse("kb:home")).content.decode()
    assert 'href="#main"' in html and 'id="main"' in html
    for name in ("kb:issue_list", "kb:document_list", "kb:paste", "admin:index"):
        assert f'href="{reverse(name)}"' in html
    assert 'id="site-search"' in html and 'accesskey="s"' in html
    assert "/static/js/kb.js" in html and "/static/css/kb.css" in html


def test_home_query_count_is_bounded(client, django_assert_max_num_queries):
    for n in range(12):
        make_issue(f"issue-{n}", components=["nova", f"c{n}"])
    with django_assert_max_num_queries(3):
        assert client.get(reverse("kb:home")).status_code == 200


# ---- Issue list ----------------------------------------------------------------


def test_it_lists_active_issues_with_status_components_and_environment(client, kubedns):
    make_issue("retired-one", retired=True)
    response = client.get(reverse("kb:issue_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "KubeDNS cannot handle big cluster load" in html
    assert "Partially fixed upstream" in html
    assert 'class="badge badge--partially_fixed"' in html
    assert ">dnsmasq</a>" in html
    assert "Kubernetes at 900 nodes" in html
    assert "Retired one" not in html


def test_it_filters_by_component(client, kubedns):
    make_issue("nova-only", title="Nova only", components=["nova"])
    html = client.get(reverse("kb:issue_list"), {"component": "nova"}).content.decode()
    assert "Nova only" in html
    assert "KubeDNS cannot handle" not in html


def test_it_filters_by_environment(client, kubedns):
    make_issue("elsewhere", title="Seen elsewhere", environment="OpenStack at 200 nodes")
    html = client.get(reverse("kb:issue_list"), {"environment": "OpenStack at 200 nodes"}).content.decode()
    assert "Seen elsewhere" in html
    assert "KubeDNS cannot handle" not in html


def test_it_filters_by_status(client, kubedns):
    make_issue("fixed-one", title="Fixed one", status=Issue.Status.FIXED)
    html = client.get(reverse("kb:issue_list"), {"status": "fixed"}).content.decode()
    assert "Fixed one" in html
    assert "KubeDNS cannot handle" not in html


def test_it_filters_by_words(client, kubedns):
    make_issue("rabbit", title="RabbitMQ partition", symptoms="Queues vanish.")
    html = client.get(reverse("kb:issue_list"), {"q": "kubedns"}).content.decode()
    assert "KubeDNS cannot handle" in html
    assert "RabbitMQ partition" not in html


def test_it_shows_filter_choices_with_counts(client, kubedns):
    make_issue("nova-a", components=["nova"], status=Issue.Status.FIXED, environment="Lab")
    make_issue("nova-b", components=["nova"], status=Issue.Status.FIXED, environment="Lab")
    response = client.get(reverse("kb:issue_list"), {"component": "nova"})
    html = response.content.decode()
    assert '<option value="nova" selected>nova (2)</option>' in html
    assert '<option value="Lab">Lab (2)</option>' in html
    assert ("fixed", "Fixed upstream", 2) in response.context["statuses"]
    assert "Fixed upstream <span class=\"count\">2</span>" in html
    assert "2 issues" in html


def test_it_ignores_an_unknown_status_and_says_so(client, kubedns):
    response = client.get(reverse("kb:issue_list"), {"status": "bogus"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "not understood" in html
    assert "KubeDNS cannot handle" in html


def test_it_says_when_no_issue_matches_the_filters(client, kubedns):
    html = client.get(reverse("kb:issue_list"), {"q": "zzzz-nothing"}).content.decode()
    assert "No issue matches these filters" in html


def test_issue_list_query_count_does_not_grow_with_issues(client, django_assert_max_num_queries):
    document = make_document()

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("kb:issue_list")).status_code == 200
        return len(ctx.captured_queries)

    for n in range(3):
        make_issue(f"a-{n}", components=["nova", "neutron"], document=document, environment=f"env {n}")
    few = queries()
    for n in range(27):
        make_issue(f"b-{n}", components=["nova", f"c{n}"], document=document, environment=f"env {n}",
                   status=Issue.Status.FIXED)
    assert Issue.objects.count() == 30
    assert queries() == few
    # Status counts, components, environments, the page's count, its rows, their components,
    # their upstream links, and the hourly hits of the sparklines: 8, however many issues.
    with django_assert_max_num_queries(8):
        client.get(reverse("kb:issue_list"), {"component": "nova", "status": "fixed", "q": "symptoms"})


# ---- Issue page ----------------------------------------------------------------


def test_issue_page_shows_every_field_rendered(client, kubedns):
    response = client.get(kubedns.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>KubeDNS cannot handle big cluster load</h1>" in html
    for heading in ("Symptoms", "Root cause", "Solution", "Workaround"):
        assert f">{heading}</h2>" in html
    assert "<code>--dns-forward-max</code>" in html  # Markdown rendered
    assert '<div class="highlight">' in html  # code highlighted by Pygments
    assert "Kubernetes at 900 nodes" in html and "Observed issues" in html
    assert 'class="badge badge--partially_fixed">Partially fixed upstream<' in html
    assert ">dnsmasq</a>" in html


def test_issue_page_shows_upstream_links_with_kind_and_status(client, kubedns):
    html = client.get(kubedns.get_absolute_url()).content.decode()
    assert 'href="https://github.com/kargo/kargo/issues/643"' in html
    assert "GitHub issue" in html and "Launchpad bug" in html
    assert 'class="badge badge--link-fixed">Fixed<' in html
    assert 'class="badge badge--link-open">Open<' in html


def test_issue_page_shows_active_signatures_as_code(client, kubedns):
    Signature.objects.create(issue=kubedns, text="switched off signature text", is_active=False)
    html = client.get(kubedns.get_absolute_url()).content.decode()
    assert "<code>Maximum number of concurrent DNS queries reached</code>" in html
    assert "switched off signature text" not in html


def test_issue_page_marks_a_sign_as_no_proof(client, kubedns):
    Signature.objects.create(issue=kubedns, text="a message other failures log too", is_sign=True)
    html = client.get(kubedns.get_absolute_url()).content.decode()
    sign = html.split("<code>a message other failures log too</code>")[1].split("</li>")[0]
    assert "sign, not proof" in sign
    plain = html.split("<code>Maximum number of concurrent DNS queries reached</code>")[1].split("</li>")[0]
    assert "sign, not proof" not in plain


def test_issue_page_shows_the_notes_of_signatures_and_signs_in_their_panel(client, kubedns):
    """The document's prose beside its Log signatures and Log signs: where upstream each message
    comes from and why it is a signature or only a sign, rendered as the other fields are."""
    kubedns.signature_notes = "dnsmasq logs it from `forward_query` in *src/forward.c*."
    kubedns.sign_notes = "Any **busy** resolver logs it too."
    kubedns.save()
    html = client.get(kubedns.get_absolute_url()).content.decode()
    panel = html.split('aria-labelledby="signatures"')[1].split("</section>")[0]
    assert "dnsmasq logs it from <code>forward_query</code> in <em>src/forward.c</em>." in panel
    assert "Any <strong>busy</strong> resolver logs it too." in panel
    assert panel.index("forward_query") < panel.index("busy")


def test_issue_page_shows_no_notes_where_the_document_has_none(client, kubedns):
    panel = client.get(kubedns.get_absolute_url()).content.decode().split(
        'aria-labelledby="signatures"')[1].split("</section>")[0]
    assert "signature-notes" not in panel


def test_issue_page_shows_relations_in_both_directions_in_words(client, kubedns):
    mysql = make_issue("mysql-loss", title="Random loss of connection to MySQL")
    sibling = make_issue("sibling", title="Sibling issue")
    same = IssueRelation.Kind.SAME_ROOT_CAUSE
    IssueRelation.objects.create(from_issue=mysql, to_issue=kubedns, kind=IssueRelation.Kind.CAUSED_BY)
    IssueRelation.objects.create(from_issue=kubedns, to_issue=sibling, kind=same)
    IssueRelation.objects.create(from_issue=sibling, to_issue=kubedns, kind=same)

    html = client.get(kubedns.get_absolute_url()).content.decode()
    assert "Causes</span>" in html and mysql.get_absolute_url() in html
    assert "Same root cause as</span>" in html
    assert html.count(f'href="{sibling.get_absolute_url()}"') == 1  # a pair stored both ways, listed once

    html = client.get(mysql.get_absolute_url()).content.decode()
    assert "Caused by</span>" in html and kubedns.get_absolute_url() in html


def test_issue_page_links_its_source_document_anchor_and_line(client, kubedns):
    html = client.get(kubedns.get_absolute_url()).content.decode()
    document_url = kubedns.document.get_absolute_url()
    assert f'href="{document_url}#kubedns-cannot-handle-load"' in html
    assert f'href="{document_url}#L4"' in html
    assert "line 4" in html and "reports/scale.rst" in html


def test_issue_page_notes_a_retired_issue(client):
    issue = make_issue("gone", retired=True)
    html = client.get(issue.get_absolute_url()).content.decode()
    assert "Retired." in html


def test_issue_page_notes_edits_since_import(client, kubedns):
    assert "Edited since import" not in client.get(kubedns.get_absolute_url()).content.decode()
    kubedns.import_fingerprint = kubedns.content_fingerprint()
    kubedns.workaround = "An editor's better workaround."
    kubedns.save()
    html = client.get(kubedns.get_absolute_url()).content.decode()
    assert "Edited since import" in html


def test_an_issue_read_from_prose_says_so_on_its_page_and_on_a_match(client, kubedns):
    """Seen: issues marked needs review were listed under ?review=true, but their page and the
    answers matching them looked like checked knowledge."""
    assert "Needs review" not in client.get(kubedns.get_absolute_url()).content.decode()
    kubedns.needs_review, kubedns.structure = True, Issue.Structure.FAQ
    kubedns.save()
    html = client.get(kubedns.get_absolute_url()).content.decode()
    assert "<strong>Needs review.</strong>" in html
    assert "read this issue from the prose of its document (recognised as: FAQ question and answer)" in html
    answer = paste(client, DNS_LINE)
    mark = '<span class="badge badge--review">needs review: read from prose, not yet checked by an editor'
    assert mark in answer.content.decode()
    kubedns.needs_review = False  # an editor checked it: the stored answer says so when shown again
    kubedns.save()
    assert "badge--review" not in client.get(answer.redirect_chain[0][0]).content.decode()


def test_it_returns_404_for_an_unknown_issue(client):
    response = client.get(reverse("kb:issue", args=["no-such-issue"]))
    assert response.status_code == 404
    assert "Not found" in response.content.decode()


def test_issue_page_query_count_is_bounded(client, kubedns, django_assert_max_num_queries):
    for n in range(5):
        other = make_issue(f"other-{n}")
        IssueRelation.objects.create(from_issue=kubedns, to_issue=other)
        IssueRelation.objects.create(from_issue=make_issue(f"incoming-{n}"), to_issue=kubedns)
        Signature.objects.create(issue=kubedns, text=f"a signature long enough number {n}")
    # issue (with hit counts), components, links, signatures, signature hits, relations x2,
    # hits per day for the chart
    with django_assert_max_num_queries(8):
        assert client.get(kubedns.get_absolute_url()).status_code == 200


# ---- Markup from documents and editors is never executable -----------------------


def test_it_never_renders_executable_markup_from_fields(client, kubedns):
    for field in ("symptoms", "root_cause", "solution", "workaround", "details", "signature_notes",
                  "sign_notes"):
        setattr(kubedns, field, XSS)
    kubedns.title = "<script>alert(1)</script>"
    kubedns.environment = "<img src=x onerror=alert(1)>"
    kubedns.category = "<script>alert(1)</script>"
    kubedns.save()
    kubedns.components.add(Component.objects.create(name="<b onmouseover=alert(1)>"))
    Signature.objects.create(issue=kubedns, text="<script>alert(1)</script> long enough")
    UpstreamLink.objects.create(
        issue=kubedns, url="javascript:alert(1)", label="<img src=x onerror=alert(1)>", position=5
    )
    kubedns.document.title = "<script>alert(1)</script>"
    kubedns.document.content = XSS
    kubedns.document.save()

    pages = [
        kubedns.get_absolute_url(),
        reverse("kb:issue_list"),
        reverse("kb:issue_list") + "?q=%3Cscript%3Ealert(1)%3C/script%3E",
        reverse("kb:home"),
        kubedns.document.get_absolute_url(),
        reverse("kb:document_list"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert executable_markup(html) == [], url
        assert "<script>alert(1)</script>" not in html, url


# ---- Documents ------------------------------------------------------------------


def test_document_list_shows_documents_with_issue_counts(client, kubedns):
    make_issue("second", document=kubedns.document)
    make_issue("retired", document=kubedns.document, retired=True)
    response = client.get(reverse("kb:document_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{kubedns.document.get_absolute_url()}"' in html
    assert "reports/scale.rst" in html
    assert '<td class="num">2</td>' in html


def test_document_page_shows_metadata_issues_in_order_and_source(client, kubedns):
    document = kubedns.document
    make_issue("first-in-doc", title="First in document", document=document, position=0)
    kubedns.position = 1
    kubedns.save()
    response = client.get(document.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "reports/scale.rst" in html and "ab" * 32 in html
    assert html.index("First in document") < html.index("KubeDNS cannot handle big cluster load")
    assert 'id="kubedns-cannot-handle-load"' in html  # the issue page's anchor lands here
    assert '<details class="source"' in html and "<pre" in html
    assert 'id="L4"' in html  # and so does its line


def test_it_returns_404_for_an_unknown_document(client):
    assert client.get(reverse("kb:document", args=["nope"])).status_code == 404


def test_document_page_query_count_is_bounded(client, kubedns, django_assert_max_num_queries):
    for n in range(20):
        make_issue(f"doc-issue-{n}", document=kubedns.document, components=["nova", f"c{n}"], position=n)
    with django_assert_max_num_queries(3):
        assert client.get(kubedns.document.get_absolute_url()).status_code == 200


def test_document_list_query_count_is_bounded(client, django_assert_max_num_queries):
    for n in range(10):
        make_issue(f"i-{n}", document=make_document(f"d-{n}"))
    with django_assert_max_num_queries(1):
        assert client.get(reverse("kb:document_list")).status_code == 200


# ---- Search (through the matcher) -------------------------------------------------


def test_search_shows_ranked_hits_with_snippet_and_why(client, kubedns):
    response = client.get(reverse("kb:search"), {"q": "dnsmasq"})
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["hits"], "the matcher found nothing for a word of the symptoms"
    assert f'href="{kubedns.get_absolute_url()}"' in html
    assert "KubeDNS cannot handle big cluster load" in html
    assert "<mark>" in html  # the snippet's HTML is kept
    assert response.context["hits"][0].why in html


def test_search_escapes_the_query(client, kubedns):
    response = client.get(reverse("kb:search"), {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert executable_markup(response.content.decode()) == []


def test_search_says_when_nothing_matches(client, kubedns):
    html = client.get(reverse("kb:search"), {"q": "qwertyuiop"}).content.decode()
    assert "No known issue mentions these words" in html


def test_search_without_words_asks_for_them(client):
    response = client.get(reverse("kb:search"))
    assert response.status_code == 200
    assert "paste the log" in response.content.decode()


# ---- Paste (through the matcher) ---------------------------------------------------


def paste(client, text):
    return client.post(reverse("kb:paste"), {"text": text}, follow=True)


def test_a_weak_leads_line_is_listed_as_matching_no_known_issue(client, kubedns):
    """A weak lead's line is no known issue's line: it is counted among the lines that matched
    none, and the list says so rather than that it matched nothing (its card shows it matched)."""
    from kb.jobs.results import store
    from kb.matching.report import MatchReport
    from tests.base import matched

    line = "WARNING nova.compute.manager While synchronizing instance power states"
    # as the engine reports a weak lead: its line is not matched, so it is listed as unmatched
    report = MatchReport((matched(kubedns, None, confident=False),), 1, 0, ((1, line),), 1, records_total=1)
    html = client.get(store(report, "web").get_absolute_url()).content.decode()
    assert "No known issue; 1 weak lead" in html
    assert "0 matched a known issue" in html
    assert "Lines that matched no known issue (1)" in html
    assert "matched nothing" not in html


def test_a_weak_leads_remedy_is_headed_as_what_to_do_if_it_is_that_issue(client, kubedns):
    # A new user's trial (tests/eval/trial6) read a lead's remedy as the answer.
    from kb.jobs.results import store
    from kb.matching.report import MatchReport
    from tests.base import matched

    line = "WARNING nova.compute.manager While synchronizing instance power states"
    lead = MatchReport((matched(kubedns, None, confident=False),), 1, 0, ((1, line),), 1, records_total=1)
    html = client.get(store(lead, "web").get_absolute_url()).content.decode()
    assert "If it is this issue</h4>" in html and "What to do</h4>" not in html
    known = paste(client, DNS_LINE).content.decode()
    assert "What to do</h4>" in known and "If it is this issue" not in known


def test_a_result_counts_lines_read_and_log_records_matched_each_by_its_name(client, kubedns):
    """A traceback is one log record: the page says how many records the lines formed, and
    the matched and unmatched counts (records) add up to them (issue 9: 13,869 lines read
    above 12,528 lines unmatched, on a real nova-compute log)."""
    traceback = ["Traceback (most recent call last):", '  File "/srv/a.py", line 3, in f', "    g()",
                 "ValueError: bad value"]
    log = "\n".join([f"dnsmasq[12]: {DNS_LINE}", *traceback, "03:12:05 INFO all quiet"])
    html = paste(client, log).content.decode()
    assert ("6 lines read, forming 3 log records (a traceback or a wrapped line is one); "
            "1 matched a known issue, 2 did not.") in html
    assert "Log records (a traceback or a wrapped line is one) that matched no known issue (2)" in html
    # a log of one record a line says lines, as before
    html = paste(client, f"dnsmasq[12]: {DNS_LINE}\n03:12:05 INFO all quiet\n").content.decode()
    assert "2 lines read; 1 matched a known issue, 1 did not." in html
    assert "Lines that matched no known issue (1)" in html


def test_a_form_refused_by_the_csrf_check_gets_kbs_page_saying_what_to_do(db):
    """Not Django's bare "Forbidden (403) CSRF verification failed" page: kb's, saying what
    happened, that nothing was saved, and to reload the form (with a link back to it)."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.get(reverse("kb:paste"))  # the cookie is set; the form's token is not sent
    response = browser.post(reverse("kb:paste"), {"text": DNS_LINE}, HTTP_REFERER="http://testserver/match/")
    html = response.content.decode()
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    assert 'class="site-header"' in html and "<h1>Form not accepted</h1>" in html
    assert "Nothing was saved." in html
    assert "Reload the page the form is on, then send the form again." in html
    assert '<a class="button button--primary" href="http://testserver/match/">Open the form again</a>' in html
    assert "CSRF token missing" in html  # the check's own reason, for whoever debugs it
    # no cookie at all: say to allow cookies; a Referer from elsewhere is not linked
    response = Client(enforce_csrf_checks=True).post(reverse("kb:paste"), {"text": DNS_LINE},
                                                     HTTP_REFERER="https://evil.example.com/")
    html = response.content.decode()
    assert response.status_code == 403 and "Allow cookies for this site" in html
    assert "evil.example.com" not in html and f'href="{reverse("kb:home")}">Go to kb' in html


def test_paste_page_shows_an_empty_form(client):
    response = client.get(reverse("kb:paste"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<textarea" in html and 'type="file"' in html and "csrfmiddlewaretoken" in html


def test_paste_shows_the_matched_issue_remedy_and_lines(client, kubedns):
    log = f"03:12:01 INFO dnsmasq started\n03:12:04 WARN dnsmasq[12]: {DNS_LINE}\n03:12:05 INFO all quiet\n"
    response = paste(client, log)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{kubedns.get_absolute_url()}"' in html
    assert "KubeDNS cannot handle big cluster load" in html
    assert "Partially fixed upstream" in html
    assert "dns-forward-max" in html  # the remedy, inline
    assert '<span class="log-line__number" aria-label="line 2">2</span>' in html
    assert "<mark>Maximum number of concurrent DNS queries reached</mark>" in html
    assert "Lines that matched no known issue (2)" in html
    assert "all quiet" in html
    assert "%" in html
    # the answer has a permalink (a reload does not resubmit), and a form for the next log
    assert response.redirect_chain[0][0].startswith("/results/")
    assert 'id="paste"' in html


def test_paste_shows_related_issues_of_a_match(client, kubedns):
    mysql = make_issue("mysql-loss", title="Random loss of connection to MySQL")
    IssueRelation.objects.create(from_issue=kubedns, to_issue=mysql, kind=IssueRelation.Kind.RELATED)
    html = paste(client, DNS_LINE).content.decode()
    assert f'href="{mysql.get_absolute_url()}"' in html
    assert "Related to" in html


def test_paste_says_honestly_when_nothing_matched(client, kubedns):
    html = paste(client, "03:12:05 INFO everything is fine here\n").content.decode()
    assert "No known issue</h1>" in html
    # what the paste page said before answers moved to their permalinks (its branch is gone)
    assert "None of the 1 line matched the signature of an issue kb knows." in html
    assert "That does not mean the log is healthy" in html
    assert 'id="nomatch-q" type="search" name="q"' in html  # a search box of its own, beside the header's
    assert f'<a href="{reverse("kb:issue_list")}">browse the known issues</a>' in html
    assert "None of the" not in paste(client, DNS_LINE).content.decode()


def test_paste_accepts_an_uploaded_file(client, kubedns):
    upload = SimpleUploadedFile("dnsmasq.log", f"{DNS_LINE}\n".encode())
    response = client.post(reverse("kb:paste"), {"text": "", "file": upload}, follow=True)
    assert "KubeDNS cannot handle big cluster load" in response.content.decode()


def test_paste_refuses_text_and_a_file_given_together_and_keeps_nothing(client, kubedns):
    """Seen: a log pasted with a file chosen as well was answered for the file alone ("No known
    issue"), the pasted text silently dropped: a confident wrong answer. Which one was meant is
    the sender's to say."""
    from kb.jobs.models import Result

    upload = SimpleUploadedFile("quiet.log.gz", gzip.compress(b"03:12:05 INFO all quiet\n"))
    response = client.post(reverse("kb:paste"), {"text": DNS_LINE, "file": upload})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Give either the pasted text or a file, not both" in html
    assert "No known issue" not in html
    assert not Result.objects.exists()


def test_paste_reads_an_uploaded_utf16_log(client, kubedns):
    """Seen: a log saved by PowerShell (UTF-16 with a byte order mark) refused as binary."""
    log = f"03:12:05 INFO all quiet\r\n{DNS_LINE}\r\n"
    upload = SimpleUploadedFile("dnsmasq.log", b"\xff\xfe" + log.encode("utf-16-le"))
    response = client.post(reverse("kb:paste"), {"text": "", "file": upload}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and "binary" not in html
    assert "KubeDNS cannot handle big cluster load" in html
    assert "2 lines read; 1 matched a known issue, 1 did not." in html


@pytest.mark.parametrize("newline", ["\r", "\r\n"])
def test_paste_and_upload_read_every_line_end(client, kubedns, newline):
    """Issue 9: lines separated by lone CRs were one line ("1 line read", the issue on line 1)."""
    log = newline.join(["03:12:05 INFO all quiet", f"dnsmasq[12]: {DNS_LINE}", "03:12:06 INFO all quiet"])
    upload = SimpleUploadedFile("dnsmasq.log", log.encode())
    for response in (paste(client, log),
                     client.post(reverse("kb:paste"), {"text": "", "file": upload}, follow=True)):
        html = response.content.decode()
        assert "3 lines read; 1 matched a known issue, 2 did not." in html


def test_paste_escapes_the_log(client, kubedns):
    log = f"{DNS_LINE} <script>alert(1)</script>\n<img src=x onerror=alert(1)>"
    html = paste(client, log).content.decode()
    assert executable_markup(html) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_paste_refuses_an_empty_paste(client):
    response = paste(client, "   \n")
    html = response.content.decode()
    assert response.status_code == 400
    assert response.redirect_chain == []  # no answer, no permalink: the form again, with why
    assert 'class="alert alert--error"' in html and "Nothing to match: the text is empty." in html


def refusal(html: str) -> str:
    """The words of the form's error box, tags dropped."""
    import re

    box = html.split('id="paste-errors"', 1)[1].split("</div>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", box.split(">", 1)[1]).split())


@pytest.mark.parametrize("data, reason", [
    ({"text": "   \n"}, "Nothing to match: the text is empty. Paste a log or choose a file."),
    ({"text": "", "file": ("bin.dat", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 40)},
     "bin.dat is binary, not a text log"),
    ({"text": "", "file": ("empty.log", b"")}, "Nothing to match: the file is empty."),
])
def test_a_refused_paste_says_only_what_went_wrong(client, data, reason):
    """Seen: "Nothing was matched. Paste some log text or choose a file." and "Nothing was matched.
    bin.dat is binary ...": an operator skimming read "no known issue". The box opens with the
    reason, as the API's 400 does, and never with words that read as an answer."""
    if "file" in data:
        data = {**data, "file": SimpleUploadedFile(*data["file"])}
    response = client.post(reverse("kb:paste"), data)
    assert response.status_code == 400
    said = refusal(response.content.decode())
    assert reason in said, said
    assert "matched" not in said.lower() and "no known issue" not in said.lower()


def test_paste_refuses_a_paste_over_the_limit_and_states_it(client, settings):
    settings.KB_MAX_PASTE_BYTES = 100
    response = paste(client, "x" * 101)
    html = response.content.decode()
    assert response.status_code == 413
    assert "larger than the limit of 100" in html
    assert 'data-max-bytes="100"' in html


def test_an_uploaded_binary_is_refused_with_the_reason_as_a_400_and_nothing_is_kept(client):
    from kb.jobs.models import Result

    elf = SimpleUploadedFile("core.bin", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 40)
    response = client.post(reverse("kb:paste"), {"text": "", "file": elf})
    assert response.status_code == 400
    assert "binary" in response.content.decode()
    assert not Result.objects.exists()


def test_a_pasted_binary_is_refused_with_the_reason_every_surface_gives(client):
    """Seen: bytes of /usr/bin/ls pasted into the text box answered Django's "Null characters
    are not allowed." under "Paste some log text or choose a file.", where the API, the CLI and
    the chat commands say the text is binary, not a text log."""
    from kb.jobs.models import Result

    head = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56  # an executable's first bytes, as a browser pastes them
    elf = (head + bytes(range(256)) * 4 + b"\x00" * 1024).decode("latin-1")
    response = client.post(reverse("kb:paste"), {"text": elf})
    html = response.content.decode()
    assert response.status_code == 400
    assert "binary, not a text log" in html
    assert "Null characters" not in html and "Paste some log text" not in html
    assert not Result.objects.exists()


def test_a_pasted_log_with_a_stray_nul_is_matched_as_the_api_matches_it(client, kubedns):
    """A few stray NULs do not make a log binary (kb.intake.is_binary): the API matched such a
    paste, the page refused it; the text kept at the sender's request holds no NUL, which
    PostgreSQL refuses in a text column."""
    from kb.jobs.models import Result

    log = f"Dec 11 16:59:31 node162 dnsmasq[9]: {DNS_LINE}\n\x00\x00\nDec 11 16:59:32 node162 kernel: ok\n"
    response = client.post(reverse("kb:paste"), {"text": log, "keep_text": "on"}, follow=True)
    assert response.status_code == 200
    assert "1 known issue found" in response.content.decode()
    api = client.post("/api/match", log, content_type="text/plain").json()
    assert api["headline"] == "1 known issue found"
    kept = Result.objects.get(source="web").text
    assert "\x00" not in kept and DNS_LINE in kept


# ---- Template filters -------------------------------------------------------------


def test_mark_signature_marks_the_matched_stretch_and_escapes_the_rest():
    from kb.templatetags.kb_tags import mark_signature

    line = "<b> Failed to attach volume 42 at /dev/vdk"
    html = mark_signature(line, "Failed to attach volume <NUM> at <*>")
    assert html == "&lt;b&gt; <mark>Failed to attach volume 42 at</mark> /dev/vdk"
    assert mark_signature("<i>unrelated</i>", "Failed to attach") == "&lt;i&gt;unrelated&lt;/i&gt;"


def test_mark_signature_marks_shared_words_when_the_matcher_masked_values():
    from kb.templatetags.kb_tags import mark_signature

    html = mark_signature(
        "2024-05-01 03:12:04 WARN dnsmasq[12]: Maximum number of concurrent DNS queries reached (max: 150)",
        "2013-03-12 01:35:43 Maximum number of concurrent DNS queries reached.",
    )
    assert html == (
        "2024-05-01 03:12:04 WARN dnsmasq[12]: <mark>Maximum number of concurrent DNS queries reached</mark>"
        " (max: 150)"
    )


@pytest.mark.django_db
def test_it_refuses_an_oversized_paste_stating_the_limit(client, settings):
    # Django refuses an oversized form body before the view (in the CSRF check);
    # the 400 handler turns that into a page that states the limit.
    settings.KB_MAX_PASTE_BYTES = 2000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2100
    response = client.post(reverse("kb:paste"), {"text": "x" * 5000})
    html = response.content.decode()
    assert response.status_code == 413
    assert "larger than the limit of 2.0 KiB (2000 bytes) (KB_MAX_PASTE_BYTES)" in html
    # what takes it: the upload on the page, or a job; not /api/match, which refuses it as well
    assert "Upload it as a file" in html and "2.0 GiB (2147483648 bytes) (KB_MAX_UPLOAD_BYTES)" in html
    assert "curl --data-binary @file.log http://testserver/api/jobs</code>" in html
    assert "/api/match" not in html
    assert client.post("/api/match", "x" * 5000, content_type="text/plain").status_code == 413


@pytest.mark.django_db
def test_it_sorts_the_list_by_hits_in_the_last_24_hours(client):
    from django.utils import timezone

    from kb.learning.models import HitBucket

    quiet = Issue.objects.create(slug="a-quiet", title="A quiet issue", symptoms="x")
    hot = Issue.objects.create(slug="z-hot", title="Z hot issue", symptoms="y")
    HitBucket.objects.create(issue=hot, hour=timezone.now().replace(minute=0, second=0, microsecond=0),
                             count=5)
    plain = client.get(reverse("kb:issue_list")).content.decode()
    assert plain.index("A quiet issue") < plain.index("Z hot issue")
    page = client.get(reverse("kb:issue_list"), {"sort": "hot"}).content.decode()
    assert page.index("Z hot issue") < page.index("A quiet issue")
    assert quiet.slug in page


@pytest.mark.django_db
def test_it_records_a_paste_hit_and_offers_feedback(client):
    from kb.learning.models import HitBucket

    issue = Issue.objects.create(slug="dns", title="DNS overload", symptoms="x")
    Signature.objects.create(issue=issue, text="Maximum number of concurrent DNS queries reached")
    response = client.post(reverse("kb:paste"), {
        "text": "I1211 16:59:31.000000 1 nanny.go:108] "
            "dnsmasq[9]: Maximum number of concurrent DNS queries reached (max: 150)"}, follow=True)
    assert HitBucket.objects.filter(issue=issue).exists()
    assert b'name="verdict" value="wrong"' in response.content
    assert b'<input type="hidden" name="issue" value="dns">' in response.content


@pytest.mark.django_db
def test_issue_page_shows_hits_per_issue_and_signature(client):
    from datetime import timedelta

    from django.utils import timezone

    from kb.learning.models import HitBucket

    issue = Issue.objects.create(slug="dns", title="DNS overload", symptoms="x")
    signature = Signature.objects.create(issue=issue, text="Maximum number of concurrent DNS queries")
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    HitBucket.objects.create(issue=issue, hour=hour, count=3)
    HitBucket.objects.create(issue=issue, hour=hour - timedelta(days=3), count=4)
    HitBucket.objects.create(issue=issue, signature=signature, hour=hour, count=2)
    page = client.get(issue.get_absolute_url()).content.decode()
    assert "3 in 24 h · 7 in 10 days" in page
    assert "2 hits in 24 h · 2 in 10 days" in page


def test_static_files_are_served_without_collectstatic(settings, tmp_path, client):
    """docs/operations.md's route with plain `runserver` and DEBUG=false, no collectstatic: the pages came
    unstyled (whitenoise served STATIC_ROOT alone, which was empty). kb's own and the admin's
    files are served from their folders then; once collected, from STATIC_ROOT alone."""
    from django.test import Client

    from kb.settings import static_from_finders

    never_collected = tmp_path / "staticfiles"
    assert static_from_finders(False, never_collected)
    never_collected.mkdir()
    assert static_from_finders(False, never_collected)
    settings.DEBUG, settings.STATIC_ROOT = False, never_collected
    settings.WHITENOISE_USE_FINDERS = static_from_finders(False, never_collected)
    for path in ("/static/css/kb.css", "/static/admin/css/base.css"):
        response = client.get(path)
        assert response.status_code == 200, path
    settings.WHITENOISE_USE_FINDERS = False  # as it was: STATIC_ROOT alone
    assert Client().get("/static/css/kb.css").status_code == 404
    (never_collected / "kb.css").write_text("body {}")
    assert not static_from_finders(False, never_collected)  # collected: compressed copies served
    assert static_from_finders(True, never_collected)  # development serves the folders, as Django does
