"""kb under load and faults: gunicorn on PostgreSQL, driven by wrk (`make loadtest`).

    python -m tests.load.loadtest [--workers 2] [--duration 30] [--connections 50] [--skip-fault]

1. (Re)creates the database of --database-url (default postgres://postgres@127.0.0.1:5432/kb_load),
   migrates it and imports fixtures/.
2. Serves kb with gunicorn (--workers sync workers) on a free 127.0.0.1 port, anonymous
   throttling off (KB_ANON_THROTTLE=off), statistics recording on as in production.
3. Drives, one after the other on the same server, each for --duration s at --connections
   connections with wrk: GET /api/issues/ (the list of the shipped issues, JSON), POST /api/match
   with one log line per request (JSON {"text": ...}, picked at random from a generated
   OpenStack/Kubernetes log that holds known lines, tests/bench/gen_log.py; --paste-share adds
   200-line text/plain pastes, 0 by default) and GET /healthz (no database, no work: the ceiling
   of the stack), and reports each rate and its ratio to /healthz's in the same run.
4. Fault: clients (--fault-clients threads) alternate GET /api/issues/ and POST /api/match for
   --fault-duration s while PostgreSQL is restarted at --restart-at s (pg_ctlcluster ... restart);
   reports the errors of each endpoint, when they started and stopped against the restart, and
   that kb answered again without a restart of its own.

Exits non-zero when a load run had a non-2xx answer or a socket error, when an error fell outside
the outage (plus --grace s), or when kb did not recover. Results: var/loadtest/<time>.json.
Every request goes to 127.0.0.1; every loop is bounded in time.
"""

import argparse
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import closing
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
LUA = Path(__file__).with_name("kb.lua")
PASTE_LINES = 200
# name: (path, POST the generated bodies?); /healthz last, the ceiling the others are compared to.
ENDPOINTS = {"issues": ("/api/issues/", False), "match": ("/api/match", True), "healthz": ("/healthz", False)}
LABELS = {"issues": "GET /api/issues/", "match": "POST /api/match (1 line)", "healthz": "GET /healthz"}


def log(message: str) -> None:
    print(f"[loadtest {time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---- Database -----------------------------------------------------------------------------


def prepare_database(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"refusing to recreate {name} on {parts.hostname}: the load test only runs on 127.0.0.1")
    params = {"host": parts.hostname, "port": parts.port or 5432, "user": parts.username or "postgres"}
    if parts.password:
        params["password"] = parts.password
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    manage(url, "migrate", "--noinput", "-v0")
    manage(url, "import_rst", "fixtures/")


def kb_environment(url: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KB_", "DATABASE_URL"))}
    env.update({
        "DATABASE_URL": url, "DEBUG": "false", "KB_ANON_THROTTLE": "off", "KB_LOG_LEVEL": "WARNING",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
    })
    env.update(extra)
    return env


def manage(url: str, *args) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=kb_environment(url), check=True,
                   timeout=600)


# ---- Request bodies -----------------------------------------------------------------------


def make_bodies(directory: Path, paste_share: float, seed: int = 7) -> Path:
    """A Lua file returning {{content_type, body}, ...}: single lines and 200-line pastes."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings")
    from kb.matching import Engine
    from tests.bench.gen_log import generate
    from tests.bench.kb_source import shipped_issue_specs

    specs = shipped_issue_specs()
    logfile = directory / "load.log"
    truth = generate(logfile, Engine.build(specs), specs, lines=40 * PASTE_LINES, seed=seed, rate=0.02)
    lines = logfile.read_text().splitlines()
    rng = random.Random(seed)
    pastes = [("text/plain", "\n".join(lines[i:i + PASTE_LINES])) for i in range(0, len(lines), PASTE_LINES)]
    known = [lines[n - 1] for _reported, (_slug, n) in truth.items()]
    if paste_share <= 0:
        pastes = []
    singles = [("application/json", json.dumps({"text": line}))
               for line in rng.sample(known, min(100, len(known))) + rng.sample(lines, 300)]
    # The share of pastes among requests: repeat the smaller list so picking at random gives it.
    copies = max(1, round(paste_share / (1 - paste_share) * len(singles) / len(pastes))) if pastes else 0
    bodies = singles + pastes * copies
    share = len(pastes) * copies / len(bodies)
    out = directory / "bodies.lua"
    with out.open("w") as handle:
        handle.write("return {\n")
        for content_type, body in bodies:
            handle.write(f"  {{{lua_string(content_type)}, {lua_string(body)}}},\n")
        handle.write("}\n")
    log(f"bodies: {len(singles)} single lines ({len(known)} known lines available), {len(pastes)} pastes of "
        f"{PASTE_LINES} lines x{copies}: {share:.0%} of requests are pastes")
    return out


def lua_string(text: str) -> str:
    """A double-quoted Lua string literal (Lua strings are bytes: UTF-8 passes through)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    for char, code in (("\n", "\\n"), ("\r", "\\r"), ("\0", "\\000")):
        escaped = escaped.replace(char, code)
    return f'"{escaped}"'


# ---- The server ---------------------------------------------------------------------------


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    def __init__(self, url: str, workers: int, logfile: Path):
        self.port = free_port()
        self.logfile = logfile.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "kb.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(workers), "--timeout", "60", "--graceful-timeout", "10"],
            cwd=ROOT, env=kb_environment(url), stdout=self.logfile, stderr=subprocess.STDOUT,
        )

    def wait_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited ({self.process.returncode}); see {self.logfile.name}")
            try:
                status, _ = call(self.port, "GET", "/healthz")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        sys.exit(f"gunicorn not ready after {seconds} s")

    def worker_rss_mb(self) -> list[float]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        pids = children.read_text().split() if children.exists() else []
        sizes = []
        for pid in pids:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(round(int(line.split()[1]) / 1024, 1))
        return sizes

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.logfile.close()


def call(port: int, method: str, path: str, body: str | None = None, content_type: str = "application/json",
         timeout: float = 10, connection: http.client.HTTPConnection | None = None):
    conn = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = content_type
    conn.request(method, path, body=body.encode() if body is not None else None, headers=headers)
    response = conn.getresponse()
    data = response.read()
    if connection is None:
        conn.close()
    return response.status, data


# ---- wrk ----------------------------------------------------------------------------------


def run_wrk(port: int, path: str, *, duration: int, connections: int, threads: int,
            bodies: Path | None) -> dict:
    env = {**os.environ, "KB_LOAD_BODIES": str(bodies) if bodies else ""}
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s",
               "-s", str(LUA), f"http://127.0.0.1:{port}{path}"]
    log(" ".join(command))
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=duration + 60)
    if result.returncode != 0:
        sys.exit(f"wrk failed: {result.stderr}")
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    seconds = summary["duration_us"] / 1e6
    summary["requests_per_s"] = round(summary["requests"] / seconds, 1)
    summary["socket_errors"] = sum(summary[k] for k in ("connect_errors", "read_errors", "write_errors",
                                                        "timeouts"))
    return summary


# ---- The PostgreSQL restart ---------------------------------------------------------------


def fault_run(port: int, url: str, *, clients: int, duration: float, restart_at: float,
              grace: float) -> dict:
    versions = sorted(os.listdir("/etc/postgresql")) if Path("/etc/postgresql").is_dir() else []
    if not versions or not shutil.which("pg_ctlcluster"):
        return {"skipped": "no local PostgreSQL cluster to restart (pg_ctlcluster, /etc/postgresql)"}
    dnsmasq = "dnsmasq[7]: Maximum number of concurrent DNS queries reached (max: 150)"
    nova = "ERROR nova.compute.manager Instance failed to spawn: widget timeout 42"
    requests = [("POST", "/api/match", json.dumps({"text": dnsmasq})), ("GET", "/api/issues/", None),
                ("POST", "/api/match", json.dumps({"text": nova})), ("GET", "/api/issues/", None)]
    outcomes: list[tuple[float, str, str]] = []
    lock = threading.Lock()
    started = time.monotonic()
    stop_at = started + duration

    def client(n: int):
        conn = None
        while time.monotonic() < stop_at:
            now = time.monotonic() - started
            method, path, body = requests[n % len(requests)]
            n += 1
            try:
                conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                status, _ = call(port, method, path, body, connection=conn)
                outcome = "ok" if 200 <= status < 300 else f"http {status}"
            except (OSError, http.client.HTTPException) as exc:
                outcome = f"socket {type(exc).__name__}"
                if conn is not None:
                    conn.close()
                conn = None
            with lock:
                outcomes.append((now, outcome, path))
            if outcome != "ok":
                time.sleep(0.05)  # an erroring client must not spin

    database_down: list[float] = []

    def probe():
        """When PostgreSQL itself refuses: a fresh connection and SELECT 1 every 50 ms."""
        import psycopg

        conninfo = url.replace("postgres://", "postgresql://", 1)
        while time.monotonic() < stop_at:
            now = time.monotonic() - started
            try:
                with psycopg.connect(conninfo, connect_timeout=2) as conn:
                    conn.execute("SELECT 1")
            except psycopg.Error:
                database_down.append(now)
            time.sleep(0.05)

    workers = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    workers.append(threading.Thread(target=probe, daemon=True))
    for worker in workers:
        worker.start()
    time.sleep(restart_at)
    version = versions[-1]
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"]
    log(" ".join(command))
    down = time.monotonic() - started
    subprocess.run(command, check=True, timeout=120)
    up = time.monotonic() - started
    for worker in workers:
        worker.join(timeout=duration + 30)
    outcomes.sort()  # by the time each request was sent (threads append as they finish)
    errors = [(t, o, p) for t, o, p in outcomes if o != "ok"]
    after = [(t, o) for t, o, _ in outcomes if t > (errors[-1][0] if errors else up)]
    kinds: dict[str, int] = {}
    for _, outcome, path in errors:
        kinds[f"{path} {outcome}"] = kinds.get(f"{path} {outcome}", 0) + 1
    by_path = {path: {"requests": sum(1 for o in outcomes if o[2] == path),
                      "errors": sum(1 for e in errors if e[2] == path)}
               for path in sorted({p for _, p, _ in requests})}
    return {
        "requests": len(outcomes),
        "errors": len(errors),
        "by_endpoint": by_path,
        "error_kinds": kinds,
        "restart_began_s": round(down, 2),
        "restart_ended_s": round(up, 2),
        "first_error_s": round(errors[0][0], 2) if errors else None,
        "last_error_s": round(errors[-1][0], 2) if errors else None,
        "error_window_s": round(errors[-1][0] - errors[0][0], 2) if errors else 0.0,
        "database_refused_from_s": round(database_down[0], 2) if database_down else None,
        "database_refused_until_s": round(database_down[-1], 2) if database_down else None,
        "errors_outside_outage": sum(1 for t, _, _ in errors if not down - 0.5 <= t <= up + grace),
        "ok_after_last_error": sum(1 for _, o in after if o == "ok"),
        "recovered": bool(after) and all(o == "ok" for _, o in after),
    }


# ---- Main ---------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get(
        "KB_LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kb_load"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("KB_LOAD_WORKERS", "2")))
    parser.add_argument("--duration", type=int, default=int(os.environ.get("KB_LOAD_DURATION", "30")))
    parser.add_argument("--connections", type=int, default=int(os.environ.get("KB_LOAD_CONNECTIONS", "50")))
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--paste-share", type=float, default=0.0,
                        help="share of POST /api/match requests that are 200-line pastes")
    parser.add_argument("--skip-fault", action="store_true")
    parser.add_argument("--fault-clients", type=int, default=8)
    parser.add_argument("--fault-duration", type=float, default=30)
    parser.add_argument("--restart-at", type=float, default=8)
    parser.add_argument("--grace", type=float, default=5, help="seconds after the restart errors may last")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install -y wrk)")

    results: dict = {"workers": args.workers, "cores": os.cpu_count(), "connections": args.connections,
                     "duration_s": args.duration, "paste_share": args.paste_share}
    out_dir = ROOT / "var" / "loadtest"
    out_dir.mkdir(parents=True, exist_ok=True)
    log(f"database {args.database_url}: recreate, migrate, import fixtures/")
    prepare_database(args.database_url)
    with tempfile.TemporaryDirectory(prefix="kb-load-") as tmp:
        bodies = make_bodies(Path(tmp), args.paste_share)
        server = Gunicorn(args.database_url, args.workers, out_dir / "gunicorn.log")
        try:
            server.wait_ready()
            for _ in range(3 * args.workers):  # every worker builds its matcher before timing starts
                call(server.port, "POST", "/api/match", json.dumps({"text": "warm up"}))
                call(server.port, "GET", "/api/issues/")
            common = {"duration": args.duration, "connections": args.connections, "threads": args.threads}
            for name, (path, run_bodies) in ENDPOINTS.items():
                results[name] = run_wrk(server.port, path, bodies=bodies if run_bodies else None, **common)
                log(f"{name}: {results[name]}")
            for name in ENDPOINTS:
                results[name]["ratio_to_healthz"] = round(
                    results[name]["requests_per_s"] / results["healthz"]["requests_per_s"], 3)
            results["worker_rss_mb"] = server.worker_rss_mb()
            if not args.skip_fault:
                results["fault"] = fault_run(server.port, args.database_url, clients=args.fault_clients,
                                             duration=args.fault_duration, restart_at=args.restart_at,
                                             grace=args.grace)
                log(f"PostgreSQL restart: {results['fault']}")
        finally:
            server.stop()
    path = out_dir / f"{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2))
    failures = [f"{name}: {run['non_2xx']} non-2xx, {run['socket_errors']} socket errors"
                for name in ENDPOINTS for run in [results[name]]
                if run["non_2xx"] or run["socket_errors"]]
    fault = results.get("fault", {})
    if fault and "skipped" not in fault:
        if fault["errors_outside_outage"]:
            failures.append(f"fault: {fault['errors_outside_outage']} errors outside the outage")
        if not fault["recovered"]:
            failures.append("fault: kb did not recover after PostgreSQL came back")
    print(report(results))
    log(f"results in {path}")
    for failure in failures:
        log(f"FAILED {failure}")
    return 1 if failures else 0


def line(name: str, run: dict) -> str:
    return (f"{name:<26} {run['requests_per_s']:>8} req/s  x{run['ratio_to_healthz']:<6} of /healthz  "
            f"p50 {run['p50_ms']:>7} ms  p99 {run['p99_ms']:>7} ms  "
            f"non-2xx {run['non_2xx']}  socket errors {run['socket_errors']}")


def report(r: dict) -> str:
    rows = [
        f"gunicorn {r['workers']} sync workers on {r['cores']} cores; wrk {r['connections']} connections, "
        f"{r['duration_s']} s per endpoint; worker RSS {r.get('worker_rss_mb')} MB",
        *(line(LABELS[name], r[name]) for name in ENDPOINTS),
    ]
    fault = r.get("fault")
    if fault and "skipped" not in fault:
        rows.append(
            f"PostgreSQL restart from {fault['restart_began_s']} s to {fault['restart_ended_s']} s "
            f"(refusing connections from {fault['database_refused_from_s']} s "
            f"to {fault['database_refused_until_s']} s): "
            f"{fault['errors']} errors of {fault['requests']} requests {fault['error_kinds']} "
            f"(by endpoint {fault['by_endpoint']}), "
            f"between {fault['first_error_s']} s and {fault['last_error_s']} s "
            f"(window {fault['error_window_s']} s); recovered: {fault['recovered']}")
    elif fault:
        rows.append(f"fault run skipped: {fault['skipped']}")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
