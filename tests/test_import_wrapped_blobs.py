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


def test_a_documents_lettered_address_is_a_placeholder():
    from kb.rst.examples import example_values

    assert example_values("lookup failed for {'bmc': u'10.x.y.z'}") == "lookup failed for {'bmc': u'<*>'}"
    assert example_values("agent x.y.z refused the call") == "agent <*> refused the call"
    # (abbreviations and real addresses are no placeholders)
    assert example_values("i.e. from 10.1.2.3") == "i.e. from 10.1.2.3"


def test_a_name_with_a_generated_suffix_masks_whole():
    from kb.rst.signatures import placeholders

    assert placeholders("unable to connect to node 'queue@cloud-broker0-k2jd8s9xq4': nodedown") == \
        "unable to connect to node 'queue@<*>': nodedown"
    assert placeholders("pod web-7d9f8b6c5d-x2k9z failed to start") == "pod <*> failed to start"
    # a name whose last part is a word with a number, or a version, stays
    assert placeholders("service neutron-l3-agent failed on centos-stream9") == \
        "service neutron-l3-agent failed on centos-stream9"
    assert placeholders("no kind in group apps-v1beta1 failed") == "no kind in group apps-v1beta1 failed"


def test_lines_that_open_on_a_bracketed_phase_are_records_of_their_own():
    # an installer's phase tag before each record (kubeadm writes `[preflight] WARNING: ...`): the
    # second line was joined to the first as its wrapped end, and the two came apart as
    # `WARNING: ... path [preflight]` (a new user's trial, kubernetes/website's kubeadm page)
    block = ("[setup] WARNING: socat not found in system path   \n"
             "[setup] WARNING: conntrack not found in system path\n")
    assert error_records(block) == ["[setup] WARNING: socat not found in system path",
                                    "[setup] WARNING: conntrack not found in system path"]
    # a record whose continuation opens on a bracket of another kind stays one record
    assert len(error_records("ERROR nova.compute.manager [req-1] Instance failed\n"
                             "  [instance: 1] while spawning\n")) == 1
