"""Real lines six new users' trials gave kb (tests/eval/trial, trial2 ... trial6: each with its
source): no ordinary failure gets a confident answer, no sign is confident alone, and the issues' own
messages keep their answers. Pure: the shipped fixtures, no database."""

import json
from pathlib import Path

import pytest

from kb.matching import Engine
from tests.rst_specs import specs_from_files

ROOT = Path(__file__).resolve().parent.parent
CASES = [json.loads(line) for line in (ROOT / "tests/eval/trial/lines.jsonl").read_text().splitlines()]
SECOND = [json.loads(line) for line in (ROOT / "tests/eval/trial2/lines.jsonl").read_text().splitlines()]
THIRD = [json.loads(line) for line in (ROOT / "tests/eval/trial3/lines.jsonl").read_text().splitlines()]
FOURTH = [json.loads(line) for line in (ROOT / "tests/eval/trial4/lines.jsonl").read_text().splitlines()]
FIFTH = [json.loads(line) for line in (ROOT / "tests/eval/trial5/lines.jsonl").read_text().splitlines()]
SIXTH = [json.loads(line) for line in (ROOT / "tests/eval/trial6/lines.jsonl").read_text().splitlines()]
# Still answered confidently, each with why. Strict: the fix makes its test pass, and the entry goes.
# (Empty since 2026-12-07 16:09 UTC: a bare SQLAlchemy pool timeout, which both trials had, is a
# lead when nothing in the paste says which service logged it: kb.matching.scoring.)
KNOWN_WRONG: dict[str, str] = {
    # (Three routers' and hosts' dnsmasq `Maximum number of concurrent DNS queries reached`, of the
    # third and fourth trials, were answered as the KubeDNS issue until 2026-12-07 19:40 UTC: dnsmasq's
    # own message is a lead now unless the paste says it is kube-dns's, kb.matching.generic.PROGRAMS.)
}
# Pastes still answered confidently (their text is long), by the source the trial gave them.
# (Empty since 2026-12-07 22:05 UTC: os-collect-config's `Source [heat] Unavailable.`, which the
# third trial's paste held beside a null region, is a sign now: the collector logs it for any
# failed request.)
KNOWN_WRONG_BY_SOURCE: dict[str, str] = {}


@pytest.fixture(scope="module")
def engine():
    specs = specs_from_files(sorted((ROOT / "fixtures").glob("*.rst")), sources=("symptom", "curated"))
    return Engine.build(specs)


def _params(kind):
    out = []
    for case in CASES + SECOND + THIRD + FOURTH + FIFTH + SIXTH:
        expect = case["expect"]
        if (kind == "none") != (expect == "none") or (kind != "none" and not expect.startswith(kind)):
            continue
        # (wrong for an ordinary failure only: the second trial read the router's line as "either")
        wrong = kind == "none" and (KNOWN_WRONG.get(case["text"]) or (
            KNOWN_WRONG_BY_SOURCE.get(case["source"]) if case in THIRD else None))
        marks = [pytest.mark.xfail(strict=True, reason=wrong)] if wrong else []
        out.append(pytest.param(case, id=case["source"][:60], marks=marks))
    return out


@pytest.mark.parametrize("case", _params("none"))
def test_an_ordinary_failure_gets_no_confident_answer(engine, case):
    known = [m.issue.spec.slug for m in engine.match_text(case["text"]).known]
    assert known == [], case["source"]


@pytest.mark.parametrize("case", _params("lead:"))
def test_a_sign_alone_is_a_lead_not_an_answer(engine, case):
    slug = case["expect"].removeprefix("lead:")
    report = engine.match_text(case["text"])
    assert report.known == () and slug in [m.issue.spec.slug for m in report.leads], case["source"]


@pytest.mark.parametrize("case", _params("either:"))
def test_an_issues_own_message_of_unknown_cause_is_that_issue_or_none(engine, case):
    slug = case["expect"].removeprefix("either:")
    assert [m.issue.spec.slug for m in engine.match_text(case["text"]).known] in ([], [slug]), case["source"]


def test_the_issues_own_messages_keep_their_answers(engine):
    own = [c for c in CASES if ":" not in c["expect"] and c["expect"] != "none"]
    answered = [c for c in own
                if [m.issue.spec.slug for m in engine.match_text(c["text"]).known] == [c["expect"]]]
    led = [c for c in own if c not in answered
           and c["expect"] in [m.issue.spec.slug for m in engine.match_text(c["text"]).leads]]
    # 2026-12-07 end: 5 of 7 confident and right, 2 leads (a PLEG line and a wedged containerd's,
    # both signs now); none answered as another issue. Since 2026-12-07 19:40 UTC 4 and 3: the
    # trial's dnsmasq line is an ASUS router's (its source says so; the third trial read the same
    # line as none), a lead now that dnsmasq's own message needs the paste to say it is kube-dns's
    assert (len(own), len(answered), len(led)) == (7, 4, 3)


def test_the_second_trials_own_messages_keep_their_answers(engine):
    own = [c for c in SECOND if ":" not in c["expect"] and c["expect"] != "none"]
    answered = [c for c in own
                if [m.issue.spec.slug for m in engine.match_text(c["text"]).known] == [c["expect"]]]
    # 2026-12-07 13:29 UTC (c1ea709) and at that session's end: all 6 confident and right. Since
    # 2026-12-07 19:40 UTC 5: `In dnsmasq logs : \`dnsmasq[21]: Maximum number of ...\`` (kube-dns
    # pods, the thread says; the paste does not) is a lead; kube-dns's nanny-relayed line stays right
    assert (len(own), len(answered)) == (6, 5)


def _known_causes(engine, cases):
    """(how many known causes, answered confidently and rightly, led rightly first) of a trial."""
    own = [c for c in cases if ":" not in c["expect"] and c["expect"] != "none"]
    answered = [c for c in own
                if [m.issue.spec.slug for m in engine.match_text(c["text"]).known] == [c["expect"]]]
    led = [c for c in own if c not in answered
           and [m.issue.spec.slug for m in engine.match_text(c["text"]).leads][:1] == [c["expect"]]]
    return len(own), len(answered), len(led)


def test_the_fourth_trials_known_causes_are_answered_or_led_rightly(engine):
    # 2026-12-07 18:47 UTC (cd3c92b): kube-dns's nanny relaying dnsmasq's limit, twice, confident;
    # a kubelet's docker PLEG and `skipping pod synchronization` lines, signs of the docker issue: leads
    assert _known_causes(engine, FOURTH) == (4, 2, 2)


def test_the_fifth_trials_known_causes_are_answered_or_led_rightly(engine):
    # 2026-12-07 21:50 UTC (021c0ce) and since: nova's `Migration running for 12180 secs` of a busy
    # instance, confident; a kubelet's PLEG beside dockerd's broken pipe, the docker issue's signs: a lead
    assert _known_causes(engine, FIFTH) == (2, 1, 1)


def test_the_sixth_trials_known_cause_is_answered_rightly(engine):
    # 2026-12-08 01:10 UTC (a6311c7) and since: kube-dns's dnsmasq at its default limit of 150
    # concurrent queries (play-with-docker#179), confident
    assert _known_causes(engine, SIXTH) == (1, 1, 0)
