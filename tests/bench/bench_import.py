"""Parse and import time of a valid document just under the 5 MiB limit.

    python -m tests.bench.bench_import [--bytes N] [--no-import]

The document is the reference report (../shared/corpus/scale_testing_issues.rst)
repeated with a numbered top-level title per copy, so every copy is a valid,
distinct part of one document: 23 issues per copy, real prose and literal
blocks, nothing shaped for the parser. Parsing is timed on its own, then the
import into a scratch SQLite database (one transaction, as `import_docs` does).
Timings on the shared machine are noisy; run it twice.
"""

import argparse
import os
import re
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
    args = parser.parse_args(argv)
    data = big_document(args.bytes)
    scratch = tempfile.mkdtemp(prefix="kb-bench-import-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/db.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    from kb.rst import parse_bytes

    started = time.perf_counter()
    parsed = parse_bytes("bench/big.rst", data)
    parse_s = time.perf_counter() - started
    print(f"document: {len(data)} bytes, {len(parsed.issues)} issues")
    print(f"parse: {parse_s:.2f} s")
    if args.no_import:
        return 0
    call_command("migrate", verbosity=0)
    from kb.sync import sync_document

    started = time.perf_counter()
    parsed = parse_bytes("bench/big.rst", data)
    summary = sync_document(parsed)
    import_s = time.perf_counter() - started
    print(f"parse + import: {import_s:.2f} s ({len(summary.created)} created) target < 5 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
