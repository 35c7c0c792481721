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
