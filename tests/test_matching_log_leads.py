"""What a line's words must be to make a weak lead in a whole log (scoring._lead_need,
scoring._log_lead_words; issue 9, points 3 and 7).

A team's imported runbooks gave weak leads on healthy logs (tests/eval/imported_false_alarms.py):
on lines that state no failure, on words two systems of the background corpus use, on one word
read as two (a compound and its part), on words only a root cause says, on a date's day name.
Each rule is tested on a small knowledge base; a short paste keeps its count (a person picked
the lines).
"""

from kb.matching import Engine, IssueSpec, scoring
from kb.matching.background import Background
from kb.matching.engine import is_short
from kb.matching.grouping import group_lines

ROUTINE = [f"2022-02-10 16:14:{n:02d}.000 1234 INFO keeper.loop [-] Loop pass {n} complete"
           for n in range(12)]


def _engine(*issues: IssueSpec, background: Background | None = None) -> Engine:
    fillers = [IssueSpec(slug=f"filler-{n}", title=f"Unrelated subject {n}",
                         symptoms=f"Other words {n} entirely.") for n in range(10)]
    return Engine.build([*fillers, *issues], background=background or Background({}))


def _lead(engine: Engine, line: str, slug: str, *, short: bool) -> bool:
    """Whether the line's word evidence for `slug` is a weak lead (short paste or whole log)."""
    view = scoring.view_of(line, line)
    kb = engine._kb
    return any(kb.issues[e.issue].spec.slug == slug and e.is_lead(short)
               for e in scoring.word_evidence(kb, view))


def _leads(engine: Engine, lines: list[str]) -> list[str]:
    return [m.issue.spec.slug for m in engine.match_lines(lines).leads]


QDISC = IssueSpec(slug="qdisc-mismatch", title="Tunnel qdisc noqueue drops with a jumbo mtu",
                  symptoms="The tunnel interface shows qdisc noqueue and a jumbo mtu.")


def test_a_line_that_states_no_failure_is_no_lead_in_a_whole_log():
    engine = _engine(QDISC)
    quiet = "Stdout: 42: qr-12e68352-b3: tunnel mtu 1500 qdisc noqueue"
    loud = "Stdout: 42: qr-12e68352-b3: tunnel mtu 1500 qdisc noqueue: error"
    assert not scoring.view_of(quiet, quiet).failing and scoring.view_of(loud, loud).failing
    assert _lead(engine, quiet, "qdisc-mismatch", short=True)  # a person picked it out
    assert not _lead(engine, quiet, "qdisc-mismatch", short=False)
    assert _lead(engine, loud, "qdisc-mismatch", short=False)
    assert _leads(engine, [*ROUTINE, quiet]) == []
    assert _leads(engine, [*ROUTINE, loud]) == ["qdisc-mismatch"]


def test_a_compound_and_its_part_are_one_word_for_a_whole_log_lead():
    engine = _engine(IssueSpec(slug="innodb-pages", title="InnoDB pages corrupted",
                               symptoms="InnoDB reports corrupted tablespace pages."))
    # tokens.words reads `InnoDB` as innodb and its part inno: one word of the line
    one = "ERROR: InnoDB: ibdata1 is fine"
    two = "ERROR: InnoDB: tablespace ibdata1 is fine"
    assert not _lead(engine, one, "innodb-pages", short=False)
    assert _lead(engine, two, "innodb-pages", short=False)


def test_a_word_two_background_systems_use_is_no_lead_word_in_a_whole_log():
    issue = IssueSpec(slug="socket-gone", title="Transport endpoint is not connected after remount",
                      symptoms="The mount reports: transport endpoint is not connected.")
    line = "ERROR getpeername (ftpd): Transport endpoint is not connected"
    unseen = _engine(issue)
    seen = _engine(issue, background=Background({"sources": 21, "terms": {"transport": 2, "connected": 2}}))
    assert _lead(unseen, line, "socket-gone", short=False)
    assert not _lead(seen, line, "socket-gone", short=False)
    assert _lead(seen, line, "socket-gone", short=True)  # a short paste keeps its count
    # below COMMON_SOURCES the word still counts for confidence: only leads read it stricter
    assert not seen._kb.index.background.is_common("transport")


def test_words_only_the_root_cause_says_are_no_lead_words_in_a_whole_log():
    line = "ERROR rabbit: AMQP server on 10.0.0.1:5672 is unreachable: too many retries"
    said = _engine(IssueSpec(slug="amqp", title="AMQP on 5672 unreachable with too many retries",
                             symptoms="Port 5672 refuses: too many retries."))
    explained = _engine(IssueSpec(slug="amqp", title="Broker checks",
                                  root_cause="Port 5672 refuses: too many retries."))
    assert _lead(said, line, "amqp", short=False)
    assert not _lead(explained, line, "amqp", short=False)


def test_a_day_name_is_no_lead_word():
    engine = _engine(IssueSpec(slug="hpa", title="Autoscaler stalls",
                               symptoms="Events: Wed 2022 autoscaler stalls"))
    assert not _lead(engine, "ERROR finished at Wed, 09 Feb 2022 22:40:03 +0000", "hpa", short=False)


def test_a_word_inside_a_component_name_the_line_says_is_no_lead_word_in_a_whole_log():
    # tokens.words reads `MySQL` as mysql and its part sql; mysql, a component's name, is not
    # counted, nor is its part (a sunbeam service's DB error was a lead for an Ansible task's)
    engine = _engine(IssueSpec(slug="db-bootstrap", title="Database bootstrap fails",
                               symptoms="The task fails with 2003: Can't connect to MySQL server.",
                               components=("mysql",)))
    named = ("ERROR cinder oslo_db.exception.DBError: (pymysql.err.OperationalError) "
             "(2003, \"MySQL server on 'db.example.org' went away\")")
    said = "ERROR database: SQL error 2003"
    assert not _lead(engine, named, "db-bootstrap", short=False)
    assert _lead(engine, named, "db-bootstrap", short=True)  # a short paste keeps its count
    assert _lead(engine, said, "db-bootstrap", short=False)
    # (The line was `DBConnectionError ... Can't connect to MySQL server ...` until 2026-12-08: it
    # shares a failed connection with the issue too, which `db`, the word that raised that concept,
    # hid while a two-letter word was a distinctive word; 2003 and a failed connection make a lead.)


def test_one_token_of_a_line_counts_once_for_a_whole_log_lead():
    # a path, a URL, a dotted key names one thing, however many of an issue's words its name
    # holds (a kind node's journal, tests/data/healthy4; a controller manager, tests/data/healthy)
    engine = _engine(IssueSpec(slug="cgroup-leak", title="Pod cgroups leak under kubepods",
                               symptoms="The cgroup of a deleted pod stays under kubepods."))
    path = ("W0817 16:23:49.446682     191 container.go:586] Failed to update stats for container: "
            "/sys/fs/cgroup/cpuset/kubelet/kubepods/besteffort/pod53: no such file")
    said = "W0817 16:23:49.446682     191 container.go:586] the cgroup under kubepods is gone"
    assert scoring.view_of(path, path).tied
    assert not _lead(engine, path, "cgroup-leak", short=False)
    assert _lead(engine, path, "cgroup-leak", short=True)
    assert _lead(engine, said, "cgroup-leak", short=False)
    url = ("E0211 19:15:08.324429   77461 clusterroleaggregation_controller.go:226] edit failed with : "
           'Patch "https://127.0.0.1:6443/apis/rbac.authorization.k8s.io/v1/clusterroles/edit?timeout=10s"')
    rbac = _engine(IssueSpec(slug="rbac", title="Clusterroles rejected by RBAC authorization",
                             symptoms="clusterroles are forbidden by the RBAC authorization mode"))
    assert not _lead(rbac, url, "rbac", short=False)


MIGRATION = IssueSpec(slug="migration-stuck", title="Live migration never converges",
                      symptoms="The guest's live migration runs for hours.")
# a guest's qemu log (tests/data/healthy/hotsos__libvirt-qemu-instance-00000002.log): libvirt's
# command line, backslash-wrapped, is one logical line of many lines of the file
QEMU_COMMAND = ["LC_ALL=C \\", "PATH=/usr/local/sbin:/usr/bin \\", "/usr/bin/qemu-system-x86_64 \\",
                *[f"-device virtio-rng-pci,id=rng{n} \\" for n in range(12)], "-msg timestamp=on"]
MIGRATING = "2022-02-10 16:18:31.313+0000: initiating migration"


def test_a_paste_is_as_short_as_its_lines_as_pasted():
    engine = _engine(MIGRATION)
    # one word, on a line that states no failure: a lead only among lines a person picked
    assert _leads(engine, [MIGRATING]) == ["migration-stuck"]
    report = engine.match_lines([*QEMU_COMMAND, MIGRATING])
    assert (report.records_total, report.lines_total) == (2, 17)
    assert not report.leads  # 2 logical lines, but 17 lines of a log: nobody picked them
    # blank lines are no lines of the log
    assert _leads(engine, ["", MIGRATING, "", "", "", "", "", "", "", "", "", ""]) == ["migration-stuck"]
    # a stack trace is one failure however long: a person picks it whole
    python = ["Traceback (most recent call last):",
              *[f'  File "/usr/lib/python3/dist-packages/nova/m{n}.py", line {n}, in f{n}\n    f()'
                for n in range(8)], "RuntimeError: live migration stuck"]
    java = ["java.lang.IllegalStateException: live migration stuck",
            *[f"    at org.example.Migrator.step{n}(Migrator.java:{n})" for n in range(12)]]
    for trace in (python, java):
        lines = "\n".join(trace).split("\n")
        assert len(lines) > scoring.SHORT_PASTE
        assert is_short(group_lines(lines), lines)
    assert not is_short(group_lines(QEMU_COMMAND), QEMU_COMMAND)


# Kubernetes' API server denies a request in one format (kubernetes/apiserver's forbiddenMessage,
# wrapped by apimachinery's errors.NewForbidden), which a kube-controller-manager starting before
# RBAC is bootstrapped logs (tests/data/healthy4's controller-manager, line 9)
DENIED = ('E0127 14:37:24.707723       1 leaderelection.go:325] error retrieving resource lock '
          'kube-system/kube-controller-manager: leases.coordination.k8s.io "kube-controller-manager" is '
          'forbidden: User "system:kube-controller-manager" cannot get resource "leases" in API group '
          '"coordination.k8s.io" in the namespace "kube-system"')
MANAGED = IssueSpec(slug="managed-namespace", title="The kube-system namespace is managed",
                    symptoms='The webhook logs: leases.coordination.k8s.io is forbidden: User '
                             '"system:serviceaccount:cm:webhook" cannot create resource "leases" in API '
                             'group "coordination.k8s.io" in the namespace "kube-system": GKEAutopilot '
                             'authz: the namespace "kube-system" is managed.')


def test_the_words_of_a_library_s_message_format_are_no_lead_words_in_a_whole_log():
    # as in the knowledge a team imports: `kube` and `system` common, `leases` in two ordinary logs
    engine = _engine(MANAGED, background=Background(
        {"sources": 21, "terms": {"kube": 3, "system": 3, "leases": 2}}))
    formatted = scoring.view_of(DENIED, DENIED).formatted
    assert {"forbidden", "namespace", "user", "resource", "~auth"} <= formatted  # ~auth: forbidden, User
    assert not _lead(engine, DENIED, "managed-namespace", short=False)
    assert _lead(engine, DENIED, "managed-namespace", short=True)  # a short paste keeps its count
    # the same words outside the format are the line's own
    own = "E0127 14:37:24.707723 1 lease.go:12] leases.coordination.k8s.io forbidden in namespace kube-system"
    assert not scoring.view_of(own, own).formatted
    assert _lead(engine, own, "managed-namespace", short=False)


VAULT = IssueSpec(slug="designate-vault", title="Designate and Vault at Ocata and earlier",
                  symptoms="The designate charm for OpenStack releases Pike and earlier does not yet "
                           "support SSL via Vault and the certificates relation.")


def test_resemblance_alone_is_no_lead_in_a_whole_log():
    # a charm's status at install (tests/data/healthy5's nova-compute unit log): two of the
    # issue's words, which explain little of the line (word evidence under CANDIDATE); the
    # ranking still offers it as a possible answer of a short paste
    engine = _engine(VAULT)
    line = ("2022-02-04 09:37:53 WARNING unit.nova-compute/0.juju-log server.go:327 vault relation is "
            "missing and must be related for functionality.")
    [evidence] = [e for e in scoring.word_evidence(engine._kb, scoring.view_of(line, line))
                  if engine._kb.issues[e.issue].spec.slug == "designate-vault"]
    assert evidence.raw < scoring.CANDIDATE <= evidence.score and evidence.log_distinct >= 2
    assert not _lead(engine, line, "designate-vault", short=False)
    assert _lead(engine, line, "designate-vault", short=True)
    assert _leads(engine, [*ROUTINE, line]) == []
    explained = ("2022-02-04 09:37:53 WARNING unit.designate/0.juju-log server.go:327 vault certificates "
                 "relation unsupported")
    assert _leads(engine, [*ROUTINE, explained]) == ["designate-vault"]
