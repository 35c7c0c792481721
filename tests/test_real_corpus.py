"""The importer against a person's count of the issues in real documents.

../shared/corpus/real/expected.json: 106 issues in 20 documents written by
other projects. The matching rule (tests/eval/corpus_score.py) was fixed
before the results were looked at. Run `python -m tests.eval.corpus_score -v`
to see every missed, invented and unfilled issue.
"""

import json
from pathlib import Path

import pytest

from kb.rst import cues, parse_file
from tests.conftest import CORPUS
from tests.eval.corpus_score import score_corpus

EXPECTED = CORPUS / "real" / "expected.json"


@pytest.fixture(scope="module")
def scores():
    if not EXPECTED.exists():
        pytest.skip(f"{EXPECTED} not present on this machine")
    return score_corpus(EXPECTED, lambda path: parse_file(str(path)))


def test_it_finds_nine_in_ten_of_the_issues_a_person_counted(scores):
    counted = sum(s.counted for s in scores)
    matched = sum(len(s.matched) for s in scores)
    assert counted == 106
    assert matched / counted >= 0.90


def test_it_finds_three_in_four_in_every_document_with_four_or_more(scores):
    low = {s.name: f"{len(s.matched)}/{s.counted}" for s in scores
           if s.counted >= 4 and len(s.matched) / s.counted < 0.75}
    assert low == {}


def test_it_invents_at_most_one_issue_per_ten_found(scores):
    found = sum(s.found for s in scores)
    invented = sum(len(s.invented) for s in scores)
    assert invented * 10 <= found


def test_it_fills_the_fields_the_documents_state(scores):
    stated = sum(s.fields_stated for s in scores)
    filled = sum(s.fields_filled for s in scores)
    assert filled / stated >= 0.85


def test_it_marks_issues_read_from_prose_for_review():
    document = parse_file(str(CORPUS / "real" / "ironic__doc_source_admin_troubleshooting.rst"))
    by_title = {issue.title: issue for issue in document.issues}
    dhcp = by_title["DHCP during PXE or iPXE is inconsistent or unreliable"]
    assert (dhcp.structure, dhcp.needs_review) == ("prose", True)
    assert "caused by" in dhcp.root_cause
    mac = by_title['Deployments fail with "failed to update MAC address"']
    assert (mac.structure, mac.needs_review) == ("question_headings", False)
    assert mac.root_cause and mac.solution
    assert any("is in use" in s.text and "<UUID>" in s.text for s in mac.signatures)


def test_it_explains_every_section_that_is_not_an_issue():
    document = parse_file(str(CORPUS / "real" / "ironic__doc_source_admin_troubleshooting.rst"))
    patching = next(s for s in document.sections if s["title"] == "Patching the Deploy Ramdisk")
    assert patching["issue"] is None and "procedure" in patching["reason"]
    assert all(s["issue"] or s["reason"] for s in document.sections)


def test_it_reads_table_rows_as_issues_with_their_signature():
    document = parse_file(str(CORPUS / "swift__doc_source_ops_runbook_diagnose.rst"))
    rows = [i for i in document.issues if i.structure == "table"]
    medium = next(i for i in rows if "Medium Error" in i.title)
    assert medium.root_cause.startswith("Suggests disk surface issues")
    assert "swift-drive-audit" in medium.solution
    # A row whose only step is "run diagnostics" and whose cause is empty is no issue.
    assert not any("I/O error, dev sd" in i.title for i in rows)


def test_it_takes_the_cause_a_problem_field_states():
    issue = parse_file(str(CORPUS / "real" / "ts-duplicate-3par-host.rst")).issues[0]
    assert issue.structure == "field_headings"
    assert issue.root_cause.startswith("This error may be caused by a volume being exported outside")


GATHERED = Path(__file__).resolve().parent / "data" / "gathered" / "expected.json"


def test_it_reads_every_document_counted_blind_and_finds_half_of_their_issues():
    """9 documents gathered and counted by someone who never saw the importer (SOURCES.md).

    They were first scored as a held-out check; 0.5 is a floor under today's
    figure (see /work/brief/notes/10.md), not a target the code was tuned to.
    """
    expected = json.loads(GATHERED.read_text(encoding="utf-8"))
    for entry in expected.values():
        parse_file(str(GATHERED.parent / entry["path"]))  # none is refused
    scores = score_corpus(GATHERED, lambda path: parse_file(str(path)))
    counted = sum(s.counted for s in scores)
    assert sum(len(s.matched) for s in scores) / counted >= 0.5


ROOK = GATHERED.parent / "rook__Documentation_Troubleshooting_ceph-csi-common-issues.md"


def test_it_takes_no_diagnostic_step_of_a_common_issues_page_for_an_issue():
    """rook/rook's "CSI Common Issues" page (SOURCES.md: Documentation/Troubleshooting/
    ceph-csi-common-issues.md @ d0c3b9ce, Apache-2.0): under a "Common Issues" title,
    sections such as "Ceph Health" only say what to look at ("Check that your Ceph
    cluster is healthy"); the person who counted the page counted none of them.
    """
    sections = {s["title"]: s for s in parse_file(str(ROOK)).sections}
    for title in ("Network Connectivity", "Ceph Health", "Slow Operations",
                  "Check if the Filesystem exists", "subvolumegroups"):
        assert sections[title]["issue"] is None
        assert "only advice is a check" in sections[title]["reason"]
    # "Restarting the `csi-cephfsplugin` pod may also help sometimes." is a remedy.
    assert sections["CephFS Stale operations"]["issue"] == "CephFS Stale operations"


@pytest.mark.parametrize(
    ("sentence", "remedy"),
    [
        # rook ceph-csi-common-issues.md (above)
        ("Check that your Ceph cluster is healthy by connecting to the Toolbox and running the "
         "`ceph` commands:", False),
        ("If you are seeing issues provisioning the PVC then you need to check the network connectivity "
         "from the provisioner pods.", False),
        ("Make sure the pool you have specified in the `storageclass.yaml` exists in the ceph "
         "cluster.", False),
        ("You should see the response `RegistrationStatus{PluginRegistered:true,Error:,}` in the logs to "
         "confirm that plugin is registered with kubelet.", False),
        ("Restarting the `csi-cephfsplugin` pod may also help sometimes.", True),
        # kubernetes-sigs/kind site/content/docs/user/known-issues.md (SOURCES.md): "make sure" as a remedy
        ("Please make sure that when you use `kind`, you can't have `\"init\": true` in your "
         "`/etc/docker/daemon.json` because that will cause `/sbin/init` to show the following "
         "cryptic message", True),
    ],
)
def test_it_tells_a_remedy_from_a_check(sentence, remedy):
    assert cues.states_remedy(sentence) is remedy
