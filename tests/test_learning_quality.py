"""check_signatures: signatures that fire on healthy logs are flagged too broad (elastic-recheck's 10 %)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kb.learning.models import SignatureQuality
from kb.models import Issue, Signature

pytestmark = pytest.mark.django_db

TS = "2024-05-20 12:00:{s:02d}.100 311"
HEALTHY = [
    TS + " INFO nova.compute.manager [req-{n:08x}-aaaa-4bbb-8ccc-{n:012x} - - - - -] "
    "Took {n}.{s} seconds to spawn the instance on the hypervisor.",
    TS + " INFO neutron.agent.dhcp Synchronizing state complete for network {n}",
    "Dec 11 16:59:{s:02d} node-{n} kubelet[{n}]: I1211 16:59:{s:02d}.552018 {n} kubelet.go:1234] SyncLoop",
]
BROAD_LINE = ("2024-05-20 12:00:30.000 311 WARNING oslo_db.sqlalchemy.engines "
              "MySQL server has gone away, reconnecting to the database")
RARE_LINE = ("2024-05-20 12:00:40.000 311 ERROR cinder.volume.manager "
             "Volume backend lvmdriver-1 is not initialized")
DNS = "Maximum number of concurrent DNS queries reached (max: <NUM>)"


def make_signature(slug: str, text: str) -> Signature:
    issue = Issue.objects.create(slug=slug, title=slug.replace("-", " ").capitalize(), symptoms="It breaks.")
    return Signature.objects.create(issue=issue, text=text, source=Signature.Source.CURATED)


@pytest.fixture
def signatures():
    return {
        "broad": make_signature("db-gone-away", "MySQL server has gone away, reconnecting to the database"),
        "rare": make_signature("lvm-not-ready", "Volume backend <*> is not initialized"),
        "specific": make_signature("dns-limit", DNS),
    }


@pytest.fixture
def healthy_logs(tmp_path):
    """Ten healthy logs: the broad line in eight of them, the rare line in one (10 %, not more)."""
    paths = []
    for f in range(10):
        lines = [template.format(n=f * 100 + i, s=i % 60) for i in range(40) for template in HEALTHY]
        if f < 8:
            lines.insert(17, BROAD_LINE)
        if f == 9:
            lines.insert(5, RARE_LINE)
        path = tmp_path / f"healthy-{f}.log"
        path.write_text("\n".join(lines) + "\n")
        paths.append(path)
    return paths


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("check_signatures", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_flags_a_signature_that_fires_on_most_healthy_logs(signatures, healthy_logs):
    out, _ = run(*healthy_logs)
    broad = SignatureQuality.objects.get(signature=signatures["broad"])
    assert (broad.too_broad, broad.healthy_hits, broad.checked_files) == (True, 8, 10)
    assert "TOO BROAD      8/10 files" in out
    assert "1 too broad" in out


def test_it_does_not_flag_a_specific_signature(signatures, healthy_logs):
    run(*healthy_logs)
    specific = SignatureQuality.objects.get(signature=signatures["specific"])
    assert (specific.too_broad, specific.healthy_hits) == (False, 0)


def test_exactly_ten_percent_is_not_too_broad(signatures, healthy_logs):
    out, _ = run(*healthy_logs)
    rare = SignatureQuality.objects.get(signature=signatures["rare"])
    assert (rare.too_broad, rare.healthy_hits) == (False, 1)
    assert "ok             1/10 files" in out


def test_a_later_run_replaces_the_verdict(signatures, healthy_logs):
    run(*healthy_logs)
    run(*healthy_logs[8:])  # the two files without the broad line
    broad = SignatureQuality.objects.get(signature=signatures["broad"])
    assert (broad.too_broad, broad.healthy_hits, broad.checked_files) == (False, 0, 2)
    assert SignatureQuality.objects.count() == 3


def test_a_dry_run_stores_nothing(signatures, healthy_logs):
    out, _ = run("--dry-run", *healthy_logs)
    assert "TOO BROAD" in out
    assert not SignatureQuality.objects.exists()


def test_an_unreadable_file_is_reported_and_the_others_checked(signatures, healthy_logs, tmp_path):
    with pytest.raises(CommandError, match="1 file"):
        run(tmp_path / "missing.log", *healthy_logs)
    assert SignatureQuality.objects.get(signature=signatures["broad"]).checked_files == 10


def test_the_admin_and_the_report_show_the_flag(client, admin_client, signatures, healthy_logs):
    run(*healthy_logs)
    page = client.get("/reports/signatures/").content.decode()
    assert "MySQL server has gone away, reconnecting to the database" in page
    listing = admin_client.get("/admin/learning/signaturequality/?too_broad__exact=1")
    assert [q.signature for q in listing.context["cl"].result_list] == [signatures["broad"]]
