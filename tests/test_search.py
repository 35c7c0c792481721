"""Search ranks the same whatever the database: it runs on the in-memory index."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from kb.matching import Engine
from kb.matching.loader import current_engine
from tests.conftest import FIXTURES
from tests.rst_specs import specs_from_files

pytestmark = pytest.mark.django_db

QUERIES = [
    "too many requests 429 apiserver",
    "mysql name resolution",
    "live migration never finishes",
    "heat convergence metadata",
    "memcached slow",
    "deadlock percona",
]


@pytest.fixture
def files():
    return sorted(FIXTURES.glob("*.rst"))


@pytest.fixture(autouse=True)
def knowledge(files):
    call_command("import_rst", *map(str, files), stdout=StringIO())


def ranked(engine, query):
    return [(hit.slug, round(hit.score, 6)) for hit in engine.search(query)]


@pytest.mark.parametrize("query", QUERIES)
def test_it_ranks_from_the_database_as_from_the_files(files, query):
    # The index built from rows read back from SQLite or PostgreSQL must equal the
    # one built straight from the RST files: same hits, same order, same scores.
    from_files = Engine.build(specs_from_files(files))
    assert ranked(current_engine(), query) == ranked(from_files, query)
    assert ranked(from_files, query), query


def test_it_finds_the_rate_limit_issue_first(client):
    page = client.get(reverse("kb:search"), {"q": "too many requests 429"}).content.decode()
    api = client.get("/api/search", {"q": "too many requests 429"}).json()
    assert api["results"][0]["slug"] == "kube-apiserver-have-low-default-rate-limit"
    assert "kube-apiserver have low default rate limit" in page
    assert "<mark>" in page
