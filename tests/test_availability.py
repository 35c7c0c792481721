"""kb keeps answering what it can: database outages, health checks, private mode."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from kb.matching.loader import current_engine
from kb.models import Issue, KnowledgeRevision, Signature

pytestmark = pytest.mark.django_db

LINE = "dnsmasq[9]: Maximum number of concurrent DNS queries reached (max: 150)"


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
