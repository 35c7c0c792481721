"""Jobs and permalinks, in process: the worker's part is `running.run` called directly.

tests/test_jobs_worker.py runs the same through real Celery workers and brokers.
"""

import gzip
import io
import os
import random
import tarfile
from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from kb.jobs import running
from kb.jobs.models import Job, Result
from kb.learning.recording import prune
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db

KUBEDNS = "kubedns-cannot-handle-big-cluster-load-with-default-settings"
NOISE = "2016-12-11 16:59:{:02d}.{:03d} 1165 INFO nova.compute.manager [-] Running periodic task {}\n"
DNS = ("I1211 16:59:31.000000 1 nanny.go:108] "
    "dnsmasq[9]: Maximum number of concurrent DNS queries reached (max: 150)\n")
SECRET_LINE = "2024-05-20 12:00:01.123 7 ERROR keystone.auth login failed password=Sup3rS3cretValue42\n"


@pytest.fixture(autouse=True)
def setup(settings, tmp_path):
    settings.KB_JOB_DIR = tmp_path / "jobs"
    call_command("import_rst", *map(str, sorted(FIXTURES.glob("*.rst"))), stdout=StringIO())


def log(lines: int, known_at: set[int]) -> bytes:
    return "".join(
        DNS if n in known_at else NOISE.format(n % 60, n % 1000, n) for n in range(1, lines + 1)
    ).encode()


def post_job(client, body: bytes, content_type="application/gzip", **extra):
    return client.generic("POST", "/api/jobs", body, content_type=content_type, **extra)


def tar(members: list[tuple[str, bytes]], mode: str = "w:gz") -> bytes:
    """A tar archive (gzipped by default) of (name, content) members, as a sosreport is."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def test_a_raw_body_job_answers_202_with_location_then_the_result(client):
    response = post_job(client, gzip.compress(log(500, {10, 400})), QUERY_STRING="name=dns.log.gz")
    assert response.status_code == 202, response.content
    job = response.json()
    assert response["Location"] == job["api_url"]
    assert job["state"] == "queued" and job["progress"]["bytes_total"] > 0
    assert os.path.exists(Job.objects.get().input_path)

    running.run(job["id"])  # what the worker does

    done = client.get(response["Location"]).json()
    assert done["state"] == "done"
    result = done["result"]
    assert result["lines_total"] == 500 and result["lines_matched"] == 2
    assert result["matches"][0]["issue"]["slug"] == KUBEDNS
    assert result["matches"][0]["issue"]["api_url"].endswith(f"/api/issues/{KUBEDNS}/")
    assert [(f["path"], f["lines_total"]) for f in result["files"]] == [("dns.log.gz", 500)]
    assert done["progress"]["lines"] == 500 and done["progress"]["files"] == 1
    assert not os.path.exists(Job.objects.get().input_path)  # the upload is not kept
    permalink = client.get(done["result_url"])
    assert permalink.status_code == 200 and b"KubeDNS" in permalink.content


def test_a_multipart_bundle_job_groups_results_per_file(client):
    archive = tar([("a.log", log(20, {3})), ("b.log.gz", gzip.compress(log(30, set()))),
                   ("core", b"\x7fELF\x00\x00" * 100)])
    upload = SimpleUploadedFile("sos.tar.gz", archive)
    response = client.post("/api/jobs", {"file": upload})
    assert response.status_code == 202, response.content
    running.run(response.json()["id"])
    result = client.get(response["Location"]).json()["result"]
    assert [(f["path"], f["lines_matched"]) for f in result["files"]] == [("a.log", 1), ("b.log.gz", 0)]
    assert result["skipped"] == [{"path": "core", "reason": "binary (not a text log)"}]
    api = client.get(result_api_url(client, response)).json()
    assert api["files"] == result["files"]


def test_the_same_bundle_uploaded_again_is_counted_once_as_a_repaste_is(client, settings):
    """Seen: a tar.gz of real logs sent twice as a job doubled every unknown-errors count (sshd's
    `Received disconnect ... Bye Bye` 38 -> 76) and the hit counts, where a paste, an API match or
    a chat command sent again within KB_REPASTE_WINDOW_SECONDS counts once."""
    from django.core.cache import cache

    from kb.learning.models import HitBucket, UnknownCluster

    settings.KB_REPASTE_WINDOW_SECONDS = 600
    cache.clear()
    odd = b"2016-12-11 16:59:22.220 1 ERROR nova.compute.manager [-] placement refused the claim\n"
    archive = tar([("a.log", log(20, {3}) + odd), ("b.log", odd)])
    for _ in range(2):
        response = client.post("/api/jobs", {"file": SimpleUploadedFile("sos.tar.gz", archive)})
        running.run(response.json()["id"])
        assert client.get(response["Location"]).json()["state"] == "done"
    assert UnknownCluster.objects.get().count == 2  # one line in each file, once
    assert sum(HitBucket.objects.filter(signature=None).values_list("count", flat=True)) == 1
    # another upload is counted
    other = tar([("a.log", odd.replace(b"claim", b"allocation"))])
    running.run(client.post("/api/jobs", {"file": SimpleUploadedFile("sos.tar.gz", other)}).json()["id"])
    assert UnknownCluster.objects.count() == 2


def test_a_triaged_log_does_not_claim_its_records_were_all_matched(client, settings):
    # Seen: a 2,000-line log read by triage answered lines_matched 0, unmatched_count 0: the
    # documented sum (lines_matched + unmatched_count = records_total) said every record matched.
    settings.KB_MAX_PASTE_BYTES = 1000
    response = post_job(client, log(100, set()), content_type="text/plain", QUERY_STRING="name=quiet.log")
    running.run(response.json()["id"])
    result = client.get(response["Location"]).json()["result"]
    assert result["mode"] == "triage" and result["records_total"] is None
    assert result["unmatched_count"] is None
    assert client.get(result_api_url(client, response)).json()["unmatched_count"] is None


def test_a_bundle_partly_triaged_counts_no_unmatched_total_and_its_page_says_so(client, settings):
    # Seen: a bundle of a small log (300 records) and two triaged 2,000-line logs said
    # unmatched_count 299 of 4,302 lines, "Lines that matched no known issue (299)".
    settings.KB_MAX_PASTE_BYTES = 1000
    archive = tar([("small.log", log(5, {3})), ("big.log", log(100, set()))])
    response = client.post("/api/jobs", {"file": SimpleUploadedFile("sos.tar.gz", archive)})
    running.run(response.json()["id"])
    done = client.get(response["Location"]).json()
    assert done["result"]["unmatched_count"] is None and done["result"]["unmatched"]
    html = client.get(done["result_url"]).content.decode()
    assert "None" not in html and "matched no known issue in the files read in full" in html


def test_a_bundles_result_in_text_names_the_file_of_each_matched_line(client):
    # Seen: "lines: 202: ..." with no file, for a bundle of three logs (the CLI names it).
    archive = tar([("var/log/a.log", log(20, {3})), ("var/log/b.log", log(20, set()))])
    response = client.post("/api/jobs", {"file": SimpleUploadedFile("sos.tar.gz", archive)})
    running.run(response.json()["id"])
    text = client.get(result_api_url(client, response), HTTP_ACCEPT="text/plain").content.decode()
    assert "lines:    var/log/a.log:3: " in text, text
    # and, as the CLI prints it, the per-file summary (kb.terminal.file_lines): each log's lines
    assert "  var/log/a.log: 20 lines, 1 matched: " in text and "  var/log/b.log: 20 lines, 0 matched" in text


def test_a_bundles_counts_read_as_the_summary_writes_them_on_every_surface(client):
    """Seen: "Linux_2k.log: 2000 lines, 0 matched" under "8,001 lines read" (text/plain, the
    CLI), "None of the 141842 lines" and a per-file table of 141842 on the result page, and
    "822877 lines" read on the job page."""
    from kb.jobs.models import Job

    archive = tar([("a.log", log(1200, {3})), ("b.log", log(1500, set()))])
    response = client.post("/api/jobs", {"file": SimpleUploadedFile("sos.tar.gz", archive)})
    running.run(response.json()["id"])
    text = client.get(result_api_url(client, response), HTTP_ACCEPT="text/plain").content.decode()
    assert "2,700 lines read" in text
    assert "  a.log: 1,200 lines, 1 matched: " in text and "  b.log: 1,500 lines, 0 matched" in text
    done = client.get(response["Location"]).json()
    html = client.get(done["result_url"]).content.decode()
    table = html[html.index('id="files-title"'):html.index("</table>")]
    assert '"Lines">1,200</td>' in table and '"Lines">1,500</td>' in table and "1500" not in table
    assert "matched no known issue (2,699)" in html
    job = Job.objects.get(pk=done["id"])
    page = client.get(f"/jobs/{job.pk}/", follow=False)
    assert page.status_code == 302  # a done job shows its result; a running one its progress:
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, lines_read=822877, result=None)
    assert "822,877 lines" in client.get(f"/jobs/{job.pk}/").content.decode()


SOFT_REBOOT = ("2016-12-11 16:59:31.123 1501 WARNING nova.virt.libvirt.driver [req-7d57011b-5bc8-4497-b832-"
               "e8e22f029014 - - -] [instance: fa46a443-9b13-4b81-a2f2-f6ef7cb1e51d] Failed to soft reboot "
               "instance. Trying hard reboot.\n")  # a weak lead (nova-compute crashes during soft reboot)


def test_a_bundles_per_file_table_names_known_issues_only(client):
    # Seen (a tar.gz of /var/log with a CoreDNS banner and a nova-compute log): the "Known issues"
    # cell of a file holding only a weak lead was blank, beside "—" for a file with nothing; a
    # weak lead after a confident match left a trailing ", ".
    archive = tar([("lead.log", SOFT_REBOOT.encode()), ("both.log", (DNS + SOFT_REBOOT).encode()),
                   ("quiet.log", log(5, set()))])
    response = client.post("/api/jobs", {"file": SimpleUploadedFile("sos.tar.gz", archive)})
    running.run(response.json()["id"])
    done = client.get(response["Location"]).json()
    files = {f["path"]: [m["confident"] for m in f["matches"]] for f in done["result"]["files"]}
    assert files == {"lead.log": [False], "both.log": [True, False], "quiet.log": []}, files
    html = client.get(done["result_url"]).content.decode()
    table = html[html.index('id="files-title"'):html.index("</table>")]
    cells = [row.rsplit('<td data-label="Known issues">', 1)[1].split("</td>")[0].strip()
             for row in table.split("<tr>")[2:]]
    assert cells[0] == "—" and cells[2] == "—", cells
    assert cells[1].endswith("×1") and "soft reboot" not in cells[1], cells


def result_api_url(client, response) -> str:
    job = Job.objects.get(pk=response.json()["id"])
    return f"/api/results/{job.result_id}"


def test_an_upload_over_the_limit_is_refused_stating_it(client, settings):
    settings.KB_MAX_UPLOAD_BYTES = 1000
    response = post_job(client, b"x" * 5000, content_type="text/plain")
    assert response.status_code == 413
    assert "limit of 1000 bytes" in response.json()["detail"]
    assert not Job.objects.exists()


def test_a_compression_bomb_fails_the_job_stating_the_limit(client, settings):
    settings.KB_MAX_UPLOAD_BYTES = 1 << 20
    response = post_job(client, gzip.compress(b"A" * (8 << 20)))
    running.run(response.json()["id"])
    job = client.get(response["Location"]).json()
    assert job["state"] == "failed"
    assert "more than the limit of 1.0 MiB" in job["error"]


def test_a_binary_upload_fails_the_job_with_the_reason(client):
    response = post_job(client, b"\x7fELF" + bytes(range(256)) * 8, content_type="application/octet-stream")
    running.run(response.json()["id"])
    job = client.get(response["Location"]).json()
    # failed, as the test's name says (it was "done" with "No known issue" over zero lines)
    assert (job["state"], job["result"]) == ("failed", None)
    assert "is binary, not a text log (it holds NUL or control bytes)" in job["error"]


def test_jobs_need_what_match_needs(client, settings):
    settings.KB_PUBLIC_READ = False
    assert post_job(client, gzip.compress(log(5, set()))).status_code in (401, 403)


@pytest.mark.parametrize("content_type", ["text/plain", "application/gzip"])
def test_an_empty_body_is_a_400_that_says_it_is_empty(client, content_type):
    """Seen: `curl --data-binary @empty.log /api/jobs` answered "Send the log as multipart field
    'file' or as the request body.", though the log was sent as the body: it was empty."""
    response = post_job(client, b"", content_type=content_type)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("The upload is empty")
    assert not Job.objects.exists()


def test_a_queued_job_cancelled_never_runs(client):
    response = post_job(client, gzip.compress(log(50, {3})))
    cancelled = client.post(response["Location"] + "/cancel").json()
    assert cancelled["state"] == "cancelled"
    running.run(cancelled["id"])
    assert Job.objects.get().state == "cancelled" and Job.objects.get().result is None


def test_cancelling_a_finished_job_is_a_409_that_says_so(client):
    # Seen: 202 Accepted to the cancel of a job already done, as if it would stop.
    response = post_job(client, gzip.compress(log(50, {3})))
    running.run(response.json()["id"])
    answer = client.post(response["Location"] + "/cancel")
    assert answer.status_code == 409
    assert answer.json()["detail"] == "The job is already done: there is nothing to cancel."
    assert client.get(response["Location"]).json()["state"] == "done"


@pytest.mark.parametrize("path", ["/api/results/01a24b0c-c126-72ad-9929-5eacb934e5", "/api/jobs/not-an-id",
                                  "/api/jobs/not-an-id/cancel"])
def test_a_malformed_id_is_a_404_naming_the_id_not_a_missing_endpoint(client, path):
    # Seen: a result link cut short when pasted answered "No API endpoint at /api/results/...".
    answer = client.get(path) if "cancel" not in path else client.post(path)
    assert answer.status_code == 404
    detail = answer.json()["detail"]
    assert "No API endpoint" not in detail and "is not" in detail and "id" in detail


def test_a_running_job_stops_at_its_next_progress_report(client, monkeypatch, settings):
    settings.KB_MAX_PASTE_BYTES = 2000  # so the log is streamed, reporting progress per chunk
    monkeypatch.setattr(running, "PROGRESS_SECONDS", 0)
    response = post_job(client, gzip.compress(log(5000, {3})))
    claim = running._claim

    def claim_then_cancel(job_id):
        job = claim(job_id)
        Job.objects.filter(pk=job_id).update(cancel_requested=True)
        return job

    monkeypatch.setattr(running, "_claim", claim_then_cancel)
    running.run(response.json()["id"])
    job = client.get(response["Location"]).json()
    assert job["state"] == "cancelled" and job["result"] is None


def test_a_compressed_jobs_progress_counts_the_upload_bytes_consumed(client, monkeypatch, settings):
    settings.KB_MAX_PASTE_BYTES = 2000  # so the log is streamed, reporting progress per chunk
    monkeypatch.setattr(running, "PROGRESS_SECONDS", 0)
    # ~15 MB of text (four triage chunks), 2.6 MB compressed: each line ends in 128 random bits,
    # so that the upload is more than the 1 MiB a reader takes from it at once
    rng = random.Random(7)
    lines = log(120_000, set()).decode().splitlines()
    text = "".join(f"{line} {rng.getrandbits(128):032x}\n" for line in lines)
    body = gzip.compress(text.encode(), compresslevel=1)
    response = post_job(client, body)
    seen = []
    analyse = running.analyse

    def watched(*args, progress, **kwargs):
        def report_and_look(state):
            progress(state)
            seen.append(Job.objects.get().progress())
        return analyse(*args, progress=report_and_look, **kwargs)

    monkeypatch.setattr(running, "analyse", watched)
    running.run(response.json()["id"])
    assert len(seen) >= 2 and all(p["bytes_total"] == len(body) for p in seen)
    # the bytes read are the upload's: below its size while reading (they were the decompressed
    # bytes, ~14x the size from the first report), and all of it when done
    assert all(p["bytes"] <= len(body) for p in seen) and seen[0]["bytes"] < len(body)
    assert [p["bytes"] for p in seen] == sorted(p["bytes"] for p in seen)
    done = client.get(response["Location"]).json()
    assert done["state"] == "done" and done["progress"]["bytes"] == len(body)
    assert done["progress"]["lines"] == 120_000


def test_a_job_whose_worker_died_is_failed_with_the_reason(client, settings):
    settings.KB_JOB_STALE_SECONDS = 60
    response = post_job(client, gzip.compress(log(5, set())))
    Job.objects.update(state=Job.State.RUNNING, heartbeat_at=timezone.now() - timedelta(seconds=61))
    job = client.get(response["Location"]).json()
    assert job["state"] == "failed"
    assert job["error"] == running.LOST
    page = client.get(f"/jobs/{job['id']}/")
    assert running.LOST.encode() in page.content.replace(b"&#x27;", b"'")


def test_a_queued_job_whose_message_was_lost_is_sent_again_then_runs(client, settings, monkeypatch):
    from kb.jobs import tasks

    settings.KB_JOB_STALE_SECONDS = 60
    sent = []
    monkeypatch.setattr(tasks.run_job, "apply_async", lambda args, **kw: sent.append(args[0]))
    response = post_job(client, gzip.compress(log(50, {7})))
    job_id = response.json()["id"]
    # sent a minute ago, and the broker lost it (flushed): nothing will ever run it
    Job.objects.update(sent_at=timezone.now() - timedelta(seconds=59))
    assert client.get(response["Location"]).json()["state"] == "queued" and sent == []
    Job.objects.update(sent_at=timezone.now() - timedelta(seconds=61))
    assert client.get(response["Location"]).json()["state"] == "queued"
    assert client.get(f"/jobs/{job_id}/").status_code == 200
    assert sent == [job_id]  # once, however many looked
    running.run(sent[0])
    done = client.get(response["Location"]).json()
    assert done["state"] == "done" and done["result"]["lines_matched"] == 1
    running.run(job_id)  # the lost message turning up after all changes nothing
    assert Job.objects.get().state == Job.State.DONE


def test_a_starting_worker_sends_lost_messages_again(settings, monkeypatch):
    from kb.jobs import queue, tasks

    settings.KB_JOB_STALE_SECONDS = 60
    sent = []
    monkeypatch.setattr(tasks.run_job, "apply_async", lambda args, **kw: sent.append(args[0]))
    upload = SimpleUploadedFile("x.log", log(5, set()))
    old, fresh = queue.submit_upload(upload), queue.submit_upload(upload)
    Job.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    assert running.recover_jobs() == 0
    assert sent == [str(old.pk)] and fresh.pk


def test_a_lost_message_resent_to_a_broker_that_is_down_fails_the_job(client, settings, monkeypatch):
    from kb.jobs import tasks

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("connection refused")

    settings.KB_JOB_STALE_SECONDS = 60
    monkeypatch.setattr(tasks.run_job, "apply_async", refuse)
    response = post_job(client, gzip.compress(log(5, set())))
    Job.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    job = client.get(response["Location"]).json()
    assert job["state"] == "failed" and "job queue could not be reached" in job["error"]


def test_a_fresh_running_job_stays_running(client):
    response = post_job(client, gzip.compress(log(5, set())))
    Job.objects.update(state=Job.State.RUNNING, heartbeat_at=timezone.now())
    assert client.get(response["Location"]).json()["state"] == "running"
    assert running.recover_jobs() == 0


def test_a_running_job_page_names_the_json_its_script_polls_and_reloads_without_script(client):
    """kb.js updates the progress from the job's JSON; without JavaScript a <noscript> refresh
    reloads the page (a refresh outside <noscript> would reload it under the script too)."""
    import re

    job = Job.objects.create(name="big.log", input_path="none", input_bytes=10_000, state=Job.State.RUNNING,
                             started_at=timezone.now(), heartbeat_at=timezone.now(), bytes_read=2_500,
                             lines_read=40, current="var/log/big.log")
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert re.search(r'<noscript><meta http-equiv="refresh" content="\d+"></noscript>', page)
    assert page.count('http-equiv="refresh"') == 1
    polled = re.search(r'data-job-progress="([^"]+)"', page).group(1)
    assert polled == f"/api/jobs/{job.pk}"
    # what the script reads there: the state and every number the page shows
    state = client.get(polled, HTTP_ACCEPT="application/json").json()
    assert state["state"] == "running"
    assert state["progress"] == {"bytes": 2_500, "bytes_total": 10_000, "lines": 40, "files": 0,
                                 "current": "var/log/big.log"}
    assert 'value="2500"' in page and "data-job-read" in page and "data-job-current" in page
    assert "Cancel the job" in page
    # a finished job's page neither reloads nor polls, and offers no cancel
    Job.objects.filter(pk=job.pk).update(state=Job.State.CANCELLED, finished_at=timezone.now())
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "refresh" not in page and "data-job-progress" not in page and "Cancel the job" not in page


@pytest.mark.parametrize("state, says", [
    ("queued", "waits for a background job to match it; nothing is read yet."),
    ("running", "A background job is matching this log (9.8 KiB)."),
    ("failed", "matching this log (9.8 KiB) failed: why is said below; no result was kept."),
    ("cancelled", "was cancelled before it finished; no result was kept."),
])
def test_a_job_page_says_what_is_true_of_its_state(client, state, says):
    """Seen: a failed job's page said "A background job matches this log ... this page follows
    it", and a queued one's held "Reading" (a hidden row, which a text browser shows)."""
    import re

    now = timezone.now()
    job = Job.objects.create(name="big.log", input_path="none", input_bytes=10_000, state=state,
                             started_at=None if state == "queued" else now, heartbeat_at=now,
                             finished_at=now if state in ("failed", "cancelled") else None,
                             error="Out of disk." if state == "failed" else "")
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert says in re.sub(r"\s+", " ", page)
    assert ("A background job matches" not in page) and ("Reading" in page) == (state == "running")
    assert ("This page follows it" in page) == (state in ("queued", "running"))


def test_a_web_upload_above_the_paste_limit_becomes_a_job_page(client, settings):
    settings.KB_MAX_PASTE_BYTES = 1000
    upload = SimpleUploadedFile("big.log", log(100, {50}))
    response = client.post("/match/", {"file": upload})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "queued" in page and 'http-equiv="refresh"' in page and "Cancel the job" in page
    running.run(job.pk)
    done = client.get(response["Location"])
    assert done.status_code == 302 and done["Location"] == f"/results/{Job.objects.get().result_id}/"
    html = client.get(done["Location"]).content.decode()
    assert "KubeDNS cannot handle big cluster load" in html and "big.log" in html


def test_a_web_upload_that_is_a_bundle_becomes_a_job(client):
    archive = tar([("x.log", b"0123456789")], mode="w")
    response = client.post("/match/", {"file": SimpleUploadedFile("x.tar", archive)})
    assert response["Location"].startswith("/jobs/")


def test_a_small_compressed_bundle_that_decompresses_above_the_paste_limit_becomes_a_job(client, settings):
    # Seen: a 43 KB sosreport.tar.gz holding 300 KB of logs was refused on the home page as
    # "a compression bomb", though the form says bundles run as jobs (up to the upload limit).
    settings.KB_MAX_PASTE_BYTES = 1000
    archive = tar([("var/log/dnsmasq.log", log(100, {50}))])
    assert len(archive) < settings.KB_MAX_PASTE_BYTES
    response = client.post("/match/", {"file": SimpleUploadedFile("sos.tar.gz", archive)})
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")


def test_a_small_gzipped_log_that_decompresses_above_the_paste_limit_becomes_a_job(client, settings):
    settings.KB_MAX_PASTE_BYTES = 1000
    packed = gzip.compress(log(100, {50}))
    assert len(packed) < settings.KB_MAX_PASTE_BYTES
    response = client.post("/match/", {"file": SimpleUploadedFile("nova.log.1.gz", packed)})
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    running.run(Job.objects.get().pk)
    html = client.get(response["Location"], follow=True).content.decode()
    assert "KubeDNS cannot handle big cluster load" in html


def test_a_binary_web_upload_is_refused_with_the_reason(client):
    upload = SimpleUploadedFile("core", b"\x7fELF\x00" * 50)
    html = client.post("/match/", {"file": upload}).content.decode()
    assert "binary, not a text log" in html
    assert not Result.objects.exists()


def test_a_compressed_web_upload_is_matched_at_once(client):
    upload = SimpleUploadedFile("dns.log.xz", __import__("lzma").compress(log(10, {2})))
    response = client.post("/match/", {"file": upload}, follow=True)
    assert response.redirect_chain[0][0].startswith("/results/")
    assert b"KubeDNS cannot handle big cluster load" in response.content


def test_every_api_match_has_a_masked_permalink(client):
    body = client.post("/api/match", {"text": DNS + SECRET_LINE}, content_type="application/json").json()
    assert body["result_url"].startswith("http://testserver/results/")
    result_id = body["result_url"].rstrip("/").rsplit("/", 1)[1]
    stored = client.get(f"/api/results/{result_id}").json()
    assert stored["matches"][0]["issue"]["slug"] == KUBEDNS
    assert stored["lines_total"] == 2
    assert "Sup3rS3cretValue42" not in str(Result.objects.get().report)
    assert "text" not in stored


def test_a_bundles_stored_result_masks_its_members_paths_as_it_masks_their_lines(client):
    """Seen: a customer's host name and address in a permalinked result, as the path of a member
    (var/log/nova/compute-01.example.com.log), while every line's text was masked."""
    archive = tar([("var/log/nova/compute-01.example.com.log", log(20, {3})),
                   ("var/log/10.20.30.40/kubelet.log", log(20, set()) + SECRET_LINE.encode()),
                   ("var/log/nova/nova-compute.log.1.gz", gzip.compress(log(20, {5}))),
                   ("var/crash/db-7.acme.corp/core", b"\x7fELF\x00\x00" * 100)])
    response = client.post("/api/jobs", {"file": SimpleUploadedFile("db-7.acme.corp.tar.gz", archive)})
    running.run(response.json()["id"])
    job = Job.objects.get()
    stored = str(Result.objects.get().report) + Result.objects.get().name + job.name + job.current
    for value in ("compute-01.example.com", "10.20.30.40", "acme.corp", "Sup3rS3cretValue42"):
        assert value not in stored
    assert job.name == Result.objects.get().name == "<HOST>.tar.gz"
    result = client.get(response["Location"]).json()["result"]
    assert [f["path"] for f in result["files"]] == [
        "var/log/nova/<HOST>.log", "var/log/<IP>/kubelet.log", "var/log/nova/nova-compute.log.1.gz"]
    assert result["skipped"][0]["path"] == "var/crash/<HOST>/core"
    files = {line["file"] for match in result["matches"] for line in match["lines"]}
    assert files == {"var/log/nova/<HOST>.log", "var/log/nova/nova-compute.log.1.gz"}
    assert {line["file"] for line in result["unmatched"]} <= {f["path"] for f in result["files"]}


def test_the_raw_paste_is_kept_only_when_asked(client):
    client.post("/match/", {"text": DNS})
    assert Result.objects.get().text == ""
    response = client.post("/match/", {"text": DNS, "keep_text": "on"}, follow=True)
    kept = Result.objects.filter(text__contains="dnsmasq").get()
    assert response.redirect_chain[0][0] == kept.get_absolute_url()
    assert "Maximum number of concurrent DNS queries" in response.content.decode().split('id="paste"')[1]


def test_a_reload_of_the_permalink_does_not_resubmit(client):
    response = client.post("/match/", {"text": DNS})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert client.get(response["Location"]).status_code == 200
    assert Result.objects.count() == 1


def test_results_past_their_retention_are_pruned_with_the_learning_data(client, settings):
    settings.KB_RESULT_RETENTION_DAYS = 7
    client.post("/match/", {"text": DNS})
    old = Result.objects.create(source="api", report={"matches": []})
    Result.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    assert prune()["results"] == 1
    assert list(Result.objects.values_list("source", flat=True)) == ["web"]
    assert client.get(f"/results/{old.pk}/").status_code == 404


def test_a_broker_that_is_down_fails_the_job_with_a_reason(client, monkeypatch):
    from kb.jobs import queue, tasks

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("connection refused")

    monkeypatch.setattr(tasks.run_job, "apply_async", refuse)
    response = post_job(client, gzip.compress(log(5, set())))
    queue.enqueue(Job.objects.get())
    job = client.get(response["Location"]).json()
    assert job["state"] == "failed" and "job queue could not be reached" in job["error"]


def test_binary_pasted_text_is_refused_on_the_page_and_the_json_api(client):
    junk = "\x01\x02\x03\x04\x05\x06\x07 " * 40  # (a NUL is refused by Django forms already)
    assert "binary, not a text log" in client.post("/match/", {"text": junk}).content.decode()
    response = client.post("/api/match", {"text": junk}, content_type="application/json")
    assert response.status_code == 400 and "binary, not a text log" in response.json()["detail"]
    response = client.post("/api/match", {"lines": [junk]}, content_type="application/json")
    assert response.status_code == 400


def test_a_worker_process_builds_the_matcher_as_it_starts(transactional_db, settings):
    """kb.celery warms each worker process (in a thread of its own), so the first job does not."""
    from kb import celery
    from kb.matching import prefilter
    from kb.matching.loader import current_engine

    call_command("import_rst", *map(str, sorted(FIXTURES.glob("*.rst"))), stdout=StringIO())
    settings.KB_MATCHER_REFRESH_SECONDS = 60
    celery._warm()
    engine = current_engine()
    assert engine in prefilter.template_scanner and engine.issue_count > 0
