"""Jobs through real processes: gunicorn takes the upload, a real Celery worker runs it.

Once with Redis as the broker (CELERY_BROKER_URL; Redis runs at 127.0.0.1:6379
on development and CI machines, and this test fails without it), once with
the embedded filesystem transport kb falls back to without a broker. Each run
uses its own queue name, so workers of other checkouts sharing the Redis never
take these jobs. Every wait is bounded.
"""

import gzip
import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import pytest

from tests.processes import ROOT, environment, free_port

KUBEDNS = "kubedns-cannot-handle-big-cluster-load-with-default-settings"
DNS = ("I1211 16:59:31.000000 1 nanny.go:108] "
    "dnsmasq[9]: Maximum number of concurrent DNS queries reached (max: 150)\n")
REDIS = "redis://127.0.0.1:6379/0"
STALE_SECONDS = 3


class Processes:
    """A gunicorn and a Celery worker on one database and one broker."""

    def __init__(self, db: str, tmp, broker: str, **env):
        self.tmp, self.port = tmp, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = environment(
            db, CELERY_BROKER_URL=broker, KB_JOB_QUEUE=f"kb-test-{uuid.uuid4().hex[:8]}",
            KB_JOB_DIR=str(tmp / "jobs"), KB_BROKER_DIR=str(tmp / "broker"),
            KB_JOB_STALE_SECONDS=str(STALE_SECONDS), **env,
        )
        self.web = self._start("web", [sys.executable, "-m", "gunicorn", "kb.wsgi:application", "--bind",
                                       f"127.0.0.1:{self.port}", "--workers", "1", "--timeout", "120"])
        self.worker = None
        self.start_worker()

    def _start(self, name, argv):
        log = (self.tmp / f"{name}.log").open("a")
        return subprocess.Popen(argv, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)

    def start_worker(self):
        self.worker = self._start("worker", [
            sys.executable, "-m", "celery", "-A", "kb.celery", "worker", "--pool", "solo",
            "--queues", self.env["KB_JOB_QUEUE"], "--loglevel", "INFO", "--without-heartbeat",
            "--without-gossip", "--without-mingle"])
        wait_for(lambda: "ready" in self.log("worker"), 60, lambda: self.log("worker"))

    def log(self, name) -> str:
        return (self.tmp / f"{name}.log").read_text()

    def call(self, method, path, body=None, content_type="application/gzip"):
        url = path if path.startswith("http") else self.base + path
        req = urllib.request.Request(url, data=body, method=method, headers={"Accept": "application/json"})
        if body is not None:
            req.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(req, timeout=30) as response:
                return response.status, dict(response.headers), json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), json.loads(error.read() or b"{}")

    def wait_ready(self):
        def up():
            try:
                return self.call("GET", "/api/")[0] == 200
            except OSError:
                return False

        wait_for(up, 30, lambda: self.log("web"))

    def stop(self):
        for process in (self.web, self.worker):
            if process and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)


def wait_for(condition, seconds: float, explain=lambda: ""):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"not within {seconds} s\n{explain()[-3000:]}")


@pytest.fixture(params=["redis", "embedded"])
def processes(request, scratch, tmp_path):
    if request.param == "redis":
        _require_redis()
    running = Processes(scratch.url, tmp_path, REDIS if request.param == "redis" else "")
    try:
        running.wait_ready()
        yield running
    finally:
        running.stop()
        if request.param == "redis":
            _forget_queue(running.env["KB_JOB_QUEUE"])


def _require_redis():
    import redis

    try:
        redis.Redis.from_url(REDIS, socket_timeout=3).ping()
    except redis.RedisError as exc:
        pytest.fail(f"Redis is not reachable at {REDIS} ({exc}); .ci/run starts it")


def _forget_queue(name: str):
    import redis

    redis.Redis.from_url(REDIS).delete(name)


def finished(proc, location):
    def check():
        state = proc.call("GET", location)[2]["state"]
        return state not in ("queued", "running")

    return check


def test_a_real_worker_runs_an_uploaded_job(processes):
    body = gzip.compress(("ordinary line\n" * 200 + DNS + "more ordinary text\n" * 200).encode())
    status, headers, job = processes.call("POST", "/api/jobs?name=dns.log.gz", body)
    assert status == 202, job
    location = headers["Location"]
    wait_for(finished(processes, location), 60, lambda: processes.log("worker"))
    done = processes.call("GET", location)[2]
    assert done["state"] == "done", done
    assert done["result"]["matches"][0]["issue"]["slug"] == KUBEDNS
    assert done["result"]["files"][0]["path"] == "dns.log.gz"
    assert done["result"]["lines_total"] == 401
    if processes.env["CELERY_BROKER_URL"]:
        assert "broker redis://127.0.0.1:6379/0" in processes.log("worker")
    else:  # kb says at start which queue it uses
        assert "embedded filesystem queue" in processes.log("worker")


def test_a_worker_killed_mid_job_leaves_it_failed_with_a_reason(processes):
    # Analysed in full (a slow path), so the job is still running when the worker is killed.
    lines = "".join(f"2016-12-11 16:59:22.{n % 1000:03d} 1 ERROR nova.compute.manager [-] step {n} "
                    f"failed on host-{n} with volume vol-{n * 7} and port p{n * 13}\n" for n in range(60000))
    processes.env["KB_MAX_PASTE_BYTES"] = str(64 << 20)
    processes.worker.send_signal(signal.SIGTERM)
    processes.worker.wait(timeout=30)
    processes.start_worker()
    status, headers, job = processes.call("POST", "/api/jobs", gzip.compress(lines.encode()))
    assert status == 202, job
    location = headers["Location"]
    wait_for(lambda: processes.call("GET", location)[2]["state"] == "running", 60,
             lambda: processes.log("worker"))
    processes.worker.send_signal(signal.SIGKILL)
    processes.worker.wait(timeout=10)
    wait_for(finished(processes, location), STALE_SECONDS + 30)
    failed = processes.call("GET", location)[2]
    assert failed["state"] == "failed"
    assert "worker running this job stopped" in failed["error"]


def test_a_job_whose_message_the_broker_lost_is_sent_again(processes):
    processes.worker.send_signal(signal.SIGTERM)
    processes.worker.wait(timeout=30)
    status, headers, job = processes.call("POST", "/api/jobs", gzip.compress(DNS.encode()))
    assert status == 202, job
    # the broker loses the message (Redis flushed; the embedded queue's files removed)
    if processes.env["CELERY_BROKER_URL"]:
        _forget_queue(processes.env["KB_JOB_QUEUE"])
    else:
        for message in (processes.tmp / "broker" / "queue").iterdir():
            message.unlink()
    processes.start_worker()
    time.sleep(STALE_SECONDS + 1)
    assert processes.call("GET", headers["Location"])[2]["state"] in ("queued", "running", "done")
    wait_for(finished(processes, headers["Location"]), 60, lambda: processes.log("worker"))
    done = processes.call("GET", headers["Location"])[2]
    assert done["state"] == "done", done
    assert done["result"]["matches"][0]["issue"]["slug"] == KUBEDNS
