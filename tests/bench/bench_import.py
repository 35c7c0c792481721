"""Parse and import time of a valid document just under the 5 MiB limit.

    python -m tests.bench.bench_import [--bytes N] [--no-import] [--linearity] [--phases]

The document is the reference report (../shared/corpus/scale_testing_issues.rst)
repeated with a numbered top-level title per copy, so every copy is a valid,
distinct part of one document: 23 issues per copy, real prose and literal
blocks, nothing shaped for the parser. Parsing is timed on its own, then the
import into a scratch SQLite database (one transaction, as `import_docs` does),
then the same bytes uploaded to POST /api/import twice: over the imported
document (every issue compared, none changed) and into an empty database.
Timings on the shared machine are noisy; run it twice. --linearity parses
documents of 1, 2 and 5 MiB instead, in pieces as kb does and whole (docutils
in one go, the reference), and prints CPU seconds per MiB. --phases splits
the parse and import CPU time: docutils reading the text, docutils'
transforms, kb's collection of issues from the doctree (and, since
2026-12-06, freeing the doctree, which happens beside the forked copy), and
the database write (validation and inserts); the CPU time of the forked copy that decides
a big document's later sections (kb.rst.forked) is printed apart, since it
runs beside the collection here.
"""

import argparse
import os
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "scale_testing_issues.rst"
LIMIT = 5 * 1024 * 1024


def big_document(limit: int = LIMIT) -> bytes:
    text = REFERENCE.read_text(encoding="utf-8")
    head = "Kubernetes Issues At Scale 900 Minions"
    # Each copy gets its own top-level title and drops the explicit labels,
    # which would otherwise be duplicate targets.
    body = re.sub(r"(?m)^\.\. _[^:]+:\s*$", "", text)
    parts, size, number = [text], len(text.encode()), 2
    while True:
        title = f"{head} (copy {number})"
        rule = "=" * len(title)
        old_title = f"{'=' * len(head)}\n{head}\n{'=' * len(head)}"
        chunk = "\n\n" + body.replace(old_title, f"{rule}\n{title}\n{rule}")
        if size + len(chunk.encode()) >= limit:
            break
        parts.append(chunk)
        size += len(chunk.encode())
        number += 1
    return "".join(parts).encode()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bytes", type=int, default=LIMIT - 1024)
    parser.add_argument("--no-import", action="store_true")
    parser.add_argument("--linearity", action="store_true")
    parser.add_argument("--phases", action="store_true")
    args = parser.parse_args(argv)
    if args.linearity:
        return _linearity()
    data = big_document(args.bytes)
    scratch = tempfile.mkdtemp(prefix="kb-bench-import-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/db.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    from kb.rst import parse_bytes

    started, cpu, copy = time.perf_counter(), time.process_time(), _children_cpu()
    parsed = parse_bytes("bench/big.rst", data)
    parse_s, parse_cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"document: {len(data)} bytes, {len(parsed.issues)} issues")
    # CPU time too: on a shared machine the wall clock mostly measures the neighbours.
    print(f"parse: {parse_s:.2f} s wall, {parse_cpu:.2f} s CPU (+ {_children_cpu() - copy:.2f} s CPU "
          "in the forked copy)")
    if args.no_import:
        return 0
    call_command("migrate", verbosity=0)
    from kb.sync import sync_document

    if args.phases:
        return _phases(data)
    started, cpu, copy = time.perf_counter(), time.process_time(), _children_cpu()
    parsed = parse_bytes("bench/big.rst", data)
    summary = sync_document(parsed)
    import_s, import_cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"parse + import: {import_s:.2f} s wall, {import_cpu:.2f} s CPU "
          f"(+ {_children_cpu() - copy:.2f} s CPU in the forked copy; {len(summary.created)} created) "
          "target < 5 s")
    key = _write_token()
    print(f"POST /api/import, same document again: {_through_api(data, key)}")
    from kb.models import Document, Issue

    Issue.objects.all().delete()
    Document.objects.all().delete()
    print(f"POST /api/import, into an empty knowledge base: {_through_api(data, key)}")
    print(f"load average {os.getloadavg()[0]:.2f} (shared cores: wall time over CPU time is the neighbours)")
    return 0


def _linearity() -> int:
    from kb.rst import chunks, parse_bytes

    per_mib = {}
    for mib in (1, 2, 5):
        data = big_document(mib * 1024 * 1024 - 1024)
        row = []
        for name, threshold in (("pieces", chunks.CHUNK_THRESHOLD), ("whole", 10**12)):
            saved, chunks.CHUNK_THRESHOLD = chunks.CHUNK_THRESHOLD, threshold
            try:
                cpu = time.process_time()
                parse_bytes("bench/big.rst", data)
                cpu = time.process_time() - cpu
            finally:
                chunks.CHUNK_THRESHOLD = saved
            per_mib.setdefault(name, []).append(cpu / mib)
            row.append(f"{name} {cpu:.2f} s ({cpu / mib:.2f} s/MiB)")
        print(f"{mib} MiB parse CPU: " + ", ".join(row), flush=True)
    for name, values in per_mib.items():
        print(f"{name}: s/MiB at 5 MiB over s/MiB at 1 MiB = {values[-1] / values[0]:.2f} (1.00 is linear)")
    print(f"load average {os.getloadavg()[0]:.2f}")
    return 0


def _phases(data: bytes) -> int:
    """CPU seconds of each phase of parse + import, timed around the functions that do them."""
    from docutils.transforms import Transformer

    from kb import sync
    from kb.rst import doctree, parse_bytes, parser

    spent: dict[str, float] = {}

    def timed(owner, name, label):
        original = getattr(owner, name)

        def run(*args, **kwargs):
            started = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - started
        setattr(owner, name, run)
        return original

    phases = [(doctree._Parser, "parse", "docutils reading"),
              (Transformer, "apply_transforms", "docutils transforms"),
              (parser, "_collect_issues", "collection (and freeing the doctree)"),
              (sync, "_sync", "database write")]
    originals = [timed(*phase) for phase in phases]
    try:
        started, cpu, copy = time.perf_counter(), time.process_time(), _children_cpu()
        sync.sync_document(parse_bytes("bench/big.rst", data))
        wall, cpu, copy = time.perf_counter() - started, time.process_time() - cpu, _children_cpu() - copy
    finally:
        for (owner, name, _), original in zip(phases, originals, strict=True):
            setattr(owner, name, original)
    for _, _, label in phases:
        print(f"{label}: {spent.get(label, 0.0):.2f} s CPU")
    rest = cpu - sum(spent.values())
    print(f"the rest (decoding, slugs, relations): {rest:.2f} s CPU")
    print(f"the forked copy deciding the later sections (beside the collection): {copy:.2f} s CPU")
    print(f"parse + import: {cpu:.2f} s CPU here, {wall:.2f} s wall; load average {os.getloadavg()[0]:.2f}")
    return 0


def _children_cpu() -> float:
    """CPU seconds of the child processes that ended and were waited for (kb.rst.forked's copies)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _write_token() -> str:
    from django.contrib.auth import get_user_model

    from kb.models import ApiToken

    user = get_user_model().objects.create_user("bench", is_staff=True)
    return ApiToken.create_for(user, "bench", write=True)[1]


def _through_api(data: bytes, key: str) -> str:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    upload = SimpleUploadedFile("big.rst", data, content_type="text/x-rst")
    started, cpu = time.perf_counter(), time.process_time()
    response = Client().post("/api/import", {"file": upload}, HTTP_AUTHORIZATION=f"Token {key}")
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    return f"HTTP {response.status_code}, {wall:.2f} s wall, {cpu:.2f} s CPU"


if __name__ == "__main__":
    sys.exit(main())
