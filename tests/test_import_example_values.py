"""A document's example values become placeholders, so a real line with other values matches
its signature confidently and the "why" quotes a signature the line holds (kb.rst.examples).

Pure: documents parsed from bytes, one engine per issue, no database.
"""

import pytest

from kb.matching import Engine
from kb.rst import parse_bytes
from kb.rst.examples import example_values
from tests.rst_specs import spec_from_parsed

PREFIX = "2025-11-03 08:14:09.532 7781"


def answer(name: str, document: str, line: str):
    """The issue the document gives, its signature, and the confident match of `line`, which
    must be on that signature (not on words it shares with it), quoted as written."""
    [issue] = parse_bytes(name, document.encode()).issues
    [signature] = [s.text for s in issue.signatures]
    report = Engine.build([spec_from_parsed(issue)]).match_lines([line])
    assert [m.issue.spec.slug for m in report.known] == [issue.slug], report.leads
    assert f"matched signature “{signature}”" in report.known[0].why
    return signature, report.known[0]


def rst(title: str, block: str) -> str:
    return (f"{title}\n{'=' * len(title)}\n\nProblem\n~~~~~~~\n\nThe service logs::\n\n"
            f"    {block}\n\nSolution\n~~~~~~~~\n\nRestart the agent after fixing its settings.\n")


def test_an_exit_code_is_the_examples_and_a_line_with_another_matches():
    signature, match = answer("exit.rst", rst(
        "Volume attach warns on multipath",
        "WARNING nova.storage.linuxscsi [req-1 admin admin] Multipath call failed exit (96)"),
        f"{PREFIX} WARNING nova.storage.linuxscsi [req-9 demo demo] Multipath call failed exit (1)")
    assert signature.endswith("Multipath call failed exit (<NUM>)")


def test_the_documents_own_placeholder_and_a_source_line_are_any_value():
    signature, match = answer("tls.rst", rst(
        "Agent connection fails on TLS",
        "ERROR ironic.conductor.agent [-] Max retries exceeded with url: /v1/commands?agent_token=<token> "
        "(Caused by SSLError('certificate verify failed (_ssl.c:897)'))"),
        f"{PREFIX} ERROR ironic.conductor.agent [-] Max retries exceeded with url: "
        "/v1/commands?agent_token=fT0kX2pq9Lr "
        "(Caused by SSLError('certificate verify failed (_ssl.c:1131)'))")
    assert "agent_token=<*>" in signature and "(_ssl.c:<NUM>)" in signature
    assert "897" not in match.why and "<token>" not in match.why


def test_a_date_inside_a_record_of_a_markdown_runbook_is_no_part_of_its_signature():
    runbook = ("# Broker refuses the agent's login\n\nThe broker log says:\n\n```\n"
               "=ERROR REPORT==== 10-Jan-2024::12:00:00 === closing AMQP connection <0.4711.0>: "
               "PLAIN login refused: user 'agent' - invalid credentials\n```\n\n"
               "This is caused by a password that differs between the agent and the broker. "
               "To fix this, set the same password on both.\n")
    signature, match = answer("broker.md", runbook,
                              "=ERROR REPORT==== 3-Mar-2025::07:45:12 === closing AMQP connection <0.982.3>: "
                              "PLAIN login refused: user 'agent' - invalid credentials")
    assert signature.startswith("=ERROR REPORT==== <*> === closing AMQP connection <*>:")
    assert "2024" not in match.why


def test_a_wait_the_document_measured_is_any_wait():
    # nova's VolumeNotCreated as a runbook quoted it (a new user's trial): the same message with
    # another wait was a lead, as the signature spelt out the runbook's 187 seconds
    signature, match = answer("volume.rst", rst(
        "Instance build aborts while its volume is created",
        "ERROR nova.compute.manager [req-1 admin admin] [instance: 6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b] "
        "Build of instance 6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b aborted: Volume 9c2e7d1a-3f4b-4c5d-9e6f-"
        "7a8b9c0d1e2f did not finish being created even after we waited 187 seconds or 61 attempts. "
        "And its status is downloading."),
        f"{PREFIX} ERROR nova.compute.manager [req-7 demo demo] "
        "[instance: 0b3c5d7e-9f1a-4b2c-8d3e-4f5a6b7c8d9e] "
        "Build of instance 0b3c5d7e-9f1a-4b2c-8d3e-4f5a6b7c8d9e aborted: Volume 41d7e2f3-a4b5-4c6d-8e7f-"
        "9a0b1c2d3e4f did not finish being created even after we waited 150 seconds or 61 attempts. "
        "And its status is downloading.")
    assert "waited <NUM> seconds or 61 attempts" in signature and "187" not in match.why


@pytest.mark.parametrize("written, placeholder", [
    ("node <node UUID> is locked by {hostname}", "node <*> is locked by <*>"),
    ("locked by host $HOSTNAME on ${NODE}", "locked by host <*> on <*>"),
    ("VNI XXXXX not found on node-xxx", "VNI <*> not found on node-<*>"),
    ("Failed to attach volume %(volume_id)s to <switch>", "Failed to attach volume <*> to <*>"),
    ("at Wed Jan 10 12:00:00 UTC 2024 and 2024/01/10 09:30", "at <*> and <*>"),
    ("caller=writer.go:100 and manager.py:1742", "caller=writer.go:<NUM> and manager.py:<NUM>"),
    ("exited with code 3, exit status: 2, pid=6555", "exited with code <NUM>, exit status: <NUM>, pid=<NUM>"),
    ("waited 187 seconds; not completed after 1600 sec in 250 ms",
     "waited <NUM> seconds; not completed after <NUM> sec in <NUM> ms"),
    ("Throttling request took 1.047064274s, back-off 1m30s", "Throttling request took <NUM>, back-off <NUM>"),
])
def test_each_class_of_example_value_becomes_a_placeholder(written, placeholder):
    assert example_values(written) == placeholder


@pytest.mark.parametrize("meant", [
    "Connection refused [Errno 111]",
    "HTTP 409 Conflict returned 500",
    "max: 150 connections after 3 attempts on port 5672",
    "container exit code 137 and exit status 127",  # the shell's meaning: killed, not found
    'File "x.py", line 12, in <module> <html> <nil>',  # a program's own bracketed words
    "executable file not found in $PATH",
    "May 5 replicas; version 2.14.1",
    "\x1b[0;39m OK \x1b[1;32m",  # a console's colour codes are no durations
    "x86_64 sha256 v2.3s-rc1",
])
def test_values_that_are_part_of_the_message_stay(meant):
    assert example_values(meant) == meant


def test_a_signature_its_placeholders_make_ordinary_is_still_not_kept():
    # snapd says `storehelpers.go:721: cannot refresh: snap has no updates available` every few
    # hours on a healthy host (tests/data/background/hotsos__openstack_syslog). Quoted with
    # another source line, the record named no ordinary line; with the line as a placeholder it
    # does, and the importer's guard against signatures ordinary logs say (kb.matching.ordinary)
    # drops it as before.
    from kb.matching.ordinary import CORPUS

    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is missing")
    record = "snapd[412]: storehelpers.go:650: cannot refresh: snap has no updates available"
    document = parse_bytes("snap.rst", rst("Snap refresh fails", record).encode())
    [issue] = document.issues
    assert issue.signatures == []
    [warning] = [w for w in document.warnings if "not kept" in w]
    assert "storehelpers.go:<NUM>: cannot refresh" in warning and "an ordinary log already says it" in warning
