"""A log blob the document wrapped at its own width is read record by record (the new-user
trial of 2026-12-07: tripleo-ansible's "SSH Connectivity is lost", tests/data/gathered26).

The blob here is our own, in the same shape: one failure, a version banner and debug chatter
run together over lines that no log holds.
"""

from kb.rst.signatures import error_records, signature_lines

BLOB = """\
fatal: [10.1.2.3] => rsync reported an unknown error. The
output was: Rsync_3.1.2, protocol 31 built for x86_64
debug1: opening connection to backup-host debug1:
reading remote file list debug2: socket 4 setting
TCP_NODELAY read error: Connection reset by peer
ERROR: the transfer of all files has failed - aborting
"""


def test_a_wrapped_blob_gives_one_signature_per_record_without_chatter():
    lines = signature_lines(BLOB)
    assert lines == ["fatal: [<IP>] => rsync reported an unknown error. The output was:",
                     "ERROR: the transfer of all files has failed - aborting"]


def test_prose_reads_the_same_blob_record_by_record():
    records = error_records(BLOB)
    assert "ERROR: the transfer of all files has failed - aborting" in records
    assert not any("debug1" in r or "Rsync_3.1.2" in r for r in records)


def test_a_record_on_one_line_is_never_cut():
    line = "2024-01-01 10:00:00 UTC [42] worker ERROR: relation jobs does not exist"
    assert len(signature_lines(line)) == 1
    assert "worker ERROR: relation jobs does not exist" in signature_lines(line)[0]
