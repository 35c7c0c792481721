"""GET /api/issues/, /api/components/, /api/documents/, /api/signatures/ and the API root."""

import pytest

from kb.models import Issue, Signature
from tests.base import (  # noqa: F401
    make_document,
    make_issue,
    make_knowledge,
    make_token,
    no_throttle,
)

pytestmark = pytest.mark.django_db


def many_issues(count: int):
    document = make_document()
    for number in range(count):
        make_issue(f"issue-{number}", title=f"Issue {number}", signatures=(), document=document,
                   components=("nova", f"component-{number % 3}"))


def test_it_lists_issues_in_netbox_envelope(client):
    make_knowledge()
    body = client.get("/api/issues/").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 2
    first = {issue["slug"]: issue for issue in body["results"]}["kubedns-max-queries"]
    assert first["url"] == "http://testserver/issues/kubedns-max-queries/"
    assert first["api_url"] == "http://testserver/api/issues/kubedns-max-queries/"
    assert first["components"] == ["dnsmasq", "kubedns"]
    assert first["status"] == "fixed" and first["status_label"] == "Fixed upstream"
    assert first["document"]["slug"] == "dns-report"
    assert "symptoms_html" not in first  # the prose is on the detail


def test_it_leaves_retired_issues_out_of_the_list_but_serves_them(client):
    make_issue("old", title="Old", retired=True)
    assert client.get("/api/issues/").json()["count"] == 0
    assert client.get("/api/issues/old/").json()["retired"] is True


def test_it_paginates_with_limit_and_offset(client):
    many_issues(5)
    body = client.get("/api/issues/?limit=2&offset=2").json()
    assert body["count"] == 5 and len(body["results"]) == 2
    assert body["next"] == "http://testserver/api/issues/?limit=2&offset=4"
    assert body["previous"] == "http://testserver/api/issues/?limit=2"


def test_it_caps_the_page_size_at_200(client):
    Issue.objects.bulk_create(Issue(slug=f"i-{n}", title=f"I {n}", symptoms="x") for n in range(205))
    body = client.get("/api/issues/?limit=100000").json()
    assert len(body["results"]) == 200 and "limit=200" in body["next"]


def test_it_defaults_to_pages_of_50(client):
    Issue.objects.bulk_create(Issue(slug=f"i-{n}", title=f"I {n}", symptoms="x") for n in range(55))
    assert len(client.get("/api/issues/").json()["results"]) == 50


@pytest.mark.parametrize("query, slugs", [
    ("component=rabbitmq", ["rabbitmq-unreachable"]),
    ("status=fixed", ["kubedns-max-queries"]),
    ("environment=OpenStack+Newton", ["rabbitmq-unreachable"]),
    ("q=dnsmasq", ["kubedns-max-queries"]),
    ("component=nova", []),
])
def test_it_filters_issues(client, query, slugs):
    make_knowledge()
    body = client.get(f"/api/issues/?{query}").json()
    assert [issue["slug"] for issue in body["results"]] == slugs


def test_it_refuses_an_unknown_status_filter_listing_the_valid_ones(client):
    response = client.get("/api/issues/?status=broken")
    assert response.status_code == 400
    assert response.json()["detail"] == ("status: Unknown value 'broken': use one of fixed, partially_fixed, "
                                         "workaround, investigating, config_fix, unknown.")


@pytest.mark.parametrize("ordering, first", [
    ("title", "kubedns-max-queries"), ("-title", "rabbitmq-unreachable"),
    ("status", "kubedns-max-queries"), ("-status", "rabbitmq-unreachable"),
])
def test_it_orders_issues(client, ordering, first):
    make_knowledge()
    assert client.get(f"/api/issues/?ordering={ordering}").json()["results"][0]["slug"] == first


@pytest.mark.parametrize("ordering", ["bogus", "title,-nope", "symptoms"])
def test_an_unknown_ordering_is_a_400_naming_the_fields(client, ordering):
    """It was ignored: the list came back in its default order, as if the sort had worked."""
    make_knowledge()
    response = client.get("/api/issues/", {"ordering": ordering})
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail.startswith("ordering: Cannot order by ")
    assert "use one of title, updated_at, status, hits_24h, hits_10d, last_seen" in detail
    # the detail page takes no ordering and is not refused for one
    assert client.get("/api/issues/kubedns-max-queries/", {"ordering": ordering}).status_code == 200


def test_it_orders_by_update_time(client):
    issues = make_knowledge()
    issues["dns"].save()  # touched last
    first = client.get("/api/issues/?ordering=-updated_at").json()["results"][0]
    assert first["slug"] == "kubedns-max-queries"


@pytest.mark.parametrize("count", [3, 30])
def test_it_lists_issues_in_constant_queries(client, django_assert_max_num_queries, count):
    many_issues(count)
    # count, page of issues with their document (JOIN), components (one prefetch)
    with django_assert_max_num_queries(3):
        assert len(client.get("/api/issues/").json()["results"]) == count


def test_it_gives_every_field_of_an_issue_as_markdown_and_html(client):
    make_knowledge()
    issue = client.get("/api/issues/kubedns-max-queries/").json()
    assert issue["root_cause"] == "dnsmasq allows **150** concurrent forwarded queries by default."
    assert issue["root_cause_html"] == (
        "<p>dnsmasq allows <strong>150</strong> concurrent forwarded queries by default.</p>"
    )
    assert "<code>--dns-forward-max</code>" in issue["solution_html"]
    for name in ("symptoms", "root_cause", "solution", "workaround", "details", "signature_notes",
                 "sign_notes"):
        assert f"{name}_html" in issue
    assert issue["remedy"].startswith("Raise")
    assert issue["upstream_links"] == [{
        "url": "https://bugs.launchpad.net/fuel-ccp/+bug/1650523", "kind": "launchpad_bug",
        "label": "LP#1650523", "status": "fixed",
    }]
    assert [s["text"] for s in issue["signatures"]] == ["Maximum number of concurrent DNS queries reached "
                                                          "(max: <NUM>)"]
    assert issue["signatures"][0]["source"] == "curated" and issue["signatures"][0]["is_active"] is True
    assert issue["document"]["path"] == "reports/dns-report.rst"
    assert (issue["anchor"], issue["line"]) == ("kube-dns-drops-queries", 12)
    assert issue["url"] == "http://testserver/issues/kubedns-max-queries/"


def test_it_sanitises_the_html(client):
    make_issue(symptoms="Boom <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=f()>")
    html = client.get("/api/issues/kubedns-max-queries/").json()["symptoms_html"]
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html


def test_it_gives_the_notes_of_signatures_and_signs_as_markdown_and_sanitised_html(client):
    make_issue(signature_notes="dnsmasq logs it from `forward_query` <script>alert(1)</script>",
               sign_notes="**Any** busy resolver logs it too.")
    issue = client.get("/api/issues/kubedns-max-queries/").json()
    assert issue["signature_notes"] == "dnsmasq logs it from `forward_query` <script>alert(1)</script>"
    assert "<code>forward_query</code>" in issue["signature_notes_html"]
    assert "<script" not in issue["signature_notes_html"]
    assert issue["sign_notes"] == "**Any** busy resolver logs it too."
    assert issue["sign_notes_html"] == "<p><strong>Any</strong> busy resolver logs it too.</p>"
    listed = client.get("/api/issues/").json()["results"][0]
    assert "signature_notes" not in listed and "sign_notes" not in listed  # the prose is on the detail


def test_it_shows_relations_from_both_sides(client):
    make_knowledge()
    dns = client.get("/api/issues/kubedns-max-queries/").json()["related"]
    rabbit = client.get("/api/issues/rabbitmq-unreachable/").json()["related"]
    assert [(r["slug"], r["relation"], r["direction"], r["label"]) for r in dns] == [
        ("rabbitmq-unreachable", "caused_by", "outgoing", "Caused by")]
    assert [(r["slug"], r["relation"], r["direction"], r["label"]) for r in rabbit] == [
        ("kubedns-max-queries", "caused_by", "incoming", "Causes")]
    assert dns[0]["api_url"] == "http://testserver/api/issues/rabbitmq-unreachable/"


def test_it_gets_an_issue_in_a_fixed_number_of_queries(client, django_assert_num_queries):
    make_knowledge()
    # issue + document, components, links, signatures, relations, incoming relations
    with django_assert_num_queries(6):
        client.get("/api/issues/kubedns-max-queries/")


def test_it_answers_404_as_json_for_an_unknown_issue(client):
    response = client.get("/api/issues/nope/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No Issue matches the given query."}


def test_it_lists_components_with_active_issue_counts(client, django_assert_max_num_queries):
    make_knowledge()
    make_issue("retired-one", components=("rabbitmq",), signatures=(), retired=True)
    with django_assert_max_num_queries(2):
        body = client.get("/api/components/").json()
    counts = {c["name"]: c["issue_count"] for c in body["results"]}
    assert counts == {"dnsmasq": 1, "kubedns": 1, "oslo.messaging": 1, "rabbitmq": 1}


def test_it_gets_a_component_whose_name_has_a_dot(client):
    make_knowledge()
    body = client.get("/api/components/oslo.messaging/").json()
    assert body == {"name": "oslo.messaging", "api_url": "http://testserver/api/components/oslo.messaging/",
                    "issue_count": 1}


def test_it_serves_a_component_whose_name_has_a_slash(client):
    make_issue(components=("openstack/nova",))
    item = client.get("/api/components/").json()["results"][0]
    assert item["api_url"] == "http://testserver/api/components/openstack/nova/"
    assert client.get(item["api_url"]).json()["name"] == "openstack/nova"
    assert client.get("/api/issues/?component=openstack/nova").json()["count"] == 1


def test_it_lists_documents_in_constant_queries(client, django_assert_max_num_queries):
    for number in range(4):
        document = make_document(f"doc-{number}", f"reports/doc-{number}.rst")
        make_issue(f"issue-{number}", document=document, signatures=())
    with django_assert_max_num_queries(2):
        body = client.get("/api/documents/").json()
    assert body["count"] == 4 and body["results"][0]["issue_count"] == 1
    assert "content" not in body["results"][0]


def test_it_gets_a_document_with_its_issues(client):
    make_knowledge()
    body = client.get("/api/documents/dns-report/").json()
    assert [issue["slug"] for issue in body["issues"]] == ["kubedns-max-queries", "rabbitmq-unreachable"]
    assert body["content"].startswith("DNS") and body["url"] == "http://testserver/documents/dns-report/"


def test_it_lists_signatures_with_filters(client, django_assert_max_num_queries):
    make_knowledge()
    with django_assert_max_num_queries(2):
        body = client.get("/api/signatures/?issue=rabbitmq-unreachable").json()
    assert [s["text"] for s in body["results"]] == ["AMQP server on <*> is unreachable"]
    assert body["results"][0]["issue"] == "rabbitmq-unreachable"
    assert client.get("/api/signatures/?is_active=false").json()["count"] == 0
    assert client.get("/api/signatures/?source=editor").json()["count"] == 0
    assert client.get("/api/signatures/?source=bogus").status_code == 400


def test_a_yes_no_filter_takes_true_or_false_and_refuses_anything_else(client):
    """?is_active=1 was read as no filter (Django's NullBooleanSelect knows only true/false/2/3),
    and so was a typo such as ?review=maybe: the whole list came back as if filtered."""
    make_knowledge()
    active = client.get("/api/signatures/").json()["count"]
    assert active > 0
    Signature.objects.filter(pk=Signature.objects.first().pk).update(is_active=False)
    assert client.get("/api/signatures/?is_active=1").json()["count"] == active - 1
    assert client.get("/api/signatures/?is_active=0").json()["count"] == 1
    for url in ("/api/signatures/?is_active=maybe", "/api/issues/?review=maybe"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "Give true or false, not 'maybe'." in response.json()["detail"]
    assert client.get("/api/issues/?review=false").json()["count"] == Issue.objects.active().count()
    page = client.get("/issues/?review=maybe").content.decode()
    assert "Some filters were not understood" in page and "Give true or false" in page


def test_it_lists_every_endpoint_at_the_root(client):
    body = client.get("/api/").json()
    assert body["issue"] == "http://testserver/api/issues/"
    assert {"signature", "component", "document", "search", "match", "import", "schema", "docs"} <= set(body)


def test_it_answers_json_404_for_unknown_api_paths(client):
    response = client.get("/api/nothing-here/")
    assert response.status_code == 404
    assert "GET /api/ lists them" in response.json()["detail"]


def test_it_serves_paths_with_or_without_the_trailing_slash(client):
    make_knowledge()
    assert client.get("/api/issues").json()["count"] == 2
    assert client.get("/api/issues/kubedns-max-queries").json()["slug"] == "kubedns-max-queries"
    assert client.get("/api/match/", {"q": "x"}).json()["lines_total"] == 1


def test_a_post_without_the_trailing_slash_is_not_redirected(client):
    key = make_token(write=True)
    response = client.post("/api/issues", {"slug": "s", "title": "t", "symptoms": "x"},
                           content_type="application/json", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 201 and Issue.objects.filter(slug="s").exists()


def test_it_offers_the_browsable_api(client):
    make_knowledge()
    response = client.get("/api/issues/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200 and b"KubeDNS drops queries" in response.content


def test_it_reports_hit_counts_and_sorts_hot_issues_first(client):
    from datetime import timedelta

    from django.utils import timezone

    from kb.learning.models import HitBucket

    Issue.objects.create(slug="a-quiet", title="A quiet issue", symptoms="x")
    hot = Issue.objects.create(slug="z-hot", title="Z hot issue", symptoms="y")
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    HitBucket.objects.create(issue=hot, hour=hour, count=5)
    HitBucket.objects.create(issue=hot, hour=hour - timedelta(days=2), count=2)
    listing = client.get("/api/issues/", {"ordering": "-hits_24h"}).json()["results"]
    assert [(i["slug"], i["hits_24h"], i["hits_10d"]) for i in listing] == [
        ("z-hot", 5, 7), ("a-quiet", 0, 0)]
    detail = client.get(f"/api/issues/{hot.slug}/").json()
    assert (detail["hits_24h"], detail["hits_10d"]) == (5, 7)
