"""Shared setup of the tests: objects built in code (no fixtures files), tokens, headers."""

import pytest
from django.contrib.auth import get_user_model

from kb.matching.report import IssueMatch, IssueRecord, LineHit, MatchReport
from kb.matching.types import IssueSpec
from kb.models import ApiToken, Component, Document, Issue, IssueRelation, Signature, UpstreamLink

DNS_LINE = ("I1211 16:59:31.000000 1 nanny.go:108] "
    "dnsmasq[7]: Maximum number of concurrent DNS queries reached (max: 150)")
DNS_SIGNATURE = "Maximum number of concurrent DNS queries reached (max: <NUM>)"
RABBIT_LINE = "oslo.messaging._drivers.impl_rabbit AMQP server on 10.0.0.5:5672 is unreachable: timed out"
RABBIT_SIGNATURE = "AMQP server on <*> is unreachable"
QUIET_LINE = "INFO nova.compute.manager Took 2.31 seconds to spawn the instance on the hypervisor"
# A curated line of 499 characters, and one that goes on after a space: the parser cuts the
# second to the 500 characters a signature may hold, space included (Signature.clean() strips it).
CUT = "ERROR nova.compute.manager " + "x" * 472
CUT_AFTER_A_SPACE = ("Broken\n======\n\nSymptoms\n--------\n\nIt breaks.\n\n"
                     f"Log signatures\n--------------\n\n::\n\n    {CUT} and the rest of it\n    {CUT}\n")


@pytest.fixture(autouse=True)
def no_throttle(settings):
    """Anonymous throttling is tested on its own; elsewhere it would make the suite order-dependent."""
    settings.KB_ANON_THROTTLE = None


def make_document(slug="dns-report", path="reports/dns-report.rst", title="DNS report") -> Document:
    return Document.objects.create(slug=slug, path=path, title=title, sha256="0" * 64, content="DNS\n===\n")


def make_issue(slug="kubedns-max-queries", *, title="KubeDNS drops queries under load", status="fixed",
               components=("kubedns", "dnsmasq"), signatures=(DNS_SIGNATURE,), document=None,
               links=(), **fields) -> Issue:
    fields = {
        "symptoms": "DNS lookups time out; dnsmasq logs:\n\n    Maximum number of concurrent DNS queries",
        "root_cause": "dnsmasq allows **150** concurrent forwarded queries by default.",
        "solution": "Raise `--dns-forward-max` to 1000.\nRestart the kube-dns pods.",
        "environment": "Kubernetes 1.5",
        **fields,
    }
    issue = Issue.objects.create(slug=slug, title=title, status=status, document=document, **fields)
    issue.components.set([Component.objects.get_or_create(name=name)[0] for name in components])
    for text in signatures:
        Signature.objects.create(issue=issue, text=text, source=Signature.Source.CURATED)
    for position, (url, kind, label, link_status) in enumerate(links):
        UpstreamLink.objects.create(issue=issue, url=url, kind=kind, label=label, status=link_status,
                                    position=position)
    return issue


def make_knowledge() -> dict[str, Issue]:
    """Two related issues with signatures, upstream links and a source document."""
    document = make_document()
    dns = make_issue(document=document, anchor="kube-dns-drops-queries", line=12, links=[
        ("https://bugs.launchpad.net/fuel-ccp/+bug/1650523", UpstreamLink.Kind.LAUNCHPAD_BUG, "LP#1650523",
         UpstreamLink.Status.FIXED),
    ])
    rabbit = make_issue(
        "rabbitmq-unreachable", title="RabbitMQ unreachable after a network partition", status="workaround",
        components=("rabbitmq", "oslo.messaging"), signatures=(RABBIT_SIGNATURE,), document=document,
        symptoms="Services lose their RPC connection.", root_cause="A network partition.",
        solution="", workaround="Restart the rabbitmq pods one by one.", environment="OpenStack Newton",
    )
    IssueRelation.objects.create(from_issue=dns, to_issue=rabbit, kind=IssueRelation.Kind.CAUSED_BY)
    return {"dns": dns, "rabbit": rabbit}


def make_user(username="bot", *, staff=True):
    return get_user_model().objects.create_user(username, password="not-used-by-tokens", is_staff=staff)


def make_token(user=None, *, write=False, expires_at=None) -> str:
    """A token's key, as a client would hold it."""
    return ApiToken.create_for(user or make_user(), "tests", write=write, expires_at=expires_at)[1]


def token_header(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def issue_match(slug: str, *, title="", status="", url="", remedy="", lines=(), score=0.9,
                confident=True, needs_review=False) -> IssueMatch:
    """A match as the engine makes one; `lines` as (number, text, signature) triples."""
    spec = IssueSpec(slug=slug, title=title or slug, status=status, url=url or f"/issues/{slug}/",
                     needs_review=needs_review)
    hits = tuple(LineHit(*line) for line in lines)
    return IssueMatch(issue=IssueRecord(spec, frozenset(), remedy, ()), score=score, confident=confident,
                      lines=hits, line_count=len(hits), why="")


def matched(issue: Issue, *signatures: str | None, confident=True) -> IssueMatch:
    """A match of `issue`: a line per signature that fired (None: a line matched by its words)."""
    return issue_match(issue.slug, title=issue.title, status=issue.status, url=issue.get_absolute_url(),
                       lines=[(n, "...", s) for n, s in enumerate(signatures, 1)],
                       score=0.9 if confident else 0.3, confident=confident)


def report_of(*matches: IssueMatch, unmatched=(), lines_total=10) -> MatchReport:
    """A report of these matches; `unmatched`, lines no issue explains, numbered from 1."""
    return MatchReport(matches, lines_total, len(matches), tuple(enumerate(unmatched, 1)), len(unmatched))
