"""A section titled by an error takes that error as its issue's signature (the new-user trial of
2026-12-07: tripleo-ansible's 'MysQL "Node appears to be the last node in a cluster" error',
tests/data/gathered26, got none, and the pasted message was answered by another section that
quotes it among several symptoms)."""

from pathlib import Path

from kb.matching import Engine
from kb.rst import parse_bytes, parse_file
from tests.rst_specs import specs_from_files

TRIPLEO = Path(__file__).resolve().parent / "data" / "gathered26" / "tripleo-ansible__Troubleshooting.rst"
PASTED = ('TASK: [fail msg="Galera Replication - Node appears to be the last node in a cluster - cannot '
          'safely proceed unless overriden via single_controller setting - See README.rst"] ***')

OWN_WORDS = b"""\
Troubleshooting
===============

Backup "snapshot chain is too long" error
-----------------------------------------

Symptoms
~~~~~~~~

The nightly backup stops and the job is marked red.

Solution
~~~~~~~~

Delete old snapshots with ``backupctl prune``.

Restore stops with "archive member is corrupted"
-----------------------------------------------

Symptoms
~~~~~~~~

The restore stops half way.

Solution
~~~~~~~~

Download the archive again.

Volume status shows "waiting for attach"
----------------------------------------

Symptoms
~~~~~~~~

The volume never becomes usable.

Solution
~~~~~~~~

Restart the attach service.

error converting YAML to JSON: could not find expected key
-----------------------------------------------------------

This happens when the values file is indented with tabs. Replace the tabs with spaces.
"""


def _signatures(document) -> dict[str, list[str]]:
    return {issue.title: [s.text for s in issue.signatures] for issue in document.issues}


def test_it_takes_the_error_a_title_quotes_and_calls_an_error():
    found = _signatures(parse_file(str(TRIPLEO)))
    assert found['MysQL "Node appears to be the last node in a cluster" error'] == [
        "Node appears to be the last node in a cluster"]


def test_a_title_that_quotes_or_is_an_error_gives_its_signature_in_our_own_words():
    found = _signatures(parse_bytes("own.rst", OWN_WORDS))
    # called an error after the quote, with no error word of its own
    assert found['Backup "snapshot chain is too long" error'] == ["snapshot chain is too long"]
    # an error word of its own, under a title that does not call it one
    assert found['Restore stops with "archive member is corrupted"'] == ["archive member is corrupted"]
    # a quoted state, called nothing, naming no failure: what a screen shows, no message
    assert found['Volume status shows "waiting for attach"'] == []
    # a heading that is a message copied from a log, in its own lower case
    assert found["error converting YAML to JSON: could not find expected key"] == [
        "error converting YAML to JSON: could not find expected key"]


def test_the_pasted_message_is_answered_by_the_section_titled_by_it():
    engine = Engine.build(specs_from_files([TRIPLEO], sources=("symptom", "curated")))
    matches = engine.match_text(PASTED).matches
    titles = [m.issue.spec.title for m in matches if m.confident]
    assert 'MysQL "Node appears to be the last node in a cluster" error' in titles
