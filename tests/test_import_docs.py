"""manage.py import_docs: RST and Markdown, never silent, bad values as warnings."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kb.models import Document, Issue, Signature, UpstreamLink
from kb.rst import parse_bytes, parse_file
from kb.rst.doctree import MAX_PATH_CHARS
from kb.slugs import COLUMN_LENGTH
from tests.base import CUT, CUT_AFTER_A_SPACE

TWINS = Path(__file__).resolve().parent / "data" / "twins"

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_docs", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def comparable(document):
    return [
        (i.slug, i.title, i.structure, i.symptoms, i.root_cause, i.solution, i.workaround,
         sorted(s.text for s in i.signatures), [link.url for link in i.upstream])
        for i in document.issues
    ]


def test_it_reads_a_markdown_runbook_as_its_rst_twin():
    rst = parse_file(str(TWINS / "runbook.rst"))
    markdown = parse_file(str(TWINS / "runbook.md"))
    assert len(rst.issues) == 3
    assert comparable(markdown) == comparable(rst)


def test_it_imports_rst_and_markdown_from_one_directory(tmp_path):
    for name in ("runbook.rst", "runbook.md"):
        (tmp_path / name).write_bytes((TWINS / name).read_bytes())
    out, _ = run(str(tmp_path))
    assert out.count("3 created") == 2
    assert "2 document(s): 0 refused, 0 with no issue recognised" in out


def test_a_folders_readme_sources_licence_and_changelog_are_skipped_unless_named(tmp_path):
    """A folder of runbooks holds its README, SOURCES, LICENSE and CHANGELOG beside them: they
    were imported as documents (the SOURCES.md of each tests/data/gathered* folder would be)."""
    (tmp_path / "runbook.md").write_bytes((TWINS / "runbook.md").read_bytes())
    notes = ["README.md", "readme.rst", "SOURCES.md", "LICENSE.md", "CHANGELOG.rst"]
    for name in notes:
        (tmp_path / name).write_bytes((TWINS / "runbook.md").read_bytes())  # would make issues
    (tmp_path / "readmes-of-nova.md").write_bytes((TWINS / "runbook.md").read_bytes())  # a runbook
    out, _ = run(str(tmp_path))
    assert "2 document(s): 0 refused, 0 with no issue recognised" in out
    assert "skipped 5 file(s) that are a folder's notes, not runbooks" in out
    assert all(name in out for name in notes)
    names = sorted(path.rsplit("/", 1)[-1] for path in Document.objects.values_list("path", flat=True))
    assert names == ["readmes-of-nova.md", "runbook.md"]
    out, _ = run(str(tmp_path / "README.md"))  # named on the command line: imported
    assert "1 document(s): 0 refused" in out and "skipped" not in out
    assert Document.objects.filter(path__endswith="README.md").exists()


def test_it_says_why_a_document_has_no_issue(tmp_path):
    path = tmp_path / "setup.rst"
    path.write_text("Setup\n=====\n\nInstall the packages.\n\nGlossary\n--------\n\nA word.\n")
    out, _ = run(str(path))
    assert "0 created" in out
    assert "no issue recognised in 2 section(s)" in out and "Setup, Glossary" in out
    assert "1 with no issue recognised" in out
    with pytest.raises(CommandError, match="no issue recognised"):
        run("--strict", str(path))


def test_its_dry_run_json_says_per_section_why_it_is_not_an_issue(tmp_path):
    out, _ = run("--dry-run", "--format", "json", str(TWINS / "runbook.rst"))
    sections = json.loads(out)["documents"][0]["sections"]
    by_title = {s["title"]: s for s in sections}
    assert by_title["Volumes stay in attaching"]["structure"] == "field_headings"
    assert by_title["Symptoms"]["reason"].startswith("part of the issue")
    assert by_title["Known issues"]["reason"].startswith("holds 1 issue(s) written as table")
    assert Issue.objects.count() == 0


LONG = "x" * 400


@pytest.mark.parametrize(
    ("rst", "rule"),
    [
        (f"Title\n=====\n\n{LONG}\n{'-' * 400}\n\nSymptoms\n~~~~~~~~\n\nIt breaks.\n", "title"),
        ("Title\n=====\n\nBroken\n------\n\n:status: totally bogus\n\n"
         "Symptoms\n~~~~~~~~\n\nIt breaks.\n",
         "status 'totally bogus' is not one of"),
        (f"Title\n=====\n\nBroken\n------\n\n:status: {'z' * 30}\n\n"
         "Symptoms\n~~~~~~~~\n\nIt breaks.\n",
         "is not one of"),
        ("Title\n=====\n\nBroken\n------\n\nSymptoms\n~~~~~~~~\n\nIt breaks.\n\n"
         "Upstream issues\n~~~~~~~~~~~~~~~\n\n"
         f"* https://bugs.example.org/{'a' * 600}\n", "link"),
        ("Title\n=====\n\nBroken\n------\n\nSymptoms\n~~~~~~~~\n\nIt breaks.\n\n"
         "Log signatures\n~~~~~~~~~~~~~~\n\n"
         "::\n\n    ab\n", "Too generic"),
    ],
)
def test_it_imports_long_and_invalid_values_with_a_warning(tmp_path, rst, rule):
    path = tmp_path / "fuzz.rst"
    fine = "\nFine\n----\n\nSymptoms\n~~~~~~~~\n\nIt works now.\n\nSolution\n~~~~~~~~\n\nNothing.\n"
    path.write_text(rst + fine)
    out, _ = run(str(path))
    assert rule in out
    assert "fuzz.rst" in out and "line " in out
    assert Issue.objects.filter(title="Fine").exists()
    assert not Signature.objects.filter(text="ab").exists()
    assert all(len(u.url) <= 500 for u in UpstreamLink.objects.all())
    assert all(i.status in Issue.Status.values for i in Issue.objects.all())


def test_it_never_takes_a_signature_from_a_disabled_raw_directive():
    text = (b"Broken\n======\n\nThe upload fails with an error.\n\n.. raw:: html\n\n"
            b"   <p>ERROR nova.compute.manager Instance failed to spawn: disk error</p>\n\n"
            b"This is caused by a full disk. To resolve this, free space.\n")
    document = parse_bytes("raw.rst", text)
    assert document.issues
    assert not any("spawn" in s.text for s in document.issues[0].signatures)


def test_it_makes_placeholders_of_example_values_and_joins_wrapped_uuids():
    text = (b"Attach fails\n============\n\nThe attach fails with::\n\n"
            b"    ERROR nova.compute Failed to attach volume 6f6a6a9c-dfcf-4c8d-\n"
            b"    b1a8-4445ff883200 on compute-01.example.com: 10 GB free\n\n"
            b"This happens because the volume host is down. To fix this, restart it.\n")
    issue = parse_bytes("wrap.rst", text).issues[0]
    assert [s.text for s in issue.signatures] == [
        "ERROR nova.compute Failed to attach volume <UUID> on <*>: <NUM> free"
    ]


def test_it_keeps_one_signature_per_record_and_no_routine_lines_frames_or_commands():
    text = (b"Spawn fails\n===========\n\nNova logs::\n\n"
            b"    $ openstack server create --image cirros vm1\n"
            b"    2026-01-01 10:00:00.000 12 INFO nova.compute.manager Starting instance\n"
            b"    2026-01-01 10:00:01.000 12 WARNING nova.compute.manager Disk is nearly full\n"
            b"    2026-01-01 10:00:02.000 12 ERROR nova.compute.manager Instance failed to spawn\n"
            b"    Traceback (most recent call last):\n"
            b'      File "/usr/lib/nova/manager.py", line 10, in spawn\n'
            b"        self.driver.spawn()\n"
            b"    nova.exception.DiskFull: Disk is full\n\n"
            b"This is caused by a full disk. To fix this, free some space.\n")
    issue = parse_bytes("spawn.rst", text).issues[0]
    # (the example's time and pid are cut: test_it_cuts_the_examples_time_and_pid_...)
    assert [s.text for s in issue.signatures] == [
        "WARNING nova.compute.manager Disk is nearly full",
        "ERROR nova.compute.manager Instance failed to spawn",
        "nova.exception.DiskFull: Disk is full",
    ]


def test_a_traceback_whose_every_line_carries_a_log_prefix_gives_its_exception_line_not_its_frames():
    # atmosphere's troubleshooting guide (tests/data/gathered5, "Listener with provisioning_status
    # stuck in ERROR") quotes an octavia-worker traceback with "ERROR oslo_messaging.rpc.server" on
    # every line; each frame became a signature, so "res = self.dispatcher.dispatch(message)", in
    # every oslo.messaging RPC traceback, made any of them a confident match of that issue.
    rpc = b"    ERROR oslo_messaging.rpc.server "
    error = b"octavia.amphorae.drivers.haproxy.exceptions.InternalServerError"
    text = (b"Listener stuck in ERROR\n=======================\n\n"
            b"You will see the following inside the octavia-worker logs:\n\n.. code-block:: text\n\n"
            + rpc + b"[None req-ad303faf-7a53-4c55-94a5-28cd61c46619 - e838 - - - -] "
            b"Exception during message handling: " + error + b"\n"
            + rpc + b"Traceback (most recent call last):\n"
            + rpc + b'  File "/usr/lib/oslo_messaging/rpc/server.py", line 165, in _process_incoming\n'
            + rpc + b"    res = self.dispatcher.dispatch(message)\n"
            + rpc + b'  File "/usr/lib/octavia/exceptions.py", line 44, in check\n'
            + rpc + b"    raise responses[status_code]()\n"
            + rpc + error + b": Internal Server Error\n\n"
            b"This is usually caused by an expired TLS certificate. To fix this, renew it.\n")
    issue = parse_bytes("octavia.rst", text).issues[0]
    texts = [s.text for s in issue.signatures]
    assert not [t for t in texts if "dispatch(message)" in t or "File " in t or "Traceback" in t or
                "raise responses" in t], texts
    assert (rpc + error + b": Internal Server Error").decode().strip() in texts


def test_it_takes_an_error_quoted_inline_as_a_signature():
    text = (b"Scheduling fails\n================\n\n"
            b"Boots fail with ``No valid host was found for the request``.\n\n"
            b"This happens because every compute is full. To fix this, add capacity.\n")
    issue = parse_bytes("inline.rst", text).issues[0]
    assert "No valid host was found for the request" in [s.text for s in issue.signatures]


def test_the_text_between_two_quotations_is_no_quoted_error():
    # designate's "I have a broken zone" (tests/data/gathered4): 'status can be "ERROR" if
    # ... or it can be stuck in "PENDING"' once gave the words between the quotes.
    from kb.rst.signatures import inline_errors

    assert inline_errors('Its status can be "ERROR" if it detected the error condition or '
                         'it can be stuck in "PENDING" for a long time.') == []


def test_a_message_called_so_is_a_signature_and_its_elisions_are_placeholders():
    # coredns plugin/loop README (tests/data/gathered4): no error word in the message itself.
    text = (b"Troubleshooting\n===============\n\n"
            b"When the logs contain the message ``Loop ... detected ...``, this means that a "
            b"forwarding loop was found. To fix this, remove the forward to itself.\n")
    issue = parse_bytes("named.rst", text).issues[0]
    assert [s.text for s in issue.signatures] == ["Loop <*> detected <*>"]


def test_bold_labels_name_the_fields_and_an_announced_error_is_still_a_symptom():
    # cluster-api troubleshooting.md (tests/data/gathered4): "**Cause:** ... **Fix:** ...".
    text = (b"# Join fails after an upgrade\n\nThe rollout gets stuck.\n\n"
            b"**Cause:** these releases need a new role binding.\n\n"
            b"Without it the logs will show errors similar to:\n\n"
            b"```\nunable to upgrade connection: Forbidden (user=kubelet-client)\n```\n\n"
            b"**Fix:** upgrade the controller first.\n")
    issue = parse_bytes("labels.md", text).issues[0]
    # The labels name the fields as headings would (branch i2; they were read as cue words
    # before, the label kept in the text).
    assert issue.structure == "field_headings"
    assert issue.root_cause.startswith("these releases need")
    assert issue.solution == "upgrade the controller first."
    assert [s.text for s in issue.signatures] == [
        "unable to upgrade connection: Forbidden (user=kubelet-client)"]


def test_a_list_that_finishes_a_failure_with_its_conditions_gives_the_causes():
    # cluster-api troubleshooting.md (tests/data/gathered4)
    text = (b"# Provisioning issues\n\nWith the Docker provider, provisioning might be stuck:\n\n"
            b"1. if there are stopped containers on your machine from previous runs.\n"
            b"2. if the Docker space on your disk is being exhausted.\n")
    issue = parse_bytes("conditions.md", text).issues[0]
    assert issue.root_cause.startswith("1. if there are stopped containers")
    # A list of remedies, each under its condition, is not one of causes.
    text = text.replace(b"1. if", b"1. If you see it, remove").replace(b"2. if", b"2. If")
    assert not any(i.root_cause.startswith("1.") for i in parse_bytes("remedies.md", text).issues)


@pytest.mark.parametrize("sentence", [
    # manila, velero, ceph-csi, designate (tests/data/gathered4)
    "If a share type contains invalid extra specs, the scheduler will not be able to locate a valid host.",
    "The server will not start if the required Custom Resource Definitions are not found.",
    "Mounts managed by ceph-fuse may get corrupted by e.g. the ceph-fuse process exiting abruptly.",
    "Transient network issues can be the cause of a broken zone.",
    "There may be differences between their implementation and the official API that cause errors.",
    "The OS may run into inotify limits which prevent new nodes from being provisioned.",  # cluster-api
    "By default, a new share does not have any active access rules.",  # manila
    "Velero doesn't handle the conflict by design.",  # velero
    # ironic-inspector user/troubleshooting.rst (tests/data/gathered7)
    "One potential explanation for such an error is a misconfiguration in the BMC.",
])
def test_it_reads_a_failure_under_a_condition_as_a_cause(sentence):
    from kb.rst import cues

    assert cues.CAUSE_EXPLICIT.search(sentence)


def test_a_block_labelled_as_configuration_or_a_diagram_gives_no_signature():
    # cert-manager's webhook page (tests/data/gathered): an ASCII diagram of timeouts.
    text = (b"# Webhook calls fail\n\nThe errors behind the message look like this:\n\n"
            b"```diagram\n  30 seconds  |\n  timeout     v\n```\n\n"
            b"```yaml\nerror: timeout exceeded on purpose\n```\n\n"
            b"This happens because the webhook is unreachable. To fix this, open port 10250.\n")
    assert parse_bytes("diagram.md", text).issues[0].signatures == []


def test_a_condition_seen_in_a_procedure_step_is_an_issue_beside_it():
    # velero troubleshooting.md (tests/data/gathered4): step 1 of a credentials checklist.
    text = (b"# Troubleshooting credentials\n\n1. Confirm that the plugin supports multiple credentials.\n\n"
            b"   If the logs contain the error message `\"config has invalid keys credentialsFile\"`, "
            b"the version of your plugin does not yet support multiple credentials.\n\n"
            b"   Please update your plugin to the latest version.\n")
    issue = parse_bytes("step.md", text).issues[0]
    assert [s.text for s in issue.signatures] == ["config has invalid keys credentialsFile"]
    assert issue.root_cause.startswith("the version of your plugin does not yet support")
    assert issue.solution == "Please update your plugin to the latest version."


def test_prompts_and_left_out_lines_are_no_records():
    # ceph-csi's mount corruption page and prometheus-operator's GKE error (tests/data/gathered4)
    from kb.rst.signatures import error_records

    assert error_records("# mount | grep ceph\n10.0.0.1:/volumes/csi on /mnt type ceph (rw)\n"
                         "sh-4.4# ls /mnt/globalmount\nls: cannot access '/mnt/globalmount': "
                         "Permission denied\n") == ["ls: cannot access '/mnt/globalmount': Permission denied"]
    wrapped = ('<....>\nError from server (Forbidden): error when creating\n"role.yaml":\n'
               'clusterroles "operator" is forbidden: attempt to grant extra privileges:\n<....>\n')
    assert error_records(wrapped) == [
        'Error from server (Forbidden): error when creating "role.yaml": clusterroles "operator" is '
        'forbidden: attempt to grant extra privileges:']


def test_a_question_asking_how_to_troubleshoot_is_no_issue_and_a_quoted_title_is_a_signature():
    text = (b"# FAQ\n\n## The server is unable to connect to my cluster, how do I troubleshoot it?\n\n"
            b"Use the following steps to rebuild the cluster config and connect manually:\n\n"
            b"```bash\nkubectl get pods\n```\n\nNow you can verify that the cluster is accessible.\n\n"
            b"## Why Am I Getting `rpc error: code = Unavailable desc = transport is closing`?\n\n"
            b"Maybe you're behind a proxy that does not support HTTP 2? Try the `--grpc-web` flag.\n")
    issues = parse_bytes("faq.md", text).issues
    assert [i.title for i in issues] == [
        "Why Am I Getting rpc error: code = Unavailable desc = transport is closing?"]
    assert [s.text for s in issues[0].signatures] == [
        "rpc error: code = Unavailable desc = transport is closing"]
    assert "Try the `--grpc-web` flag." in issues[0].solution


def test_a_wish_in_the_first_person_is_no_complaint_to_explain():
    text = (b"# FAQ\n\n## I want to run two clusters on one machine\n\n"
            b"Create a second profile with its own name, then start it.\n\n"
            b"## I deleted a zone but it's still in the database\n\n"
            b"Deleted zones are flagged with a status of DELETED once the deletion finishes.\n")
    issues = parse_bytes("wish.md", text).issues
    assert [i.title for i in issues] == ["I deleted a zone but it's still in the database"]
    assert issues[0].root_cause.startswith("Deleted zones are flagged")


def test_a_list_of_the_reasons_for_an_issue_is_its_cause_not_a_list_of_issues():
    text = (b"Troubleshooting\n===============\n\nVolume stuck in attaching state\n"
            b"-------------------------------\n\nThe possible reasons for this issue:\n\n"
            b"* The storage backend cannot reach the compute host, so the attachment is never confirmed.\n"
            b"* A bug in the volume agent. You should see an error in its log.\n\n"
            b"Restart the volume agent once the network is back.\n")
    issues = parse_bytes("reasons.rst", text).issues
    assert [i.title for i in issues] == ["Volume stuck in attaching state"]
    assert "cannot reach the compute host" in issues[0].root_cause


def test_a_wish_not_to_have_something_is_no_complaint_but_a_wish_that_fails_is():
    text = (b"# FAQ\n\n## I don't need metrics on the bus. How do I turn them off?\n\n"
            b"Metrics can be turned off with the `null` exporter in the configuration file.\n\n"
            b"## I want to mount the share but the mount fails with a timeout\n\n"
            b"The firewall drops the NFS port; open port 2049 on the server.\n")
    issues = parse_bytes("wish.md", text).issues
    assert [i.title for i in issues] == ["I want to mount the share but the mount fails with a timeout"]


def test_sections_each_titled_by_a_failure_are_issues_not_parts_of_their_parents():
    text = (b"## Failed to deliver alerts\n\n"
            b"### receiver 'xxxx' is not supported\n\n"
            b"Caused by a receiver missing from the configuration map; add it there.\n\n"
            b"### Webhook URL does not have a scheme\n\n"
            b"Likely caused by a template that renders an empty host. Set the host in the template.\n")
    issues = parse_bytes("errors.md", text).issues
    assert [i.title for i in issues] == ["receiver 'xxxx' is not supported",
                                         "Webhook URL does not have a scheme"]
    assert "empty host" in issues[1].root_cause


def test_a_fear_in_the_first_person_is_no_complaint_but_a_fear_of_a_failure_seen_is():
    text = (b"# FAQ\n\n## I'm worried the operator will delete my volumes\n\n"
            b"Since v2 the operator keeps an ownership label and never touches volumes it does not own.\n\n"
            b"## I'm worried because the operator crashes on start\n\n"
            b"It crashes when the CRDs are missing; install them first.\n")
    issues = parse_bytes("fear.md", text).issues
    assert [i.title for i in issues] == ["I'm worried because the operator crashes on start"]


def test_a_list_of_log_messages_each_with_its_meaning_gives_an_issue_per_message():
    text = (b"# Operations\n\n## Log messages\n\n"
            b"* `failed to open state file` - the agent cannot read /var/lib/agent/state.json. "
            b"To fix this, restore it from the backup.\n"
            b"* `lease not renewed` - The datastore is unreachable from this node.\n\n"
            b"## Flags\n\n* `--iface` - the interface to use\n* `--port` - the port to listen on\n")
    issues = parse_bytes("messages.md", text).issues
    assert [i.title for i in issues] == ["failed to open state file", "lease not renewed"]
    assert issues[0].root_cause.startswith("the agent cannot read")
    assert "restore it from the backup" in issues[0].solution
    assert [s.text for s in issues[1].signatures] == ["lease not renewed"]


def test_a_list_of_code_items_announced_as_errors_quotes_them():
    text = (b"# Agent\n\n## Privileges\n\n"
            b"The agent must run as root to create tunnel devices. If you see errors similar to the "
            b"following, confirm that the agent has the right permissions "
            b"(or try running it with `sudo`).\n\n"
            b"* `Error adding tunnel...`\n* `Failed to program routes: operation not permitted`\n\n"
            b"## Commands\n\nThe commands below list the routes.\n\n* `ip route`\n* `ip link`\n")
    issues = parse_bytes("listed.md", text).issues
    assert [i.title for i in issues] == ["Privileges"]
    assert [s.text for s in issues[0].signatures] == [
        "Error adding tunnel", "Failed to program routes: operation not permitted"]


def test_a_body_saying_how_a_failure_shows_states_it_under_a_topic_title():
    text = (b"# Agent\n\n## Routing\n\n"
            b"Since kernel 6.1 the default reverse-path filter is strict. This problem manifests itself as "
            b"dropped replies between pods on different hosts. To resolve it, set rp_filter to loose.\n\n"
            b"## Tunnels\n\nThe agent creates one tunnel per peer. To change the port, set `--port`.\n")
    issues = parse_bytes("shows.md", text).issues
    assert [i.title for i in issues] == ["Routing"]


def test_a_body_saying_what_a_setting_may_lead_to_states_the_failure():
    text = (b"# Agent\n\n## Hypervisors\n\n"
            b"Some hypervisors give every guest the same first address. This may lead to problems with "
            b"the agent, which picks the first interface. To prevent this issue, pass `--iface=eth1`.\n\n"
            b"## Interfaces\n\nThe agent picks the first interface. To pick another, pass `--iface`.\n")
    issues = parse_bytes("leads.md", text).issues
    assert [i.title for i in issues] == ["Hypervisors"]


def test_an_opening_saying_what_can_go_wrong_and_when_states_the_failure():
    text = (b"# Agent\n\n## Offload\n\n"
            b"When the host sits behind a load balancer, the tunnel checksums can be corrupted. "
            b"In that case, try running `ethtool -K tun0 tx off` to avoid corrupted checksums.\n\n"
            b"## Ports\n\nWhen the agent starts, it can be reached on port 8472. "
            b"To change it, set `--port`.\n")
    issues = parse_bytes("when.md", text).issues
    assert [i.title for i in issues] == ["Offload"]


def test_a_glog_info_record_is_no_signature():
    from kb.rst.signatures import error_records

    assert error_records('I0608 controller.go:156] "msg"="failed to determine ca data source"') == []


def test_the_issue_list_filters_issues_read_from_prose(client):
    run(str(TWINS / "runbook.rst"))
    Issue.objects.filter(structure="question_headings").update(needs_review=True)
    page = client.get("/issues/?review=true")
    assert page.status_code == 200
    assert "Why do backups hang at 0%?" in page.content.decode()
    assert "Volumes stay in attaching" not in page.content.decode()
    api = client.get("/api/issues/?review=false").json()
    titles = [i["title"] for i in api.get("results", api)]
    assert "Volumes stay in attaching" in titles and "Why do backups hang at 0%?" not in titles


def test_the_api_imports_a_markdown_runbook_and_says_why_a_document_holds_no_issue(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.base import make_token, token_header

    files = [SimpleUploadedFile("runbook.md", (TWINS / "runbook.md").read_bytes()),
             SimpleUploadedFile("notes.md", b"# Notes\n\nNothing here.\n")]
    body = client.post("/api/import", {"file": files}, **token_header(make_token(write=True))).json()
    summaries = {f["file"]: f["summary"] for f in body["files"]}
    assert len(summaries["runbook.md"]["created"]) == 3
    assert summaries["notes.md"]["warnings"][0].startswith("no issue recognised in 1 section(s)")
    issue = client.get("/api/issues/volumes-stay-in-attaching/").json()
    assert (issue["structure"], issue["needs_review"]) == ("field_headings", False)


def test_it_reads_rubrics_as_field_markers():
    text = (b"Replication stops\n=================\n\n.. rubric:: Scenario\n\n"
            b"A joining node never finishes its state transfer and logs::\n\n"
            b"    2026-10-25T09:22:24Z 0 [ERROR] WSREP: Requesting state transfer failed: -11\n\n"
            b".. rubric:: Work-Around\n\nRestart the donor with a larger gcache.\n\n"
            b".. rubric:: Solution\n\nUpgrade every node to the same release.\n")
    issue = parse_bytes("rubric.rst", text).issues[0]
    assert (issue.structure, issue.needs_review) == ("rubric", False)
    assert "never finishes" in issue.symptoms
    assert issue.workaround == "Restart the donor with a larger gcache."
    assert issue.solution == "Upgrade every node to the same release."
    assert [s.text for s in issue.signatures] == [
        "[ERROR] WSREP: Requesting state transfer failed: -11"]


def test_it_shortens_a_long_heading_around_an_issue_instead_of_losing_the_issue(tmp_path):
    path = tmp_path / "long.rst"
    path.write_text(f"{'P' * 260}\n{'=' * 260}\n\nBroken\n------\n\nSymptoms\n~~~~~~~~\n\nIt breaks.\n")
    out, _ = run(str(path))
    assert "environment of 'broken' cut to 200 characters" in out
    assert Issue.objects.get(title="Broken").environment == "P" * 200


def test_it_drops_a_fixed_in_longer_than_its_column_and_keeps_the_issue(tmp_path):
    path = tmp_path / "fixed.rst"
    path.write_text(f"Broken\n======\n\n:fixed-in: {'2024.1 ' * 40}\n\nSymptoms\n--------\n\nIt breaks.\n")
    out, _ = run(str(path))
    assert "fixed-in of 'broken' dropped: longer than 200 characters" in out
    assert Issue.objects.get(title="Broken").fixed_in == ""


def test_it_drops_a_release_read_from_the_fix_that_is_longer_than_its_column(tmp_path):
    # _validated checked the stated `:fixed-in:` only; the one read from the fix went to the
    # column unchecked (252 characters on SQLite, a database error stopping the batch on PostgreSQL).
    path = tmp_path / "fixed.rst"
    path.write_text("Broken\n======\n\nSymptoms\n--------\n\nIt breaks.\n\n"
                    f"Solution\n--------\n\nThis is fixed in 1.{'9' * 250} and later.\n")
    out, _ = run(str(path))
    assert "fixed-in of 'broken' dropped: longer than 200 characters" in out
    assert Issue.objects.get(title="Broken").fixed_in == ""


def test_a_stated_release_too_long_for_its_column_gives_way_to_the_one_read_from_the_fix(tmp_path):
    path = tmp_path / "fixed.rst"
    path.write_text(f"Broken\n======\n\n:fixed-in: {'2024.1 ' * 40}\n\nSymptoms\n--------\n\nIt breaks.\n\n"
                    "Solution\n--------\n\nUpgrade: this is fixed in Newton.\n")
    run(str(path))
    assert Issue.objects.get(title="Broken").fixed_in == "Newton"


def test_the_slugs_an_import_settles_are_valid_for_their_column(tmp_path):
    # _validated checks a slug before _existing_all settles it: the settled one must fit too,
    # here the longest an author may state, taken by two documents before, under long names.
    stated = "a" * COLUMN_LENGTH
    for n in range(3):
        path = tmp_path / f"{'x' * 120}{n}.rst"
        path.write_text(f"Broken\n======\n\n:slug: {stated}\n\nSymptoms\n--------\n\nIt breaks.\n\n"
                        f"Other\n=====\n\n:slug: {stated}\n\nSymptoms\n--------\n\nIt breaks too.\n")
        run(str(path))
    assert Issue.objects.count() == 6
    for issue in Issue.objects.all():
        issue.full_clean(exclude=["document"])


def test_it_stores_a_signature_as_the_model_validated_it(tmp_path):
    # _validated checked a stripped copy (Signature.clean() strips) and the raw text was stored:
    # the cut line kept its space, a second signature beside the line it only repeats.
    path = tmp_path / "cut.rst"
    path.write_text(CUT_AFTER_A_SPACE)
    run(str(path))
    assert len(CUT) == 499
    assert list(Signature.objects.values_list("text", flat=True)) == [CUT]
    run(str(path))  # and a re-import finds it as it is
    assert list(Signature.objects.values_list("text", flat=True)) == [CUT]


def test_a_file_whose_path_is_longer_than_a_documents_is_refused(tmp_path):
    # Document.path holds 500 characters; sync wrote a longer one unchecked (stored whole on
    # SQLite, a database error on PostgreSQL). Uploads cannot reach it: Django cuts their
    # names to 255 characters.
    deep = tmp_path / ("d" * 200) / ("e" * 200) / ("f" * 100)
    deep.mkdir(parents=True)
    (deep / "long.rst").write_text("Broken\n======\n\nSymptoms\n--------\n\nIt breaks.\n")
    (tmp_path / "short.rst").write_text("Fine\n====\n\nSymptoms\n--------\n\nIt works.\n")
    with pytest.raises(CommandError, match="1 of 2 file"):
        run(str(deep / "long.rst"), str(tmp_path / "short.rst"))
    assert list(Issue.objects.values_list("title", flat=True)) == ["Fine"]
    assert Document._meta.get_field("path").max_length == MAX_PATH_CHARS


def test_its_error_says_what_became_of_the_other_files(tmp_path):
    good = tmp_path / "good.rst"
    good.write_bytes((TWINS / "runbook.rst").read_bytes())
    empty = tmp_path / "setup.rst"
    empty.write_text("Setup\n=====\n\nInstall the packages.\n")
    flattened = tmp_path / "flat.rst"
    flattened.write_text("Title " * 300 + "\n")
    # every file refused: there are no others to speak of
    with pytest.raises(CommandError) as refused:
        run(str(flattened))
    assert str(refused.value) == "1 of 1 file(s) refused"
    # a dry run writes nothing, and says so
    with pytest.raises(CommandError) as dry:
        run("--dry-run", "--strict", str(good), str(empty))
    assert str(dry.value).endswith("the others were checked (dry run: nothing written)")
    assert Issue.objects.count() == 0
    with pytest.raises(CommandError) as real:
        run("--strict", str(good), str(empty), str(flattened))
    assert str(real.value).endswith("; the others were imported")
    assert Issue.objects.count() == 3


ADMONITION_RST = """Operator
========

Pods crash after the upgrade
----------------------------

The operator pods restart in a loop after an upgrade.

.. warning::

   This happens when the CRDs were not updated.

   To fix it, apply the new CRDs first.
"""
CAUSE, FIX = "This happens when the CRDs were not updated.", "To fix it, apply the new CRDs first."
ADMONITION_MARKDOWN = {
    "mkdocs": f"!!! warning\n    {CAUSE}\n\n    {FIX}\n",
    "github": f"> [!WARNING]\n> {CAUSE}\n>\n> {FIX}\n",
    "docusaurus": f":::warning\n\n{CAUSE}\n\n{FIX}\n\n:::\n",
    "hugo": f"{{{{< warning >}}}}\n{CAUSE}\n\n{FIX}\n{{{{< /warning >}}}}\n",
}


@pytest.mark.parametrize("dialect", sorted(ADMONITION_MARKDOWN))
def test_a_markdown_admonition_is_read_as_its_rst_twin(dialect):
    """MkDocs (`!!! warning` over a body indented four spaces: rook's ceph-common-issues.md,
    gathered2), GitHub alerts, Docusaurus and Hugo admonitions are prose, as `.. warning::` is:
    CommonMark alone reads the MkDocs body as a code block (a 'quoted error' holding the fix)."""
    markdown = ("# Operator\n\n## Pods crash after the upgrade\n\n"
                "The operator pods restart in a loop after an upgrade.\n\n" + ADMONITION_MARKDOWN[dialect])
    rst = parse_bytes("upgrade.rst", ADMONITION_RST.encode())
    md = parse_bytes("upgrade.md", markdown.encode())
    assert comparable(md) == comparable(rst)
    assert md.issues[0].root_cause.startswith("> **Warning:** This happens when the CRDs were not updated.")
    assert md.issues[0].signatures == []


def test_a_hugo_code_shortcode_is_a_code_block():
    """kind's known-issues.md (gathered): `{{< codeFromInline lang="bash" >}}` ... closes a
    command block, not a paragraph of prose."""
    text = (b"# Kind\n\n## Pods fail with too many open files\n\nThis is caused by low inotify limits. "
            b"To fix this, raise them:\n\n{{< codeFromInline lang=\"bash\" >}}\n"
            b"sudo sysctl fs.inotify.max_user_watches=524288\n{{< /codeFromInline >}}\n")
    issue = parse_bytes("kind.md", text).issues[0]
    # ("To fix this, raise them:" announces the command: it is the fix's, gathered20's rule)
    assert "```bash\nsudo sysctl fs.inotify.max_user_watches=524288\n```" in issue.solution
    assert "{{" not in issue.symptoms + issue.solution


def test_an_unlabelled_yaml_block_is_configuration_not_a_failure_record():
    """stratos's cf-troubleshooting.md (tests/data/gathered8; cloudfoundry/stratos at 2a076063):
    under 'Console fails to start', '#### Setting the `CF_API_URL` env variable in the manifest'
    shows a manifest whose 'timeout: 180' is a setting. The block is no quoted failure, so the
    section is no case of its own but the fix of the failure above it."""
    from kb.rst.signatures import error_records, is_yaml

    manifest = "applications:\n- name: console\n  timeout: 180\n  env:\n    CF_API_URL: https://api\n"
    assert is_yaml(manifest)
    assert not is_yaml("Error: timed out\nwaiting: for the condition\nretry: 3")  # no nesting: a log
    assert error_records("ERROR nova.compute: timeout: 180 seconds exceeded")
    text = (b"# CF\n\n## Console fails to start\n\nThe console relies on the `cf_api` value.\n\n"
            b"#### Setting the `CF_API_URL` env variable in the manifest\n\nAdd it to the manifest:\n\n"
            b"```\n" + manifest.encode() + b"```\n")
    issues = parse_bytes("cf.md", text).issues
    assert [i.title for i in issues] == ["Console fails to start"]
    assert "CF_API_URL" in issues[0].solution and issues[0].signatures == []


def test_what_may_cause_the_failures_named_is_a_cause():
    """secrets-store-csi-driver troubleshooting.md (tests/data/gathered8): 'Some Kubernetes
    distros ... use a custom `kubeletRootDir` path. This may cause errors such as volume mount
    failures ...' names the cause of the message its heading quotes."""
    from kb.rst import cues

    assert cues.states_cause("This may cause errors such as volume mount failures.")
    assert cues.states_cause("A slow network can also cause this issue.")
    assert not cues.states_cause("This may take a few minutes.")


@pytest.mark.parametrize("sentence, remedy", [
    # cluster-api-provider-azure's self-managed/troubleshooting.md (tests/data/gathered5)
    ("Follow the these steps. Alternatively, you can specify another Azure location.", True),
    ("Follow these instructions to raise the quota.", True),
    ("Alternatively, you could use a smaller VM size.", True),
    ("Follow the logs of the controller.", False),
])
def test_a_remedy_by_pointer_or_offered_as_an_alternative(sentence, remedy):
    from kb.rst import cues

    assert cues.states_remedy(sentence) is remedy


def test_it_drops_every_component_name_too_long_for_its_column_with_the_models_words(tmp_path):
    # Component names are checked once per name (kb.sync._component_rules): each issue naming
    # the long one still gets its own warning, in Component's own words, and keeps the rest.
    from django.core.exceptions import ValidationError

    from kb.models import Component

    long_name = "c" * 61
    path = tmp_path / "components.rst"
    path.write_text("".join(f"Broken {n}\n=========\n\n:components: nova, {long_name}\n\n"
                            f"Symptoms\n--------\n\nIt breaks {n}.\n\n" for n in (1, 2)))
    out, _ = run(str(path))
    with pytest.raises(ValidationError) as rules:
        Component(name=long_name).clean_fields()
    words = "; ".join(f"{f}: {' '.join(m)}" for f, m in rules.value.message_dict.items())
    for slug in ("broken-1", "broken-2"):
        assert f"component {long_name[:60]!r} of {slug!r} dropped: {words}" in out
        assert [c.name for c in Issue.objects.get(slug=slug).components.all()] == ["nova"]


def test_a_consequence_of_a_condition_and_a_fault_suspected_are_causes():
    """metal3-docs' troubleshooting.md (tests/data/gathered20): "If the host cannot communicate
    with Ironic, it will result in a timeout." and "BMC credentials may be incorrect or
    missing." name what brings the failure under their headings."""
    from kb.rst import cues

    assert cues.states_cause("If the host cannot communicate with Ironic, it will result in a timeout.")
    assert cues.states_cause("BMC credentials may be incorrect or missing. These issues appear in Events.")
    # an example of what may go wrong in general is no cause (cluster-api, tests/data/gathered4)
    assert not cues.states_cause("Failures during Node bootstrapping can have a lot of different causes. "
                                 "For example, Cluster API resources might be misconfigured.")
    text = (b"# Troubleshooting\n\n## BMH registration errors\n\n"
            b"BMC credentials may be incorrect or missing. These issues appear in the status.\n\n"
            b"```text\nNormal  RegistrationError  23s  metal3-baremetal-controller  "
            b"Failed to get power state for node 67ac51af-a6b3. Error: Redfish exception occurred.\n```\n")
    issue = parse_bytes("bmh.md", text).issues[0]
    assert issue.title == "BMH registration errors"
    assert issue.root_cause.startswith("BMC credentials may be incorrect")


def test_a_faq_of_rootless_complaints_answered_by_one_step_each():
    """nerdctl's docs/faq.md (tests/data/gathered20): symptom headings answered by a setting
    ("Set sysctl value `k=v`"), a command to try, commands to run, or a bare "Solution:" label
    over a block; a how-to question is none."""
    from kb.rst import cues

    text = (b"# FAQ\n\n### nerdctl ignores `[plugins.\"cri\"]` config\n\n"
            b"Expected behavior, because nerdctl does not use CRI.\n\n"
            b"### Can't ping\n\nSet sysctl value `net.ipv4.ping_group_range=0 2147483647` .\n\n"
            b"### `nerdctl ps -a` does not show Kubernetes containers\n\n"
            b"Try `sudo nerdctl --namespace=k8s.io ps -a` .\n\n"
            b"### Error `failed to create shim task: unable to start unit`\n\n"
            b"Running a rootless container needs dbus running as a user session service.\n\n"
            b"Solution:\n```\nsystemctl --user start dbus\n```\n\n"
            b"### How to uninstall ? / Can't remove `~/.local/share/containerd`\n\n"
            b"Run the following commands:\n```\nrootlesskit rm -rf ~/.local/share/containerd\n```\n\n"
            b"### How to build an image for Kubernetes?\n\nRun the following command to build it:\n"
            b"```\nnerdctl build -t foo .\n```\n")
    assert cues.states_remedy("Run the following commands:")
    assert not cues.states_remedy("Run the following command to check the status:")
    issues = {i.title: i for i in parse_bytes("faq.md", text).issues}
    ignores = issues['nerdctl ignores [plugins."cri"] config']
    assert ignores.root_cause.startswith("Expected behavior, because")
    assert "ping_group_range" in issues["Can't ping"].solution
    assert "k8s.io" in issues["nerdctl ps -a does not show Kubernetes containers"].solution
    assert "rootlesskit rm" in issues["How to uninstall ? / Can't remove ~/.local/share/containerd"].solution
    shim = issues["Error failed to create shim task: unable to start unit"]
    assert "systemctl --user start dbus" in shim.solution and "Solution:" not in shim.solution
    assert "How to build an image for Kubernetes?" not in issues


def test_a_why_heading_without_its_question_mark_still_asks_about_a_discrepancy():
    """openebs zfs-localpv's docs/faq.md (tests/data/gathered20): "### 7. Why the ZFS volume
    size is different than the reqeusted size in PVC" asks, without "?", what causes a
    discrepancy; its answer is the cause. ("Why an odd number of members?" asks a rationale.)"""
    from kb.rst import cues

    assert cues.is_symptom_title("7. Why the ZFS volume size is different than the requested size in PVC")
    assert not cues.is_symptom_title("Why an odd number of cluster members?")
    assert not cues.is_symptom_title("How is nerdctl different from `docker` ?")
    text = (b"### 7. Why the ZFS volume size is different than the requested size in PVC\n\n"
            b"Here, we have to note that the size will be rounded off to the nearest Mi or Gi unit.\n")
    issue = parse_bytes("faq.md", text).issues[0]
    assert issue.root_cause.startswith("Here, we have to note that the size will be rounded")


def test_a_numbered_list_of_expected_failures_each_with_its_reason():
    """fuel-plugin-plumgrid's troubleshooting.rst (tests/data/gathered20): "Expected Failures"
    over numbered one-paragraph items, each a failure and its reason ("due to", ", as ...",
    "since ..."); the title is what goes wrong, up to the reason."""
    text = (b"Expected Failures\n-----------------\n\n"
            b"#. Some health checks are expected to fail due to the default networks being deleted.\n\n"
            b"#. *Check pacemaker status* will also fail on OVS checks, as OVS is not used here.\n\n"
            b"#. Using *fuel createmirror* is not supported since the plugin requires specific packages.\n")
    issues = parse_bytes("expected.rst", text).issues
    assert [i.title for i in issues] == [
        "Some health checks are expected to fail", "Check pacemaker status will also fail on OVS checks",
        "Using fuel createmirror is not supported"]
    assert all(i.structure == "known_issues" and i.root_cause for i in issues)
    # Numbered steps under the same title are no list of failures: one step names none.
    steps = text.replace(b"#. Using *fuel createmirror* is not supported since the plugin requires",
                         b"#. Then run the health checks again with")
    assert parse_bytes("steps.rst", steps).issues == []


def test_list_items_that_label_their_own_solution_are_issues_when_it_remedies():
    """fuel-plugin-plumgrid's troubleshooting.rst (tests/data/gathered20): "#. <symptom>" over
    "**Solution**" and its text; an item whose solution only says which logs to read is none."""
    text = (b"Troubleshooting\n===============\n\n"
            b"#. When PLUMgrid tasks fail during deployment.\n\n   **Solution**\n\n"
            b"   Determine what node it failed on from the logs, and check the logs under "
            b"/var/log/plumgrid .\n\n"
            b"#. A node is not visible in the PLUMgrid UI.\n\n   **Solution**\n\n"
            b"   Login to that node and check PLUMgrid services. Start if stopped:\n   ::\n\n"
            b"      service plumgrid start\n")
    document = parse_bytes("ts.rst", text)
    assert [i.title for i in document.issues] == ["A node is not visible in the PLUMgrid UI."]
    assert "service plumgrid start" in document.issues[0].solution
    assert any("When PLUMgrid tasks fail" in w and "only says what to look at" in w
               for w in document.warnings)


def test_a_failure_announcing_checks_that_remedy_what_they_find_is_one_issue():
    """fuel-plugin-influxdb-grafana's troubleshooting.rst (tests/data/gathered20): "If Grafana
    contains no data, use the following troubleshooting tips:" over checks, two of which remedy
    what they find ("If the InfluxDB service is not running, restart it"). Checks alone are a
    diagnostic procedure."""
    text = (b"Troubleshooting\n---------------\n\n"
            b"If Grafana contains no data, use the following troubleshooting tips:\n\n"
            b"#. Verify that the nodes are able to connect to the InfluxDB cluster.\n\n"
            b"#. If the InfluxDB service is not running, restart it:\n\n"
            b"   .. code-block:: console\n\n      root@node-1:~# service influxdb start\n")
    issue, = parse_bytes("ts.rst", text).issues
    assert issue.title == "Grafana contains no data"
    assert "Verify that the nodes" in issue.root_cause and "service influxdb start" in issue.solution
    checks = text.replace(b"#. If the InfluxDB service is not running, restart it:",
                          b"#. Verify that the InfluxDB service is running:")
    assert parse_bytes("checks.rst", checks).issues == []


def test_on_an_upgrade_paths_page_a_section_titled_by_a_removal_is_a_known_issue():
    """charm-guide's upgrade-2023.1-to-2023.2.rst (tests/data/gathered20): "FileStore support
    removal in Ceph Reef" under "Upgrade: 2023.1 to 2023.2"; a retirement note under the same
    kind of page (upgrade-ussuri-to-victoria.rst, tests/data/gathered3) is none."""
    page = (b"=========================\nUpgrade: 2023.1 to 2023.2\n=========================\n\n"
            b"This page contains notes specific to this upgrade path.\n\n"
            b"%s\n--------------------------------------\n\n"
            b"Ceph Reef has removed support for the OSD FileStore format.\n\n"
            b"Before upgrading, migrate all FileStore OSDs to BlueStore by following the upstream "
            b"documentation.\n")
    issue, = parse_bytes("upgrade.rst", page % b"FileStore support removal in Ceph Reef").issues
    assert issue.title == "FileStore support removal in Ceph Reef" and issue.structure == "known_issues"
    assert issue.root_cause and "by following the upstream documentation" in issue.solution
    assert parse_bytes("retired.rst", page % b"FileStore project retired").issues == []


def test_a_text_that_tells_a_failure_and_calls_its_remedy_the_solution_is_an_issue():
    """metal3-docs' troubleshooting.md (tests/data/gathered20): "## Power requests are issued
    for deleted hosts" states no failure in its title; its text does, and names the solution."""
    text = (b"# Troubleshooting\n\n## Power requests are issued for deleted hosts\n\n"
            b"A host is not deleted from Ironic in case of a forced deletion of its BareMetalHost. "
            b"Ironic will keep checking the power state of the host. The only solution is again "
            b"to delete the Ironic's internal database.\n\n"
            b"## Power requests are issued for hosts\n\nIronic checks the power state of the host. "
            b"The usual solution is to wait.\n")
    issue, = parse_bytes("metal3.md", text).issues
    assert issue.title == "Power requests are issued for deleted hosts"
    assert issue.solution.startswith("The only solution is")


@pytest.mark.parametrize("sentence", [
    # actions-runner-controller's TROUBLESHOOTING.md (tests/data/gathered20), its Problem fields
    "It has been confirmed that this is caused from the self-update process somehow.",
    "This issue can come up for various reasons like leftovers from previous installations.",
    "It takes several minutes for the container to be created, it might indicate that you are "
    "experiencing disk performance issue.",
    "If you are running many containers on your runner you might encounter an issue where docker "
    "daemon is unable to start new containers.",
])
def test_a_problem_field_saying_why_gives_the_cause(sentence):
    from kb.rst import cues

    assert cues.CAUSE_EXPLICIT.search(sentence)
    text = (f"# Runbook\n\n### Delay in jobs\n\n**Problem**\n\n{sentence}\n\n**Solution**\n\n"
            f"Disable the self-update process.\n").encode()
    issue, = parse_bytes("arc.md", text).issues
    assert issue.root_cause == sentence


def test_options_offered_to_the_reader_are_the_fix():
    """metal3-docs' "Error setting boot mode" (tests/data/gathered20): "There are two possible
    causes:" and its list, then "You have options:" and the remedies."""
    text = (b"### Error setting boot mode\n\nThere are two possible causes:\n\n"
            b"- Hardware does not support the requested boot mode.\n\nYou have options:\n\n"
            b"- Log into the BMC's UI and change the boot mode to the preferred value.\n")
    issue, = parse_bytes("bmh.md", text).issues
    assert "Hardware does not support" in issue.root_cause
    assert "Log into the BMC" in issue.solution


def test_an_issue_imported_on_the_command_line_names_the_command_as_its_saver(tmp_path):
    (tmp_path / "lab.rst").write_text("Lab\n===\n\nEtcd stalls\n-----------\n\nSymptoms\n~~~~~~~~\n\n"
                                      "It stalls.\n\nSolution\n~~~~~~~~\n\nMove etcd to SSDs.\n")
    run(str(tmp_path / "lab.rst"))
    issue = Issue.objects.get(title="Etcd stalls")
    assert issue.updated_by == "manage.py import_docs"
    Issue.objects.filter(pk=issue.pk).update(updated_by="alice")
    (tmp_path / "lab.rst").write_text("Lab\n===\n\nNothing here any more.\n")
    run(str(tmp_path / "lab.rst"))
    assert Issue.objects.get(pk=issue.pk).retired
    assert Issue.objects.get(pk=issue.pk).updated_by == "manage.py import_docs"  # the retirement is a save
