"""Odd requests to every endpoint: a 4xx with a reason, never a 500."""

import pytest

from tests.base import make_knowledge, make_token, no_throttle  # noqa: F401

PATHS = [
    "/api/", "/api/issues/", "/api/issues/kubedns-max-queries/", "/api/signatures/", "/api/signatures/1/",
    "/api/components/", "/api/components/nova/", "/api/documents/", "/api/documents/dns-report/",
    "/api/search?q=x", "/api/match?q=x", "/api/import", "/api/schema/", "/api/docs/",
    "/api/issues/?limit=-1&offset=abc&ordering=nonsense", "/api/issues/?ordering=symptoms",
    "/api/components/%00/", "/api/issues/%E2%80%A6/", "/api/match?min_score=nan&q=x",
    "/api/match?min_score=inf&q=x", "/api/search?q=%00", "/api/search?q=((((", "/api/issues/?q=%00",
    "/api/signatures/?issue=%00", "/api/nowhere", "/api/issues/%00/", "/api/documents/%00/",
    "/api/signatures/%00/", "/api/issues/?environment=%00&component=%00",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PATHS)
def test_it_never_answers_500(client, path):
    make_knowledge()
    key = make_token(write=True)
    for method in ("get", "options", "head", "put", "delete", "patch", "post"):
        for headers in ({}, {"HTTP_AUTHORIZATION": f"Token {key}"}, {"HTTP_ACCEPT": "text/html"},
                        {"HTTP_ACCEPT": "text/plain"}):
            response = getattr(client, method)(path, **headers)
            assert response.status_code < 500, (method, headers, response.content[:300])


@pytest.mark.django_db
def test_a_csrf_refusal_is_json_with_what_to_do_for_api_clients(client):
    """A page's form sent by a script asking for JSON, and a logged-in session's API write
    without its token: both the 403 JSON saying what happened and what to do."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/match/", {"text": "x"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 403 and response["Content-Type"] == "application/json"
    body = response.json()
    assert body["reason"] == "CSRF cookie not set."
    assert body["detail"].startswith("CSRF check failed (CSRF cookie not set). ")
    assert "Nothing was saved." in body["detail"] and "Authorization: Token" in body["detail"]
    make_knowledge()
    strict.force_login(get_user_model().objects.create_user("editor", password="x", is_staff=True))
    response = strict.post("/api/match", "I1211 16:59:31.000000 1 nanny.go:108] "
        "dnsmasq[7]: Maximum number of concurrent DNS queries",
                           content_type="text/plain")
    assert response.status_code == 403 and response["Content-Type"] == "application/json"
    detail = response.json()["detail"]
    assert detail.startswith("CSRF check failed (CSRF cookie not set). ")  # DRF's "CSRF Failed: ..."
    assert "reload the page the form is on" in detail
