"""A 100 MB upload as a job, end to end: gunicorn takes it, a Celery worker on Redis matches it.

    python -m tests.bench.bench_jobs [--mb 100] [--broker redis://127.0.0.1:6379/0]

Starts gunicorn (1 sync worker) and `celery -A kb.celery worker --concurrency 1`
on a fresh SQLite database with the shipped knowledge, POSTs the generated
log as the raw body of /api/jobs, polls the job until it is done, and prints
the round trip (upload to result; polled every 0.2 s), the worker's part of it
(the job's started_at to finished_at) and the peak RSS (VmHWM) of the web and
worker processes. Not part of the suite: it times things.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from datetime import datetime
from pathlib import Path

from kb.matching import Engine
from tests.bench.gen_log import generate
from tests.bench.kb_source import shipped_issue_specs
from tests.processes import ROOT, free_port


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            todo += [int(c) for c in task.read_text().split()]
    return pids


def _peak_mb(pid: int) -> float:
    """The largest VmHWM (peak resident set) among a process and its children, in MB."""
    peak = 0
    for each in _tree(pid):
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
    return peak / 1024


def run(mb: int, broker: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="kb-jobs-bench-") as name:
        tmp = Path(name)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("KB_", "DATABASE_URL"))}
        env.update(DATABASE_URL=f"sqlite:///{tmp / 'kb.sqlite3'}", CELERY_BROKER_URL=broker,
                   KB_JOB_QUEUE=f"kb-bench-{uuid.uuid4().hex[:8]}", KB_JOB_DIR=str(tmp / "jobs"),
                   KB_ANON_THROTTLE="off")
        for args in (["migrate", "--noinput", "-v0"], ["import_rst", "fixtures/"]):
            subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL)
        specs = shipped_issue_specs()
        log = tmp / "big.log"
        generate(log, Engine.build(specs), specs, lines=mb * 1_000_000 // 148)
        port = free_port()
        web = subprocess.Popen([sys.executable, "-m", "gunicorn", "kb.wsgi:application", "--bind",
                                f"127.0.0.1:{port}", "--workers", "1", "--timeout", "300"],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        worker = subprocess.Popen([sys.executable, "-m", "celery", "-A", "kb.celery", "worker",
                                   "--concurrency", "1", "--queues", env["KB_JOB_QUEUE"],
                                   "--loglevel", "WARNING"],
                                  cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait(lambda: _get(base + "/api/") is not None, 60)
            time.sleep(3)  # the worker connects to the broker
            size = log.stat().st_size
            start = time.perf_counter()
            with open(log, "rb") as body:
                request = urllib.request.Request(f"{base}/api/jobs?name=big.log", data=body, method="POST",
                                                 headers={"Content-Type": "text/plain",
                                                          "Content-Length": str(size)})
                with urllib.request.urlopen(request, timeout=300) as response:
                    location = response.headers["Location"]
            accepted = time.perf_counter() - start
            _wait(lambda: _get(location)["state"] not in ("queued", "running"), 600)
            done = time.perf_counter() - start
            job = _get(location)
            started, finished = (datetime.fromisoformat(job[k]) for k in ("started_at", "finished_at"))
            return {"mb": size / 1e6, "accepted_s": accepted, "round_trip_s": done, "state": job["state"],
                    "worker_s": (finished - started).total_seconds(),
                    "lines": job["progress"]["lines"], "confident": sum(
                        m["confident"] for m in (job["result"] or {}).get("matches", [])),
                    "web_peak_mb": _peak_mb(web.pid), "worker_peak_mb": _peak_mb(worker.pid)}
        finally:
            for process in (web, worker):
                process.terminate()
                process.wait(timeout=30)


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return json.loads(response.read())
    except OSError:
        return None


def _wait(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise TimeoutError(f"not within {seconds} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=100)
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/0")
    r = run(**vars(parser.parse_args()))
    print(f"job of {r['mb']:.0f} MB ({r['lines']:,} lines): upload accepted (202) after "
          f"{r['accepted_s']:.2f} s, "
          f"{r['state']} after {r['round_trip_s']:.2f} s (the worker's part {r['worker_s']:.2f} s, "
          f"as the job records it); {r['confident']} confident issues; peak RSS web "
          f"{r['web_peak_mb']:.0f} MB, worker {r['worker_peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
