"""Ranking, grouping, explanations and search of kb.matching.Engine (pure: no database)."""

import threading
from pathlib import Path

import pytest

from kb.matching import CONFIDENT, Engine, IssueSpec, SignatureSpec, scoring
from kb.matching.background import Background
from kb.matching.grouping import Logical, group_lines
from kb.matching.normalize import fold
from kb.matching.report import count_summary
from tests.bench.sample_kb import load_issue_specs

DNSMASQ = (
    "I1211 16:59:31.000000 1 nanny.go:108] "
        "dnsmasq[9]: Maximum number of concurrent DNS queries reached (max: 150)"
)
MYSQL_DNS = (
    "2016-12-11 16:59:22.220 1165 ERROR nova.api.openstack.extensions "
    "[req-1200f887-c82b-4e7c-a891-fac2e3735dbb "
    "admin admin] DBConnectionError: (pymysql.err.OperationalError) "
    "(2003, \"Can't connect to MySQL server on "
    "'galera.ccp.svc.cluster.local' ([Errno -2] Name or service not known)\")"
)
NOISE = [
    "2016-12-11 16:59:23.220 1165 INFO nova.compute.manager "
    "[req-1200f887-c82b-4e7c-a891-fac2e3735dbb admin "
    "admin] [instance: 60ebd6c7-c1e3-4bf0-8ef0-f07aa4c3d5f3] Took 12.34 seconds to build instance.",
    '10.0.0.1 - - [11/Dec/2016:16:59:31 +0000] "GET /v2/servers HTTP/1.1" 200 1234',
    '2016-12-11 16:59:22.900 26248 INFO eventlet.wsgi.server [-] 10.1.2.3 "GET '
    '/v2.1/servers/detail HTTP/1.1" '
    "status: 200 len: 4760 time: 0.8232106",
    "Dec 11 16:59:31 node-1 dnsmasq[9]: query[A] galera.ccp.svc.cluster.local from 10.233.64.12",
    "2016-12-11 16:59:31 140234 [Note] WSREP: Member 1.0 (galera-1) synced with group.",
    "2016-12-11 16:59:22.220 1165 WARNING keystonemiddleware.auth_token [-] Using the in-process "
    "token cache "
    "is deprecated as of the 4.2.0 release",
    "2016-12-11 16:59:22.220 1165 ERROR nova.compute.manager [instance: "
    "60ebd6c7-c1e3-4bf0-8ef0-f07aa4c3d5f3] "
    "Instance failed to spawn: libvirtError: internal error: process exited while connecting to "
    "monitor",
    "Dec 11 16:59:31 node-1 kubelet[2154]: I1211 16:59:31.552018    2154 kubelet.go:1234] SyncLoop "
    "(PLEG): "
    '"nova-compute-7d9f8b6c4-x2x9z_openstack", event: ContainerStarted',
    "2016-12-11 16:59:31.552018 I | etcdserver: start to snapshot (applied: 300030, lastsnap: "
    "290029)",
    "Connection closed by 10.144.1.35 port 22 [preauth]",
    "Some unrelated error: disk /dev/sdb is full",
]


@pytest.fixture(scope="module")
def engine():
    return Engine.build(load_issue_specs())


def _issue(slug, *signatures, components=(), source="curated", **fields):
    return IssueSpec(
        slug=slug,
        title=fields.pop("title", slug.replace("-", " ")),
        components=tuple(components),
        signatures=tuple(
            SignatureSpec(f"{slug}-{i}", text, source) for i, text in enumerate(signatures)
        ),
        url=f"/issues/{slug}/",
        **fields,
    )


def _top(report):
    return report.matches[0].issue.spec.slug if report.matches else None


def _best_evidence(engine, text):
    """The issue of a line's strongest evidence, shown or not: a line that shares no distinctive
    word with an issue of a two-issue test knowledge is no weak lead (scoring._lead_need), and its
    ranking is read here."""
    evidence = scoring.line_evidence(engine._kb, scoring.view_of(text, text))
    return engine.issue_spec(max(evidence, key=lambda e: e.score).issue).slug if evidence else None


def test_it_matches_a_signature_with_placeholders(engine):
    report = engine.match_text(DNSMASQ)
    match = report.matches[0]
    assert match.issue.spec.slug == "kubedns-max-concurrent-queries"
    assert match.confident and match.score >= CONFIDENT
    assert (
        match.lines[0].signature == "Maximum number of concurrent DNS queries reached (max: <NUM>)"
    )
    assert "dnsmasq" in match.why


def test_it_matches_a_hard_wrapped_symptom_block(engine):
    report = engine.match_text(MYSQL_DNS)
    assert _top(report) == "mysql-connection-loss-dns"
    assert report.matches[0].lines[0].signature.startswith("2016-12-11 16:59:22.220 1165 ERROR")


def test_it_requires_the_numbers_a_signature_spells_out():
    engine = Engine.build(
        [_issue("proxy-500", "proxy-server .... HTTP/1.0 500 ....", components=["swift"])]
    )
    assert (
        _top(engine.match_text("Dec 11 16:59:31 h proxy-server: 10.0.0.1 GET /v1/a HTTP/1.0 500 -"))
        == "proxy-500"
    )
    assert (
        engine.match_text(
            "Dec 11 16:59:31 h proxy-server: 10.0.0.1 GET /v1/a HTTP/1.0 200 -"
        ).matches
        == ()
    )


def test_a_line_saying_another_number_than_the_signature_contradicts_it():
    """The line holds every literal of `... validating token: 403` but the status 500 (another
    failure: Keystone erring, not refusing): it says something else, so its words, the
    signature's own, stay below confident and it is no lead in a whole log."""
    engine = Engine.build([_issue(
        "validate-403", "Bad response code while validating token: 403",
        components=["keystone"], title="Token validation refused",
    )])
    prefix = "2016-12-09 14:22:51.097 1 ERROR keystonemiddleware.auth_token [-] "
    line = prefix + "Bad response code while validating token: 500"
    assert not engine.match_text(line).known
    chatter = [prefix.replace("ERROR", "INFO") + f"Request {n} served" for n in range(10)]
    assert not engine.match_lines([*chatter, line, *chatter]).matches
    assert _top(engine.match_text(prefix + "Bad response code while validating token: 403")) == "validate-403"


def test_a_slow_placeholder_holds_only_for_a_slow_request():
    """`<SLOW>` stands where an access line's request time is (eventlet.wsgi's default format
    ends with the seconds): it holds for ten seconds or more (http_lines.SLOW_SECONDS), and the
    same request answered quickly contradicts the signature, as another number would."""
    engine = Engine.build([_issue("slow-stacks", '"GET /v1/<*>/stacks<*> HTTP/1.1" 200 <NUM> <SLOW>',
                                  components=["heat"], title="Slow stack requests")])
    line = '10.233.64.12 - - [29/Dec/2016 10:16:03] "GET /v1/7d51/stacks/detail HTTP/1.1" 200 1180311 {}'
    assert [m.issue.spec.slug for m in engine.match_text(line.format("94.022130")).known] == ["slow-stacks"]
    assert engine.holds_signature(Logical(0, 0, line.format("10.000000"), line.format("10.000000")))
    assert not engine.match_text(line.format("9.922130")).known
    assert not engine.holds_signature(Logical(0, 0, line.format("0.422130"), line.format("0.422130")))
    chatter = ["2016-12-29 10:11:52.409 27 INFO heat.engine.service [-] Service started"] * 10
    assert not engine.match_lines([*chatter, line.format("0.422130"), *chatter]).matches


def test_a_positive_placeholder_holds_only_for_a_number_above_zero():
    """`<POS>` stands for a counter that is 0 when all is well (memcached's `STAT evictions`): a
    number above 0 there is the signature, 0 contradicts it (no confident words, no lead in a
    whole log), and the number is read where the placeholder stands, not anywhere in the line."""
    engine = Engine.build([_issue("evicting", "STAT evictions <POS>", components=["memcached"],
                                  title="Cache too small")])
    for held in ("STAT evictions 48211937", "STAT evictions 1", "STAT evictions: 0.5"):
        assert [m.issue.spec.slug for m in engine.match_text(held).known] == ["evicting"], held
        assert engine.holds_signature(Logical(0, 0, held, held))
    # `stats settings` answers `STAT evictions on` (evict_to_free): a setting, no counter
    for healthy in ("STAT evictions 0", "STAT evictions 0.0", "STAT evictions -3", "STAT evictions 0 of 12",
                    "STAT evictions on"):
        assert not engine.match_text(healthy).known, healthy
        assert not engine.holds_signature(Logical(0, 0, healthy, healthy))
    chatter = [f"STAT curr_connections {n}" for n in range(10)]
    assert not engine.match_lines([*chatter, "STAT evictions 0", *chatter]).matches


def test_a_positive_placeholder_reads_a_number_in_exponent_notation_as_the_number_it_is():
    """Prometheus' exposition format writes a big counter in exponent notation
    (`memcached_items_evicted_total 4.1873302e+07`), which masking cuts (`4.<HEX>+07`): above 0
    it holds the signature, at 0 (`0e+00`) it is the healthy reading, whichever side <POS> reads."""
    engine = Engine.build([_issue("evicting", "memcached_items_evicted_total{<*>} <POS>",
                                  components=["memcached"], title="Cache too small"),
                           _issue("dropping", "<POS> packets dropped by kernel", title="Capture drops")])
    line = 'memcached_items_evicted_total{{instance="10.0.0.5:9150"}} {}'
    for held in ("4.1873302e+07", "1e0", "0.5", "3.5", "1.2E+06", "2.5e-3"):
        dropped = f"{held} packets dropped by kernel"
        for text, slug in ((line.format(held), "evicting"), (dropped, "dropping")):
            assert [m.issue.spec.slug for m in engine.match_text(text).known] == [slug], text
            assert engine.holds_signature(Logical(0, 0, text, text)), text
    for healthy in ("0", "0.0", "0e+00", "0.0e+00", "0E-5", "-4.1873302e+07"):
        for text in (line.format(healthy), f"{healthy} packets dropped by kernel"):
            assert not engine.match_text(text).known, text
            assert not engine.holds_signature(Logical(0, 0, text, text)), text


def test_a_positive_placeholder_before_its_text_reads_the_number_before_it():
    engine = Engine.build([_issue("dropping", "<POS> packets dropped by kernel", title="Capture drops")])
    assert engine.match_text("1523 packets dropped by kernel").known
    assert not engine.match_text("0 packets dropped by kernel").known


def test_a_positive_placeholder_is_no_literal_text():
    from kb.matching.signatures import compile_signature

    (template,) = compile_signature(0, "STAT evictions <POS>", "curated")
    assert template.segments == ("STAT evictions",)
    assert template.bounded == (("stat evictions", "", "<POS>"),)


def test_a_kilo_placeholder_holds_only_for_a_number_in_the_thousands():
    """`<KILO>` stands for a quantity that says the failure once it reaches 1,000 (nova's
    progress line of a live migration still copying after 1,000 seconds): a smaller number
    there is the healthy reading of the same line, and another number in the line does not
    stand in for it."""
    sig = "Migration running for <KILO> secs, memory <NUM>% remaining"
    engine = Engine.build([_issue("busy-migration", sig, components=["nova"], title="Busy guest")])
    line = ("2017-03-02 13:40:31.771 4127 INFO nova.virt.libvirt.driver [-] [instance: "
            "9c2d1068-fe0b-4ee3-b860-c00c9688cf49] Migration running for {} secs, memory {}% "
            "remaining; (bytes processed=318421590016, remaining=3521986560, total=8607571968)")
    for secs in ("1000", "1830", "12000"):
        held = line.format(secs, 41)
        assert [m.issue.spec.slug for m in engine.match_text(held).known] == ["busy-migration"], held
        assert engine.holds_signature(Logical(0, 0, held, held))
    for secs in ("30", "90", "999"):  # the line's byte counts, in the billions, are not read
        healthy = line.format(secs, 41)
        assert not engine.match_text(healthy).known, healthy
        assert not engine.holds_signature(Logical(0, 0, healthy, healthy))


def test_a_kilo_placeholder_is_no_literal_text():
    from kb.matching.signatures import compile_signature

    (template,) = compile_signature(0, "Migration running for <KILO> secs, memory <NUM>% remaining",
                                    "curated")
    assert template.segments == ("Migration running for", "secs, memory", "% remaining")
    assert template.bounded == (("migration running for", "", "<KILO>"),)


def test_a_quoted_name_in_a_signature_is_part_of_what_it_says():
    """kube-scheduler's leader elector writes the apiserver's conflict with the lock's name
    quoted (`... on endpoints "kube-scheduler"`): the same message about the controller-manager's
    lock holds every other word of the signature, and contradicts it rather than being
    confident on those words."""
    sig = 'Failed to update lock: Operation cannot be fulfilled on endpoints "kube-scheduler"'
    engine = Engine.build([_issue("starved-scheduler", sig, components=["kube-scheduler"],
                                  title="Scheduler starved of CPU")])
    line = ("E1207 15:40:02.031227       1 leaderelection.go:258] Failed to update lock: Operation cannot "
            'be fulfilled on endpoints "{}": the object has been modified; please apply your changes to '
            "the latest version and try again")
    assert _top(engine.match_text(line.format("kube-scheduler"))) == "starved-scheduler"
    assert engine.match_text(line.format("kube-scheduler")).known
    assert not engine.match_text(line.format("kube-controller-manager")).known
    chatter = ["I1207 15:40:01.000000       1 reflector.go:1] Listing and watching"] * 10
    assert not engine.match_lines([*chatter, line.format("kube-controller-manager"), *chatter]).matches


def test_a_quoted_value_that_masking_hides_must_be_the_same_in_the_line():
    """A single-quoted value holding `/` (or a digit, `.`, `:`, `@`) is masked to '<STR>' on both
    sides, yet the signature spelled it out: a line quoting another value contradicts it."""
    sig = "Failed to update lock: Operation cannot be fulfilled on 'kube-system/kube-scheduler'"
    engine = Engine.build([_issue("starved-scheduler", sig, title="Scheduler starved of CPU")])
    line = ("E1207 15:40:02.031227 1 leaderelection.go:258] Failed to update lock: Operation cannot be "
            "fulfilled on '{}'")
    assert engine.match_text(line.format("kube-system/kube-scheduler")).known
    assert engine.match_text(line.format("KUBE-SYSTEM/kube-scheduler")).known  # compared in any case, as text
    assert not engine.match_text(line.format("kube-system/kube-controller-manager")).known
    other = line.format("kube-system/kube-controller-manager")
    assert not engine.holds_signature(Logical(0, 0, other, other))


def test_a_single_quoted_name_in_a_signature_is_part_of_what_it_says_too():
    # openstackclient's "No service with a type, name or ID of '%s' exists."
    engine = Engine.build([_issue("no-cfn", "No service with a type, name or ID of 'cloudformation' exists.",
                                  title="No heat-api-cfn service")])
    line = "No service with a type, name or ID of '{}' exists."
    assert engine.match_text(line.format("cloudformation")).known
    assert not engine.match_text(line.format("orchestration")).known


def test_the_quoted_values_of_a_documents_symptom_lines_are_its_examples():
    """A line lifted from a document's Symptoms quotes the document's own host: another host is
    the same failure (the value stays any value); a curator's quoted value is meant."""
    symptom = ("ERROR nova.api.openstack.extensions DBConnectionError: (pymysql.err.OperationalError) "
               "(2003, \"Can't connect to MySQL server on 'galera.ccp.svc.cluster.local' ([Errno -2] "
               "Name or service not known)\")")
    engine = Engine.build([_issue("mysql-dns", symptom, source="symptom", components=["nova"],
                                  title="MySQL name not resolved")])
    line = "2016-12-11 16:59:22.220 1165 " + symptom.replace("galera.ccp.svc.cluster.local", "db-1.internal")
    assert _top(engine.match_text(line)) == "mysql-dns"
    assert engine.match_text(line).known


def test_it_treats_documentation_elisions_as_wildcards():
    engine = Engine.build([_issue("conn-timeout", ".... ERROR .... ConnectionTimeout ....")])
    assert _top(
        engine.match_text(
            "proxy-server: ERROR with Object server 10.0.0.2:6000 ConnectionTimeout (0.5s)"
        )
    )


def test_it_ranks_a_signature_hit_above_word_overlap():
    engine = Engine.build(
        [
            _issue(
                "words-only",
                title="Pool of connections exhausted under load",
                symptoms="QueuePool limit reached, connections timed out and overflow was hit.",
            ),
            _issue("signature", "QueuePool limit of size <NUM> overflow <NUM> reached"),
        ]
    )
    report = engine.match_text(
        "TimeoutError: QueuePool limit of size 10 overflow 20 reached, connection timed out"
    )
    assert _top(report) == "signature"
    assert report.matches[0].lines[0].signature is not None


def test_it_uses_the_program_prefix_as_evidence():
    symptoms = "Queries to the upstream resolver time out and the cache is refused."
    fillers = [
        _issue(f"filler-{n}", title=f"Unrelated subject {n}", symptoms=f"Other words {n} entirely.")
        for n in range(10)
    ]
    engine = Engine.build(
        fillers
        + [
            _issue(
                "for-dnsmasq",
                title="Upstream resolver queries time out",
                symptoms=symptoms,
                components=["dnsmasq"],
            ),
            _issue(
                "for-nova",
                title="Upstream resolver queries time out",
                symptoms=symptoms,
                components=["nova"],
            ),
        ]
    )
    message = "upstream resolver queries time out, cache refused"
    report = engine.match_text(f"Dec 11 16:59:31 node dnsmasq[9]: {message}", min_score=0.1)
    # a line counts for its best issue only (a second one needs its signature in the line)
    assert [m.issue.spec.slug for m in report.matches] == ["for-dnsmasq"]
    assert "dnsmasq" in report.matches[0].why
    # `why` reads as a sentence about the line ("Line 1 its description shares ..." did not)
    why = report.matches[0].why
    assert why.startswith("Line 1 shares the words ")
    assert " with the issue's description; the line comes from dnsmasq" in why
    tie = engine.match_text(message, min_score=0.1)
    assert len(tie.matches) == 1 and tie.matches[0].issue.spec.slug in {"for-dnsmasq", "for-nova"}
    # the prefix adds to the word evidence itself (both stay below WORD_THRESHOLD, where the
    # shown scores are capped alike)
    def raw(text):
        return max(e.raw for e in scoring.line_evidence(engine._kb, scoring.view_of(text, text)))
    assert raw(f"Dec 11 16:59:31 node dnsmasq[9]: {message}") > raw(message)


def test_it_expands_thesaurus_synonyms(engine):
    report = engine.match_text("HTTP 429 Too Many Requests from kube-apiserver")
    assert _top(report) == "kube-apiserver-rate-limit"
    # Word evidence alone is confident only on a line that states a failure (scoring.states_failure):
    # a level, or a failure word. This bare line has neither (its 429 and "too many" are not read as
    # one: a known cost of the rule); logged by a Kubernetes client at error level it is confident.
    assert not report.matches[0].confident
    # logged by kube-apiserver at error level nothing blocks it: its words decide (scoring.decide:
    # their raw score against WORD_THRESHOLD); logged by a client that only names kube-apiserver,
    # nothing says the line comes from one of the issue's components (since 2026-12-07 22:05 UTC:
    # on five new users' trials words made 3 answers confident, all wrong, on such lines)
    bare = report.matches[0].lines[0].text
    client = "E1208 09:31:12.774103 1 request.go:904] " + bare
    logged = "Dec 08 09:31:12 node1 kube-apiserver[1234]: " + client
    assert _top(engine.match_text(logged)) == "kube-apiserver-rate-limit"
    best, blocked, named = (scoring.line_evidence(engine._kb, scoring.view_of(t, t))[0]
                            for t in (logged, bare, client))
    assert best.eligible and best.support >= scoring.SUPPORT_NEEDED
    assert not blocked.eligible and blocked.support == best.support
    assert not named.eligible and "nothing says the line comes from one of its components" in named.why
    # The explanation names the meaning in words, never the thesaurus's internal token.
    assert "rate limiting (same meaning)" in report.matches[0].why
    assert "~" not in report.matches[0].why and "ratelimit" not in report.matches[0].why


def test_no_explanation_shows_an_internal_thesaurus_token(engine):
    from kb.matching.thesaurus import GROUPS, LABELS

    assert set(LABELS) == set(GROUPS)  # every concept has words for people
    for concept, phrases in GROUPS.items():
        for hit in engine.search(phrases[0]):
            assert f"{concept} (synonym)" not in hit.why and "~" not in hit.why, hit.why


def test_it_finds_prose_when_no_signature_fires(engine):
    report = engine.match_text(
        "Error: Failed to connect to MySQL: Name or service not known galera"
    )
    assert _top(report) == "mysql-connection-loss-dns"
    assert report.matches[0].lines[0].signature is None


@pytest.mark.parametrize("line", NOISE, ids=range(len(NOISE)))
def test_it_keeps_ordinary_log_noise_below_confident(engine, line):
    report = engine.match_text(line)
    assert not report.confident and not any(m.confident for m in report.matches)
    assert report.lines_matched == 0 and len(report.matches) <= 5


def test_it_keeps_a_line_that_contradicts_a_signature_unconfident(engine):
    line = (
        "Dec 11 16:59:31 node-1 kernel: [12345.678901] Out of memory: "
        "Kill process 4321 (java) score 901 or sacrifice child"
    )
    assert not engine.match_text(line).confident
    assert _top(engine.match_text(line.replace("(java)", "(mysqld)"))) == "mysql-oom-killed"


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n", "\r\n"])
def test_it_answers_no_known_issue_for_empty_input(engine, text):
    report = engine.match_text(text)
    assert report.matches == () and report.lines_matched == 0 and report.unmatched == ()


def test_it_groups_multiline_input_per_issue_with_line_numbers(engine):
    text = "\n".join([NOISE[0], DNSMASQ, NOISE[1], MYSQL_DNS, DNSMASQ.replace("150", "300")])
    report = engine.match_text(text)
    by_slug = {m.issue.spec.slug: [h.number for h in m.lines] for m in report.matches}
    assert by_slug["kubedns-max-concurrent-queries"] == [2, 5]
    assert by_slug["mysql-connection-loss-dns"] == [4]
    assert (report.lines_total, report.lines_matched) == (5, 3)
    assert [n for n, _text in report.unmatched] == [1, 3]
    assert [m.score for m in report.matches] == sorted(
        (m.score for m in report.matches), reverse=True
    )


def test_it_computes_identical_normalised_lines_once(engine, monkeypatch):
    calls = []
    real = scoring.line_evidence
    monkeypatch.setattr(
        scoring, "line_evidence", lambda kb, view, *words: calls.append(view) or real(kb, view, *words)
    )
    # (a router's dnsmasq: a lead, read from its words and its signature alike)
    router = "Dec 11 16:59:31 node-1 dnsmasq[9]: Maximum number of concurrent DNS queries reached (max: 150)"
    lines = [router.replace("node-1", f"node-{n}").replace("[9]", f"[{n}]") for n in range(50)]
    report = engine.match_lines(lines)
    assert len(calls) == 1
    assert report.matches[0].line_count == 50


def test_it_surfaces_related_issues_both_ways(engine):
    mysql = engine.match_text(MYSQL_DNS).matches[0]
    assert ("kubedns-max-concurrent-queries", "same_root_cause") in {
        (r.spec.slug, rel) for r, rel in mysql.related
    }
    kubedns = engine.match_text(DNSMASQ).matches[0]
    assert ("mysql-connection-loss-dns", "same_root_cause") in {
        (r.spec.slug, rel) for r, rel in kubedns.related
    }


def test_it_names_the_reverse_of_caused_by():
    engine = Engine.build(
        [
            _issue("effect", "effect happened here", related=(("cause", "caused_by"),)),
            _issue("cause", "cause happened here"),
        ]
    )
    related = engine.match_text("cause happened here").as_dict()["matches"][0]["related"]
    assert related == [
        {"slug": "effect", "title": "effect", "url": "/issues/effect/", "relation": "causes"}
    ]


def test_it_joins_python_tracebacks_and_reports_the_exception_line(engine):
    text = "\n".join(
        [
            "2016-12-11 16:59:22.220 1165 INFO heat.engine.service [-] validating",
            "Traceback (most recent call last):",
            '  File "/usr/lib/python2.7/dist-packages/heat/engine/service.py", line 123, in '
            "validate",
            "    return self.rpc_client.call(ctxt, msg)",
            "oslo_messaging.exceptions.MessagingTimeout: Timed out waiting for a reply to message "
            "ID 5f1e2ad4b6e94b9a",
            "2016-12-11 16:59:23.220 1165 INFO heat.engine.service [-] next",
        ]
    )
    report = engine.match_text(text)
    assert _top(report) == "heat-rpc-timeout-validation"
    assert [h.number for h in report.matches[0].lines] == [5]
    assert report.matches[0].why.startswith("Line 5 ")
    assert report.lines_total == 6 and [n for n, _t in report.unmatched] == [1, 6]


def test_a_matched_traceback_shows_its_exception_line_not_its_frames(engine):
    # Seen: the matched "line" of a 6-line oslo traceback was the whole unit from
    # "Traceback (most recent call last):" on, cut at 500 characters before the exception
    # that was the evidence; the page, CLI and chat showed frames under "line 107".
    prefix = "2016-12-11 16:59:31.123 1165 ERROR oslo_messaging.rpc.server [req-1 - - - - -] "
    exception = ("oslo_messaging.exceptions.MessagingTimeout: Timed out waiting for a reply to message "
                 "ID 5f1e2ad4b6e94b9a")
    frames = ['  File "/usr/lib/python2.7/dist-packages/heat/engine/service.py", line 123, in validate',
              "    return self.rpc_client.call(ctxt, msg)"] * 3
    text = "\n".join([prefix + "Traceback (most recent call last):", *(prefix + f for f in frames),
                      prefix + exception])
    report = engine.match_text(text)
    hit = report.matches[0].lines[0]
    assert hit.number == 8 and hit.text == prefix + exception


_CFN_FRAME = (
    '  File "/var/lib/microservices/venv/lib/python2.7/site-packages/heat/engine/clients/os/'
    'heat_plugin.py", line 79, in get_heat_cfn_url'
)


def test_a_frame_alone_is_evidence_only_of_an_editors_frame_signature():
    """A frame says where, not what failed: its words are no evidence, and a signature
    lifted from a document's traceback drops it; an editor who wrote the frame itself as a
    signature declared that place reached only in this failure."""
    words_only = _issue("cfn", "EndpointNotFound: Could not find requested endpoint",
                        title="heat plugin get heat cfn url fails")
    with_frame = _issue("cfn", 'heat_plugin.py", line <NUM>, in get_heat_cfn_url')
    from_symptoms = _issue("cfn", 'heat_plugin.py", line <NUM>, in get_heat_cfn_url',
                           source="symptom")
    assert not Engine.build([words_only]).match_text(_CFN_FRAME).matches
    assert not Engine.build([from_symptoms]).match_text(_CFN_FRAME).matches
    report = Engine.build([with_frame]).match_text(_CFN_FRAME)
    assert _top(report) == "cfn" and report.matches[0].confident
    # another frame, or the same function's name in a frame of another file, is no hit
    other = _CFN_FRAME.replace("get_heat_cfn_url", "get_heat_url")
    assert not Engine.build([with_frame]).match_text(other).matches


def test_it_joins_backslash_wrapped_lines_even_inside_an_id(engine):
    text = (
        "2013-03-12 01:35:43 1248 TRACE cinder.openstack.common.rpc.amqp \\\n"
        "ISCSITargetCreateFailed: Failed to create iscsi target for volume "
        "volume-137641b2-af72-4a2f-b243-\\\n"
        "65fdccd38780."
    )
    report = engine.match_text(text)
    assert _top(report) == "cinder-iscsi-target-create-failed"
    assert report.lines_total == 3 and report.matches[0].lines[0].number == 1


def test_it_dedents_pasted_text(engine):
    report = engine.match_text("    " + DNSMASQ + "\n    " + NOISE[0] + "\n")
    assert _top(report) == "kubedns-max-concurrent-queries"
    assert report.lines_total == 2 and report.lines_matched == 1


def test_it_caps_the_unmatched_list_and_says_so(engine):
    report = engine.match_lines([f"ordinary line number {n}" for n in range(500)])
    data = report.as_dict()
    assert (
        len(data["unmatched"]) == 200
        and data["unmatched_truncated"]
        and data["unmatched_count"] == 500
    )



def test_a_whole_logs_unmatched_list_holds_its_failures_first(engine):
    # a new user's trial (2026-12-07) got a whole log's first 200 lines, INFO chatter and shell
    # traces, in the panel of lines nothing explained, and not the errors further down
    chatter = [f"2026-12-07 10:00:{n % 60:02d}.000 7 INFO nova.compute.manager [-] Synced instance {n}"
               for n in range(300)]
    failures = ["2026-12-07 10:05:00.000 7 ERROR nova.compute.manager [-] Unexpected exception in "
                "periodic task: KeyError: 'disk_gb'",
                "Traceback (most recent call last):", '  File "x.py", line 1, in f', "KeyError: 'disk_gb'"]
    report = engine.match_lines(chatter + failures + chatter)
    numbers = [n for n, _text in report.unmatched]
    assert len(numbers) == 200 and report.unmatched_count == 602 and numbers == sorted(numbers)
    assert {301, 304} <= set(numbers)  # the error, and the traceback under its exception line
    assert numbers[:2] == [1, 2] and numbers[-1] == 304  # the rest: the first chatter, in order
    # a short paste lists its lines as they come
    assert [n for n, _t in engine.match_lines(["routine start-up line", failures[0]]).unmatched] == [1, 2]

def test_it_reports_the_documented_shape(engine):
    data = engine.match_text(DNSMASQ + "\n" + NOISE[0]).as_dict()
    assert set(data) >= {
        "matches",
        "lines_total",
        "lines_matched",
        "unmatched",
        "unmatched_truncated",
    }
    match = data["matches"][0]
    assert set(match) >= {"issue", "score", "confident", "lines", "why", "related"}
    assert set(match["issue"]) == {"slug", "title", "url", "status", "components", "remedy", "needs_review"}
    assert match["issue"]["needs_review"] is False  # the shipped knowledge is curated
    assert match["issue"]["remedy"].startswith("Raise the memory limits")
    assert set(match["lines"][0]) == {"number", "text", "signature"}
    assert 0.0 <= match["score"] <= 1.0 and match["why"].endswith(".")


def test_the_count_line_says_which_unmatched_lines_are_a_leads_evidence(engine):
    # a new user's trial read "0 matched a known issue, 2 did not" above a lead card listing
    # one of those lines as its evidence: the lead's line is still unmatched, and says so
    report = engine.match_text("kubedns is overloaded: dns queries time out\n" + NOISE[0])
    assert not report.known and report.leads
    assert report.lines_matched == 0 and report.unmatched_count == 2 and report.unmatched_leading == 1
    data = report.as_dict()
    assert data["unmatched_leading"] == 1
    assert count_summary(data) == ("2 lines read; 0 matched a known issue, 2 did not "
                                   "(1 of them a weak lead's evidence).")
    assert "of them" not in count_summary(engine.match_text(DNSMASQ + "\n" + NOISE[0]).as_dict())


def test_it_shows_unconfident_candidates_as_such(engine):
    line = "kubedns is overloaded: dns queries time out"
    report = engine.match_text(line)
    assert not report.confident and report.lines_matched == 0
    assert report.matches[0].issue.spec.slug == "kubedns-max-concurrent-queries"
    assert not report.matches[0].confident and report.matches[0].score < CONFIDENT
    assert engine.match_text(line, min_score=CONFIDENT).matches == ()


def test_it_lists_confident_matches_before_at_most_five_candidates(engine):
    report = engine.match_text("\n".join([DNSMASQ, *NOISE]))
    flags = [m.confident for m in report.matches]
    assert flags[0] and flags == sorted(flags, reverse=True) and flags.count(False) <= 5


def test_it_keeps_symptom_lines_of_normal_operation_weak():
    engine = Engine.build(
        [
            _issue(
                "slow-boot",
                "2016-12-11 16:59:22.220 1 INFO nova.compute.manager [-] Starting instance build "
                "now",
                "2016-12-11 16:59:29.220 1 ERROR nova.compute.manager [-] Instance build timed out "
                "after polling",
                source="symptom",
            )
        ]
    )
    assert not engine.match_text(
        "2016-12-12 10:00:00.000 7 INFO nova.compute.manager [-] Starting instance build now"
    ).confident
    assert _top(
        engine.match_text(
            "2016-12-12 10:00:09.000 7 ERROR nova.compute.manager [-] Instance build "
            "timed out after polling"
        )
    )


def test_it_drops_prompts_tables_and_chatter_from_symptom_blocks(engine):
    assert all("|" not in lit and "root@node1" not in lit for lit in engine.literals())
    assert engine.match_text("Connection closed by 10.1.1.1 port 22").matches == ()


def test_it_finds_a_literal_in_every_raw_line_a_signature_matches(engine):
    lines = [
        DNSMASQ,
        MYSQL_DNS,
        "AMQP server on 10.0.0.5:5672 is unreachable: [Errno 111]. Trying again in 2 seconds.",
        "AMQP Server On 10.0.0.5:5672 Is Unreachable: [Errno 111]. Trying again in 2 seconds.",
    ]
    literals = engine.literals()
    for line in lines:
        assert engine.match_text(line).matches
        # templates compare case-blind, and so do the prefilters scanning for their literals
        assert any(fold(lit) in fold(line) for lit in literals)


def test_it_completes_on_hostile_input(engine):
    text = "\n".join(
        ["a" * 100_000, "1." * 50_000, "'" * 100_000, " " * 50_000 + "x\\", "\x00" * 100_000]
    )
    report = engine.match_text(text)
    assert report.lines_total == 5


def test_it_is_safe_to_share_between_threads(engine):
    results = []

    def work():
        results.append(_top(engine.match_text(DNSMASQ)))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["kubedns-max-concurrent-queries"] * 8


def test_it_searches_prose_and_explains(engine):
    hits = engine.search("dnsmasq concurrent queries")
    assert hits[0].slug == "kubedns-max-concurrent-queries"
    assert "dnsmasq" in hits[0].why and 0 < hits[0].score <= 1
    assert "<mark>" in hits[0].snippet_html


def test_it_searches_with_synonyms(engine):
    assert engine.search("too many requests")[0].slug == "kube-apiserver-rate-limit"


def test_it_escapes_html_in_search_snippets():
    engine = Engine.build(
        [
            _issue(
                "xss",
                title="Script <b>tags</b>",
                symptoms='<script>alert("x")</script> nginx fails when 1 < 2 & 3 > 2.',
            )
        ]
    )
    hit = engine.search("nginx fails")[0]
    assert "<script>" not in hit.snippet_html and "<b>" not in hit.snippet_html
    assert "<mark>nginx</mark> <mark>fails</mark>" in hit.snippet_html
    assert "1 &lt; 2 &amp; 3 &gt; 2" in hit.snippet_html and "&quot;x&quot;" in hit.snippet_html


def test_it_searches_nothing_for_an_empty_query(engine):
    assert engine.search("") == [] and engine.search("the of and") == []


def _ranking_kb():
    """A synthetic KB for ranking mechanics: no background corpus, so every rare word counts."""
    fillers = [
        _issue(f"filler-{n}", title=f"Unrelated subject {n}", symptoms=f"Other words {n} entirely.")
        for n in range(10)
    ]
    return Engine.build(
        fillers
        + [
            _issue(
                "apiserver-throttling",
                title="API server throttles clients",
                symptoms="Clients get HTTP 429 from the apiserver under load.",
                components=["kube-apiserver"],
            ),
            _issue(
                "scheduler-pods",
                title="Scheduler places pods badly",
                symptoms="When many pods are created the scheduler puts them on one node.",
                components=["kube-scheduler"],
            ),
        ],
        background=Background({}),
    )


def test_it_ranks_a_line_below_every_calibrated_threshold():
    engine = _ranking_kb()
    report = engine.match_text("Error from server: too many requests, please try again later")
    assert _top(report) == "apiserver-throttling"
    assert not report.matches[0].confident and report.lines_matched == 0
    assert scoring.CANDIDATE <= report.matches[0].score < CONFIDENT
    assert report.matches[0].why.startswith("Line 1 resembles the issue's description (shares ")
    assert [n for n, _text in report.unmatched] == [1]


def test_it_reads_a_phrase_as_its_concept_not_its_words():
    # "many" belongs to "too many requests" (~ratelimit), not to "many pods"
    assert scoring.view_of("too many requests", "too many requests").bound >= {"many"}
    report = _ranking_kb().match_text("Error: too many requests")
    assert [m.issue.spec.slug for m in report.matches] == ["apiserver-throttling"]


def test_it_conflates_plurals_when_ranking():
    report = _ranking_kb().match_text("ERROR scheduler placed pod on wrong node")
    assert _top(report) == "scheduler-pods"


def test_it_wants_two_pieces_of_evidence_from_a_line_of_normal_operation():
    engine = _ranking_kb()
    info = "2016-12-11 16:59:22.220 1 INFO scheduler.core [-] Scheduler tick"
    assert engine.match_text(info).matches == ()
    assert _top(engine.match_text(info.replace("INFO", "ERROR"))) == "scheduler-pods"
    both = "2016-12-11 16:59:22.220 1 INFO scheduler.core [-] Scheduler placed pods badly"
    assert _top(engine.match_text(both)) == "scheduler-pods"


def test_it_lets_the_prefix_component_break_a_tie_in_ranking():
    shared = "Requests to the backend stall under load and clients give up."
    engine = Engine.build(
        [_issue(f"filler-{n}", symptoms=f"Other words {n}.") for n in range(10)]
        + [
            _issue("in-nova", title="Backend stalls", symptoms=shared, components=["nova"]),
            _issue("in-heat", title="Backend stalls", symptoms=shared, components=["heat"]),
        ]
    )
    line = "2016-12-11 16:59:22.220 1 ERROR heat.engine.resource [-] backend stall"
    # the line counts for its best issue only; from heat, it is no lead for a nova issue
    assert [m.issue.spec.slug for m in engine.match_text(line).matches] == ["in-heat"]


def test_it_hears_authentication_alone_as_the_auth_concept():
    from kb.matching.thesaurus import concepts

    assert "~auth" in concepts(["authentication"])
    assert "~auth" in concepts(["rejected", "authorization"])


def test_it_lets_a_logger_name_a_candidate_on_a_failing_line_only():
    engine = Engine.build(
        [_issue(f"filler-{n}", symptoms=f"Other words {n} pool.") for n in range(10)]
        + [_issue("memcache", title="Overloaded memcache service", components=["memcached"])]
    )
    logger = "2016-12-18 21:04:11.552 23 {} keystonemiddleware.auth_token._memcache_pool [-] "
    failing = logger.format("CRITICAL") + "Unable to get a connection from pool after 10 seconds."
    # (read as evidence: the line shares no distinctive word with the issue, so no report lists it)
    assert _best_evidence(engine, failing) == "memcache"
    assert not any(m.confident for m in engine.match_text(failing).matches)
    routine = logger.format("INFO") + "Pool of 10 connections ready."
    assert "memcache" not in [m.issue.spec.slug for m in engine.match_text(routine).matches]


# Old oslo.log prints a remote traceback with prefix-only lines between its frames
# (nova-compute.log of uforia/OpenStackForensics, 2014): the code under a frame
# (`raise exception.NoMoreFloatingIps()`) is not a line of its own.
_TRACE = "2014-04-17 14:49:58.757 1455 TRACE nova.compute.manager"
OSLO_REMOTE_TRACEBACK = [
    f"{_TRACE} Traceback (most recent call last):",
    f"{_TRACE} ",
    f'{_TRACE}   File "/usr/lib/python2.7/dist-packages/nova/openstack/common/rpc/dispatcher.py", '
    "line 172, in dispatch",
    f"{_TRACE}     result = getattr(proxyobj, method)(ctxt, **kwargs)",
    f"{_TRACE} ",
    f'{_TRACE}   File "/usr/lib/python2.7/dist-packages/nova/db/sqlalchemy/api.py", line 798, '
    "in floating_ip_allocate_address",
    f"{_TRACE}     raise exception.NoMoreFloatingIps()",
    f"{_TRACE} ",
    f"{_TRACE} NoMoreFloatingIps: Zero floating ips available.",
    f"{_TRACE} ",
]


def test_it_keeps_prefix_only_lines_of_an_oslo_traceback_inside_it():
    groups = group_lines(OSLO_REMOTE_TRACEBACK)
    assert len(groups) == 1 and groups[0].last == 9  # the prefix-only line after the exception too
    assert groups[0].gist == f"{_TRACE} NoMoreFloatingIps: Zero floating ips available."
    assert groups[0].number == 9
    assert not any("raise exception" in g.gist or "getattr" in g.gist for g in groups)


@pytest.mark.parametrize("name", ["OpenStack_2k.log", "Linux_2k.log", "generated"])
def test_reusing_word_evidence_across_lines_changes_no_report(name, monkeypatch, tmp_path):
    """The engine computes word evidence once per scoring.word_view (lines differing only in
    values no word evidence reads); without that reuse every report is the same."""
    from tests.bench.gen_log import generate
    from tests.bench.kb_source import shipped_issue_specs
    from tests.test_false_alarms import REALLOGS

    specs = shipped_issue_specs()
    shipped = Engine.build(specs)
    if name == "generated":
        generate(tmp_path / "mixed.log", shipped, specs, lines=3000, seed=11, rate=0.01)
        text = (tmp_path / "mixed.log").read_text()
    else:
        text = (REALLOGS / name).read_text(errors="replace")
    reused = shipped.match_text(text).as_dict()
    monkeypatch.setattr(scoring, "word_view", lambda kb, view: view)
    assert shipped.match_text(text).as_dict() == reused


@pytest.mark.parametrize("tail", [
    "ERROR: connection refused by rabbitmq, the operation timed out",  # failure words, a component
    "this option is deprecated in Newton",  # a deprecation notice
])
def test_word_evidence_reads_the_head_of_a_message_only(tail):
    """Every reader of word evidence (words, failure, deprecation, components named) stops at the
    same place (scoring._head): what follows in a long line is a dump, not what happened."""
    prefix = "2016-12-11 16:59:22.220 1 INFO nova.compute [-] "
    dump = "Instance spawned: " + "k=v " * 300  # 1,218 characters, masked as they are

    def read(message):
        view = scoring.view_of(prefix + message, prefix + message)
        return view.terms, view.routine, view.failing, view.named

    assert read(f"{dump}{tail}") == read(dump)
    assert read(f"{dump[:900]}{tail}") != read(dump[:900])


def test_a_view_is_the_same_read_afresh_or_from_the_kept_messages():
    """view_of keeps what it read of recent messages and programs (scoring._KEPT): pure
    functions of their text, so a view read from them equals one read afresh."""
    from tests.test_false_alarms import REALLOGS

    lines = (REALLOGS / "OpenStack_2k.log").read_text(errors="replace").splitlines()[:400]
    lines.append("2016-12-11 16:59:22.220 1 ERROR nova.compute [-] " + "disk full " * 200)
    scoring.message_words.cache_clear()
    scoring._source_terms.cache_clear()
    scoring._failure.cache_clear()
    afresh = [scoring.view_of(line, line) for line in lines]
    assert [scoring.view_of(line, line) for line in lines] == afresh
    assert scoring.message_words.cache_info().hits >= len(lines) - 1
    scoring.message_words.cache_clear()
    scoring.view_of(lines[-1], lines[-1])
    scoring.view_of(lines[-1], lines[-1])
    assert scoring.message_words.cache_info().hits == 1  # a long message is kept by its head
    tokens = scoring.words(scoring.mask_values(scoring.parse(lines[0]).message))
    assert afresh[0].terms == frozenset(scoring.terms(tokens)) | scoring.concepts(tokens)


@pytest.mark.parametrize(
    "ends",
    [["\r"] * 3, ["\r\n"] * 3, ["\r", "\n", "\r\n"], ["\n", "\r", "\r"], ["\r\r\n"] * 3],
    ids=["lone-cr", "crlf", "mixed", "lf-then-cr", "cr-crlf"],
)
def test_every_line_end_reads_as_lf_does(engine, ends):
    """Issue 9: a paste separated by lone CRs (old Mac files, terminal captures) was one line:
    3 lines read as lines_total 1, both issues reported on "line 1". Any mix of \\n, \\r\\n and
    a lone \\r gives the report \\n does; so does \\r\\r\\n (a CRLF file written again in text mode
    on Windows), one line end, not a lone \\r and a \\r\\n."""
    lines = [NOISE[0], DNSMASQ, MYSQL_DNS]
    lf = engine.match_text("\n".join(lines) + "\n").as_dict()
    text = "".join(line + end for line, end in zip(lines, ends, strict=True))
    assert engine.match_text(text).as_dict() == lf
    assert lf["lines_total"] == 3
    assert sorted(line["number"] for m in lf["matches"] for line in m["lines"]) == [2, 3]


@pytest.mark.parametrize("end", [".", "!", "?"])
def test_why_ends_its_sentence_once_when_the_signature_ends_one(end):
    """Issue 9: a signature ending in a full stop gave `…reached.”.`; as ! and ?."""
    signature = f"Maximum number of concurrent DNS queries reached{end}"
    engine = Engine.build([_issue("dns-limit", signature)])
    assert engine.match_lines([signature]).matches[0].why == f"Line 1 matched signature “{signature}”"
    assert (engine.match_lines([signature] * 2).matches[0].why
            == f"Line 1 matched signature “{signature}”; 2 lines in all.")


def test_why_of_adds_a_full_stop_only_where_none_ends_the_sentence():
    from kb.matching.report import why_of

    assert why_of(3, "matched signature “boom”", 1) == "Line 3 matched signature “boom”."
    assert why_of(3, "matched signature “boom.”", 1) == "Line 3 matched signature “boom.”"
    assert why_of(3, "matched signature “boom?”", 2) == "Line 3 matched signature “boom?”; 2 lines in all."
    assert why_of(3, "matched signature “Boom (x3).”", 1) == "Line 3 matched signature “Boom (x3).”"
    assert why_of(3, "matched signature “boom (max: <NUM>)”", 1).endswith(")”.")


CALICO_NOT_READY = "calico/node is not ready: BIRD is not ready: BGP not established with <*>"
DESCRIBE = [  # `kubectl describe pod`: an Events table, its rows indented under its header
    "Name:         calico-node-x7k2p",
    "Events:",
    "  Type     Reason     Age              From     Message",
    "  ----     ------     ----             ----     -------",
    '  Normal   Pulled     6m               kubelet  Container image "calico/node:v3.1.3" already present',
    "  Warning  Unhealthy  2m (x3 over 5m)  kubelet  Readiness probe failed: calico/node is not ready: "
    "BIRD is not ready: BGP not established with 10.0.0.2",
    "  Normal   Started    6m               kubelet  Started container calico-node",
]


def test_a_signature_in_an_indented_row_is_shown_by_that_row_and_its_number():
    """Issue 9: `kubectl describe`'s rows join the `Events:` line above them; the match showed
    `2: Events: Type Reason Age ...` and why said line 2, not the row holding the signature."""
    engine = Engine.build([_issue("calico-bgp", CALICO_NOT_READY, components=("calico",))])
    hits = []
    report = engine.match_text("\n".join(DESCRIBE), on_hit=lambda *hit: hits.append(hit))
    match = report.matches[0]
    assert match.confident
    assert [(line.number, line.text) for line in match.lines] == [(6, DESCRIBE[5].strip())]
    assert match.why.startswith("Line 6 matched signature")
    assert hits == [(6, "calico-bgp", CALICO_NOT_READY)]
    assert report.lines_matched == 1  # still one record matched: the table is one group


def test_a_signature_across_a_backslash_wrap_is_still_shown_by_its_group():
    engine = Engine.build([_issue("calico-bgp", CALICO_NOT_READY)])
    wrapped = ["calico/node is not ready: BIRD is not ready: \\", "BGP not established with 10.0.0.2"]
    match = engine.match_lines(wrapped).matches[0]
    assert [(line.number, line.text) for line in match.lines] == [
        (1, "calico/node is not ready: BIRD is not ready: BGP not established with 10.0.0.2")]


def _pool_kb():
    """One issue whose description a routine Ceph line shares every word with."""
    fillers = [
        _issue(f"filler-{n}", title=f"Unrelated subject {n}", symptoms=f"Other words {n} entirely.")
        for n in range(10)
    ]
    pool = _issue(
        "pool-pg",
        title="Pool pg_num set too high for the OSDs",
        components=["ceph"],
        symptoms="Creating a pool fails: its pg_num is set above what the OSDs can hold.",
    )
    return Engine.build([*fillers, pool], background=Background({}))


def test_word_evidence_is_never_confident_on_a_line_that_states_no_failure():
    # ceph-mgr's `set pool 1 pg_num to 128` on a healthy cluster was a confident answer on
    # words alone (issue 9); the same words under an ERROR level still are
    engine = _pool_kb()
    mgr = "Dec 11 16:59:31 node-1 ceph-mgr[9]: "
    routine, failing = mgr + "set pool 1 pg_num to 128", mgr + "ERROR: set pool 1 pg_num to 128"
    quiet, loud = (scoring.word_evidence(engine._kb, scoring.view_of(t, t)) for t in (routine, failing))
    assert [(e.raw, e.support) for e in quiet] == [(e.raw, e.support) for e in loud]
    assert loud[0].raw >= scoring.WORD_THRESHOLD and loud[0].support >= scoring.SUPPORT_NEEDED
    assert [m.issue.spec.slug for m in engine.match_text(failing).known] == ["pool-pg"]
    report = engine.match_text(routine)
    assert not report.known and _top(report) == "pool-pg"
    assert report.matches[0].why.endswith("but the line states no failure.")


def test_a_line_whose_message_is_empty_is_no_evidence():
    """Issue 9: oslo's prefix-only line at a traceback's tail (`ERROR nova.compute.manager
    [instance: x] `, nothing after the instance tag) was a weak lead on its logger's word
    `manager` (the soft-reboot issue) in a short paste: the line says nothing."""
    from tests.bench.kb_source import shipped_issue_specs

    line = (
        "2016-05-01 12:00:00.123 1234 ERROR nova.compute.manager "
        "[instance: 2c5b9a34-6f3e-4d0e-9a41-2f5e1c0d9b7a] "
    )
    assert scoring.view_of(line, line).silent
    assert Engine.build(shipped_issue_specs()).match_text(line).matches == ()
    said = line + "Instance failed to spawn"  # the same prefix with a message is read as usual
    assert not scoring.view_of(said, said).silent


UFORIA = Path(__file__).parent / "data" / "healthy" / "uforia-OpenStackForensics__nova-compute.log"


def test_a_traceback_with_blank_lines_between_its_frames_is_one_unit():
    """Issue 9: old oslo.messaging logs a remote traceback with a blank line after each frame
    (the real nova-compute.log of uforia/OpenStackForensics, lines 2557-2583): it was a record
    per frame, the exception one more, where a traceback is one unit reported by its exception."""
    lines = UFORIA.read_text().splitlines()
    header = lines.index("Traceback (most recent call last):")
    exception = lines.index("NoMoreFloatingIps: Zero floating ips available.", header)
    assert (header + 1, exception + 1) == (2557, 2583) and lines[header + 1] == ""
    groups = group_lines(lines)
    [unit] = [g for g in groups if g.first <= header <= g.last]
    assert (unit.first, unit.last, unit.gist_line) == (header, exception, exception)
    assert unit.gist == "NoMoreFloatingIps: Zero floating ips available."
    # the line after it heads a record again, and a blank line ends any other group as before
    assert any(g.first == exception + 1 for g in groups)
    assert [(g.first, g.last) for g in group_lines(["a", "  b", "", "c", "  d"])] == [(0, 1), (3, 4)]
    after_header = group_lines(["Traceback (most recent call last):", "", "ValueError: x"])
    assert [(g.first, g.last) for g in after_header] == [(0, 0), (2, 2)]


def test_the_prefix_only_lines_after_an_oslo_traceback_are_no_records_of_their_own():
    """Issue 9: old oslo.log ends a traceback with prefix-only lines (`TRACE nova.compute.manager
    [instance: x] `, uforia's nova-compute.log): each was a record of its own."""
    from kb.matching.prefix import parse

    lines = UFORIA.read_text().splitlines()
    groups = group_lines(lines)
    tails = [g.first for g in groups if not parse(lines[g.first]).message]
    assert tails == []
    assert sum(1 for line in lines if not parse(line).message and line.strip()) > 10


# dev set 4's libvirtd line (tests/eval/dev4): libvirt's `Cannot access storage file '%s' (as
# uid:%u, gid:%u): %s` (virStorageFileReportBrokenChain), ending with strerror(ENOENT)
LIBVIRT_NO_DISK_CONFIG = (
    "2016-10-05 09:20:11.845+0000: 2871: error : virStorageFileGetMetadataRecurse:3174 : Cannot "
    "access storage file '/var/lib/nova/instances/5e1a9c7d-2b3f-4d60-8e1a-9b2c3d4e5f60/disk.config' "
    "(as uid:107, gid:107): No such file or directory"
)


def test_a_system_error_text_is_no_key_that_contradicts_a_signature():
    """The config drive issue's signature is qemu's `Could not open '%s': %s` with ENOENT's text,
    which libvirt's own message about the same missing disk.config ends with too: that is
    another message, not one saying the signature otherwise, so its words are not capped."""
    qemu = "-drive file=<*>/disk.config,<*>Could not open '<*>': No such file or directory"
    engine = Engine.build([_issue("config-drive", qemu, components=["nova", "libvirt"])])
    view = scoring.view_of(LIBVIRT_NO_DISK_CONFIG, LIBVIRT_NO_DISK_CONFIG)
    assert not scoring.contradicted_issues(engine._kb, view)
    # ssh's `connect to host %s port %d: %s` with ETIMEDOUT's text does not contradict libvirt's
    # `Cannot recv data: %s` either
    engine = Engine.build([_issue("recv", "Cannot recv data: <*>Connection timed out")])
    ssh = "ssh: connect to host 11.62.0.8 port 22: Connection timed out"
    assert not scoring.contradicted_issues(engine._kb, scoring.view_of(ssh, ssh))


def test_a_key_saying_more_than_a_system_error_still_contradicts_a_signature():
    """dev set 2's nginx line holds `: Connection timed out) while proxying connection`, more than
    ETIMEDOUT's text, and not the signature's `connection timed out (`: it still contradicts it."""
    signature = "connection timed out (110: Connection timed out) while proxying connection"
    engine = Engine.build([_issue("proxy", signature)])
    nginx = ("2016/12/07 11:22:44 [error] 21#21: *1853204 upstream timed out (110: Connection timed "
             "out) while proxying connection, client: 127.0.0.1, server: 127.0.0.1:6443")
    assert scoring.contradicted_issues(engine._kb, scoring.view_of(nginx, nginx))


def test_a_quoted_file_or_volume_names_what_failed():
    """dev set 4's two `Cannot access storage file` lines differ only in the quoted value: a
    config drive on the instance's directory, a Ceph volume (`rbd:volumes/volume-<uuid>`).
    Word evidence reads those names (normalize.mask_words), so each ranks its own issue first."""
    drive = _issue("config-drive", components=["nova", "libvirt"], title="Config drive breaks migration",
                   symptoms="libvirt cannot access the storage file disk.config of the config drive.")
    ceph = _issue("ceph-volume", components=["nova", "libvirt"], title="Ceph volume breaks migration",
                  symptoms="libvirt cannot access the storage file of an attached RBD volume.")
    engine = Engine.build([drive, ceph])
    prefix = ("2016-09-21 14:10:31.090 4412 ERROR nova.virt.libvirt.driver [-] [instance: "
              "7b0f4c2e-1d3a-4e6b-8f9a-0b1c2d3e4f5a] Live Migration failure: Cannot access storage file ")
    rbd = prefix + "'rbd:volumes/volume-0d1e2f3a-4b5c-6d7e-8f9a-0b1c2d3e4f5a' (as uid:107, gid:107): No such"
    local = prefix + "'/var/lib/nova/instances/7b0f4c2e-1d3a-4e6b-8f9a-0b1c2d3e4f5a/disk.config': No such"
    assert _best_evidence(engine, rbd) == "ceph-volume"
    assert _best_evidence(engine, local) == "config-drive"


def test_a_quoted_value_may_be_written_by_its_ending():
    """libvirt quotes the whole path of the disk it cannot access; the config drive issue's
    signature says only its file, `'<*>/disk.config'`. The same message about another file (the
    root disk, a Ceph volume) contradicts it, and the contradicted signature's words are no
    evidence for its issue: dev set 4's Ceph volume line ranks the volume's issue first."""
    drive = _issue("config-drive", "Cannot access storage file '<*>/disk.config'", components=["libvirt"],
                   symptoms="libvirt cannot access the storage file disk.config of the config drive.")
    ceph = _issue("ceph-volume", components=["nova", "libvirt"], title="Ceph volume breaks migration",
                  symptoms="libvirt cannot access the storage file of an attached RBD volume.")
    engine = Engine.build([drive, ceph])
    known = [m.issue.spec.slug for m in engine.match_text(LIBVIRT_NO_DISK_CONFIG).known]
    assert known == ["config-drive"]
    assert not engine.match_text(LIBVIRT_NO_DISK_CONFIG.replace("disk.config", "disk")).known
    rbd = LIBVIRT_NO_DISK_CONFIG.replace(
        "/var/lib/nova/instances/5e1a9c7d-2b3f-4d60-8e1a-9b2c3d4e5f60/disk.config",
        "rbd:volumes/volume-0d1e2f3a-4b5c-6d7e-8f9a-0b1c2d3e4f5a")
    assert _best_evidence(engine, rbd) == "ceph-volume"
    # the signature reads in reports as its author wrote it
    assert "signature “Cannot access storage file '<*>/disk.config'”" in (
        engine.match_text(LIBVIRT_NO_DISK_CONFIG).known[0].why)


def test_matching_under_a_cpu_budget_stops_when_it_runs_out():
    from kb.matching.budget import CHECK_EVERY, MatchTooCostly

    engine = Engine.build([])
    lines = ["2016-12-11 16:59:22.220 1 ERROR nova.compute.manager [-] something failed"] * (2 * CHECK_EVERY)
    with pytest.raises(MatchTooCostly) as refused:
        engine.match_lines(lines, cpu_seconds=0)
    assert refused.value.limit == 0 and refused.value.total == 2 * CHECK_EVERY
    assert refused.value.done in (0, CHECK_EVERY)
    assert engine.match_lines(lines, cpu_seconds=60).records_total == 2 * CHECK_EVERY
