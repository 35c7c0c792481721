"""A program's own message that the program logs wherever it runs (kb.matching.generic.PROGRAMS):
dnsmasq's `Maximum number of concurrent DNS queries reached` is a home router's as much as
kube-dns's. Two new users' trials (tests/eval/trial3, trial4) got a router's and a Mesos host's
line answered confidently as the KubeDNS issue. It answers an issue about dnsmasq in a setting
only where the line says which dnsmasq it is (kube-dns's nanny relays its lines under its own klog
header); an issue about dnsmasq wherever it runs is answered by any. Pure: no database."""

from pathlib import Path

import pytest

from kb.matching import Engine
from kb.matching.types import IssueSpec, SignatureSpec
from tests.rst_specs import specs_from_files

ROOT = Path(__file__).resolve().parent.parent
KUBEDNS = "kubedns-cannot-handle-big-cluster-load-with-default-settings"
MESSAGE = "Maximum number of concurrent DNS queries reached (max: 150)"


@pytest.fixture(scope="module")
def shipped():
    return Engine.build(specs_from_files(sorted((ROOT / "fixtures").glob("*.rst")),
                                         sources=("symptom", "curated")))


def _answer(engine, text):
    report = engine.match_text(text)
    return ([m.issue.spec.slug for m in report.known], [m.issue.spec.slug for m in report.leads],
            (report.known or report.leads or [None])[0])


@pytest.mark.parametrize("line", [
    f"Jun 16 10:16:51 dnsmasq[2444]: {MESSAGE}",  # an office router (trial4)
    f"dnsmasq: {MESSAGE}",  # a Mesos/Consul host (trial4)
    f"dnsmasq[253]: {MESSAGE}",  # a home router (trial3)
    MESSAGE,
])
def test_any_dnsmasqs_limit_is_a_lead_that_says_why(shipped, line):
    known, leads, first = _answer(shipped, line)
    assert known == [] and leads[:1] == [KUBEDNS]
    assert "a message dnsmasq logs wherever it runs; nothing here says whose dnsmasq this is" in first.why


@pytest.mark.parametrize("line", [
    f"I0206 18:42:06.508701       1 nanny.go:108] dnsmasq[9]: {MESSAGE}",
    f"2017-02-06T18:42:06.508701Z I0206 18:42:06.508701       1 nanny.go:108] dnsmasq[9]: {MESSAGE}",
])
def test_kube_dnss_dnsmasq_relayed_by_its_nanny_is_the_issue(shipped, line):
    assert _answer(shipped, line)[0] == [KUBEDNS]


def _engine(components):
    return Engine.build([IssueSpec(
        slug="dnsmasq-forward-table", title="dnsmasq runs out of forward slots", status="workaround",
        symptoms="DNS answers are slow.", root_cause="Too few forward slots.",
        solution="Raise dns-forward-max.", components=components,
        signatures=(SignatureSpec(1, "Maximum number of concurrent DNS queries reached (max: <NUM>)"),),
    )])


def test_an_issue_about_dnsmasq_wherever_it_runs_is_answered_by_any_dnsmasq():
    assert _answer(_engine(("dnsmasq",)), f"dnsmasq[253]: {MESSAGE}")[0] == ["dnsmasq-forward-table"]


def test_an_issue_about_dnsmasq_in_a_setting_needs_the_line_to_say_so():
    engine = _engine(("dnsmasq", "kubedns"))
    assert _answer(engine, f"dnsmasq[253]: {MESSAGE}")[:2] == ([], ["dnsmasq-forward-table"])
    assert _answer(engine, f"I0206 18:42:06.508701 1 nanny.go:108] dnsmasq[9]: {MESSAGE}")[0] == \
        ["dnsmasq-forward-table"]
