"""kb keeps answering what it can: database outages, health checks, private mode."""

from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.urls import reverse

from kb.matching.loader import current_engine
from kb.matching.report import MatchReport
from kb.models import Issue, KnowledgeRevision, Signature

pytestmark = pytest.mark.django_db

LINE = ("I1211 16:59:31.000000 1 nanny.go:108] "
    "dnsmasq[9]: Maximum number of concurrent DNS queries reached (max: 150)")


@pytest.fixture
def dns_issue():
    issue = Issue.objects.create(slug="dns", title="DNS overload", symptoms="Lookups fail.")
    Signature.objects.create(issue=issue, text="Maximum number of concurrent DNS queries reached")
    return issue


def test_it_matches_from_memory_while_the_database_is_away(dns_issue, client):
    assert current_engine().match_text(LINE).as_dict()["matches"]
    with mock.patch.object(KnowledgeRevision, "current", side_effect=OperationalError("gone")):
        response = client.post("/api/match", {"text": LINE}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["matches"][0]["issue"]["slug"] == "dns"


def test_it_cannot_match_before_it_ever_read_the_knowledge():
    with mock.patch.object(KnowledgeRevision, "current", side_effect=OperationalError("gone")):
        with pytest.raises(OperationalError):
            current_engine()


def test_it_answers_health_checks_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("kb:health"))
    assert response.json() == {"status": "ok"}


def test_it_asks_for_a_login_when_reads_are_private(client, settings, admin_user, dns_issue):
    settings.KB_PUBLIC_READ = False
    response = client.get(reverse("kb:issue_list"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/issues/")
    assert client.get(reverse("kb:health")).status_code == 200
    client.force_login(admin_user)
    assert client.get(reverse("kb:issue_list")).status_code == 200


class Database:
    """Makes every query (or only writes) fail as PostgreSQL does when it is away, read-only or full."""

    def __init__(self, *, writes_only=False, message="the database system is shutting down"):
        self.writes_only, self.message, self.refused = writes_only, message, 0

    def __call__(self, execute, sql, params, many, context):
        if not self.writes_only or sql.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE")):
            self.refused += 1
            raise OperationalError(self.message)
        return execute(sql, params, many, context)


def failing(database: Database):
    from django.db import connection

    return connection.execute_wrapper(database)


def test_a_token_read_works_while_the_database_refuses_writes(client, dns_issue):
    from tests.base import make_token, token_header

    headers = token_header(make_token())
    readonly = Database(writes_only=True, message="cannot execute UPDATE in a read-only transaction")
    with failing(readonly):
        response = client.get("/api/issues/", **headers)
        detail = client.get(f"/api/issues/{dns_issue.slug}/", **headers)
    assert (response.status_code, detail.status_code) == (200, 200)
    assert readonly.refused == 2  # the token's last use: tried on each read, not recorded, not an error


def test_a_write_while_the_database_is_full_is_a_json_503_with_retry_after(client, dns_issue):
    from tests.base import make_token, make_user, token_header

    headers = token_header(make_token(make_user(staff=True), write=True))
    client.get("/api/issues/", **headers)  # the token's last use is recorded: the write is the one refused
    with failing(Database(writes_only=True, message="could not extend file: No space left on device")):
        response = client.patch(f"/api/issues/{dns_issue.slug}/", {"title": "DNS overload again"},
                                content_type="application/json", **headers)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "unavailable" in response.json()["detail"]


def test_reads_retry_then_serve_what_this_process_served_before(client, dns_issue):
    assert client.get("/api/issues/").status_code == 200
    assert client.get(f"/api/issues/{dns_issue.slug}/").status_code == 200
    away = Database()
    with failing(away):
        listing = client.get("/api/issues/")
        detail = client.get(f"/api/issues/{dns_issue.slug}/")
        never_read = client.get("/api/issues/?status=fixed")
        page = client.get("/issues/")
    assert listing.status_code == detail.status_code == 200
    assert listing.json()["results"][0]["slug"] == "dns"
    assert "Stale" in listing["Warning"]
    assert detail.json()["title"] == "DNS overload"
    assert never_read.status_code == 503 and never_read["Retry-After"] == "5"
    assert never_read.json()["detail"].startswith("The database is unavailable")
    assert page.status_code == 503 and page["Retry-After"] == "5"


@pytest.mark.django_db(transaction=True)  # as served: no transaction around the request
def test_a_read_that_fails_once_is_retried(client, dns_issue):
    class Once(Database):
        def __call__(self, execute, sql, params, many, context):
            if not self.refused:
                self.refused += 1
                raise OperationalError("server closed the connection unexpectedly")
            return execute(sql, params, many, context)

    with failing(Once()):
        response = client.get("/api/issues/?status=fixed")
    assert response.status_code == 200
    assert "Warning" not in response


def test_a_list_is_served_from_memory_until_the_knowledge_changes(client, dns_issue, settings,
                                                                    django_assert_num_queries):
    settings.KB_READ_CACHE_SECONDS = 60
    assert client.get("/api/issues/").json()["count"] == 1
    with django_assert_num_queries(0):
        assert client.get("/api/issues/").json()["count"] == 1
    Issue.objects.create(slug="second", title="Second", symptoms="Also.")  # clears this process's lists
    assert client.get("/api/issues/").json()["count"] == 2


@pytest.mark.parametrize("method,path", [
    ("get", "/"), ("get", "/issues/"), ("get", "/match/"), ("post", "/match/"), ("get", "/unknown/"),
    ("get", "/reports/signatures/"), ("get", "/reports/hot/"), ("post", "/feedback/"),
    ("get", "/api/issues/"), ("get", "/api/unknown/"), ("post", "/api/feedback"), ("post", "/api/match"),
])
def test_private_reads_are_one_gate_for_every_page_and_endpoint(client, settings, method, path, dns_issue):
    """kb.access decides; pages redirect to the login, the API answers 401."""
    settings.KB_PUBLIC_READ = False
    response = getattr(client, method)(path, {"issue": "dns", "verdict": "helped", "text": "x"}
                                       if method == "post" and not path.startswith("/api/") else None)
    if path.startswith("/api/"):
        assert response.status_code == 401, response.content[:200]
    else:
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), path


def test_a_match_is_answered_without_its_permalink_while_the_database_is_away(client, dns_issue):
    assert client.post("/api/match", {"text": LINE}, content_type="application/json").json()["result_url"]
    with failing(Database()):
        response = client.post("/api/match", {"text": LINE}, content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["matches"][0]["issue"]["slug"] == "dns"
    assert "result_url" not in body


@pytest.mark.django_db(transaction=True,  # two connections: what one commits, the other sees
                       databases=["default", "relaxed"] if "relaxed" in settings.DATABASES else ["default"])
def test_permalinks_of_api_answers_are_written_without_waiting_for_the_disk(client, settings):
    """On PostgreSQL through a second connection with synchronous_commit off; SQLite has one."""
    from django.conf import settings as django_settings

    from kb.jobs.models import Result
    from kb.jobs.results import store

    if django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        relaxed = django_settings.DATABASES["relaxed"]
        assert relaxed["OPTIONS"]["options"] == "-c synchronous_commit=off"
        assert relaxed["NAME"] == django_settings.DATABASES["default"]["NAME"]
        settings.RELAXED_DATABASE = "relaxed"
    else:
        assert "relaxed" not in django_settings.DATABASES
    result = store(MatchReport((), 0, 0), "api", wait_for_disk=False)
    assert Result.objects.get(pk=result.pk).source == "api"
