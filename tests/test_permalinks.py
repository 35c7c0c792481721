"""The permalink of an API answer: kept in memory, written within KB_RECORD_FLUSH_SECONDS.

Across processes (and on PostgreSQL) see tests/test_multiprocess.py.
"""

import time
import uuid

import pytest

from kb import writebehind
from kb.jobs import results
from kb.jobs.models import Result
from kb.learning import recording
from kb.matching.report import MatchReport
from kb.models import Issue, Signature
from tests.test_availability import Database, failing

pytestmark = pytest.mark.django_db

LINE = "dnsmasq[9]: Maximum number of concurrent DNS queries reached (max: 150)"


@pytest.fixture
def buffered(settings):
    settings.KB_RECORD_FLUSH_SECONDS = 3600
    yield
    results._waiting.clear()
    recording._buffer.clear()
    writebehind._state["since"] = None


@pytest.fixture
def dns_issue():
    issue = Issue.objects.create(slug="dns", title="DNS overload", symptoms="Lookups fail.")
    Signature.objects.create(issue=issue, text="Maximum number of concurrent DNS queries reached")
    return issue


def result_id(url: str) -> uuid.UUID:
    return uuid.UUID(url.rstrip("/").rsplit("/", 1)[1])


def matched(client, text: str = LINE) -> dict:
    return client.post("/api/match", {"text": text}, content_type="application/json").json()


def test_it_answers_without_writing_and_serves_its_own_permalink_at_once(client, buffered, dns_issue):
    body = matched(client, f"{LINE} password=hunter2")
    pk = result_id(body["result_url"])
    assert not Result.objects.exists()  # answered without the INSERT
    page = client.get(body["result_url"])
    assert page.status_code == 200 and b"DNS overload" in page.content
    api = client.get(f"/api/results/{pk}").json()
    assert api["matches"][0]["issue"]["slug"] == "dns"
    stored = Result.objects.get(pk=pk)  # written on demand, masked as before
    assert stored.source == "api" and "hunter2" not in str(stored.report)


def test_the_buffer_is_written_once_the_bound_passed(client, buffered, dns_issue, settings):
    first = result_id(matched(client)["result_url"])
    settings.KB_RECORD_FLUSH_SECONDS = 0.01
    time.sleep(0.02)
    second = result_id(matched(client)["result_url"])
    # The second answer's recording found the bound passed and wrote what waited; its own
    # permalink waits for the next flush.
    assert list(Result.objects.values_list("pk", flat=True)) == [first]
    assert list(results._waiting) == [second]


def test_results_the_database_refused_are_kept_and_written_when_it_is_back(buffered, dns_issue):
    kept = results.store(MatchReport((), 0, 0), "api", wait_for_disk=False)
    with failing(Database()):
        writebehind.flush()
    assert list(results._waiting) == [kept.pk]
    writebehind.flush()
    assert Result.objects.filter(pk=kept.pk).exists() and not results._waiting


def test_a_recent_id_nobody_wrote_yet_is_503_with_retry_after_an_old_one_404(client, settings):
    settings.KB_RECORD_FLUSH_SECONDS = 2
    recent = results.new_id()
    api = client.get(f"/api/results/{recent}")
    assert api.status_code == 503 and 1 <= int(api["Retry-After"]) <= 4, api.content
    assert "being stored" in api.json()["detail"]
    page = client.get(f"/results/{recent}/")
    assert page.status_code == 503 and page["Retry-After"]
    for gone in (results.new_id(time.time() - 60), results.new_id(time.time() + 3600), uuid.uuid4()):
        assert client.get(f"/api/results/{gone}").status_code == 404
        assert client.get(f"/results/{gone}/").status_code == 404


def test_ids_carry_their_time_and_stay_unguessable():
    now = time.time()
    ids = {results.new_id(now) for _ in range(1000)}
    assert len(ids) == 1000
    assert all(pk.version == 7 and abs(results.made_at(pk) - now) < 0.002 for pk in ids)
    assert results.made_at(uuid.uuid4()) is None


def test_a_text_plain_answer_names_its_permalink_and_the_permalink_answers_in_text(client, dns_issue):
    # Seen: `curl -H 'Accept: text/plain' .../api/match` gave no link to share, and the result's
    # API address answered 406 "Could not satisfy the request Accept header" to the same curl.
    body = matched(client)
    pk = result_id(body["result_url"])
    answer = client.post("/api/match", LINE, content_type="text/plain", HTTP_ACCEPT="text/plain")
    text = answer.content.decode()
    assert "Permalink: http://testserver/results/" in text
    for extra in ({"HTTP_ACCEPT": "text/plain"}, {"QUERY_STRING": "format=text"}):
        stored = client.get(f"/api/results/{pk}", **extra)
        assert stored.status_code == 200 and stored["Content-Type"].startswith("text/plain")
        answer = stored.content.decode()
        assert answer.startswith("1 known issue found.") and "DNS overload" in answer
        assert f"Permalink: http://testserver/results/{pk}/" in answer
    missing = client.get(f"/api/results/{uuid.UUID(int=0)}", HTTP_ACCEPT="text/plain")
    assert missing.status_code == 404 and missing.content.decode().startswith("error 404")


def test_a_stored_results_lines_show_their_message_without_the_masked_prefix(client, dns_issue):
    # Seen: a stored line's text is masked (`<TS> node-3 dnsmasq[<NUM>]: ...`), and its message, read
    # later from that text, kept the prefix the prefix parser no longer recognised.
    line = f"2026-12-06 10:00:01.123 node-3 {LINE} password=hunter2"
    pk = result_id(matched(client, line)["result_url"])
    stored = client.get(f"/api/results/{pk}", HTTP_ACCEPT="text/plain").content.decode()
    assert "1: Maximum number of concurrent DNS queries reached" in stored, stored
    assert "<TS>" not in stored and "hunter2" not in stored
    shown = client.get(f"/api/results/{pk}").json()["matches"][0]["lines"][0]
    assert shown["message"].startswith("Maximum number of concurrent DNS queries")
    assert "hunter2" not in str(shown)
