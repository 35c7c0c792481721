"""Unmatched lines -> masked templates -> clusters (pure code, no database)."""

import re
from pathlib import Path

from kb.learning.clustering import cluster_lines, mask_line, template_of, truncate

HEALTHY = Path(__file__).resolve().parent / "data" / "healthy"
REAL_NOVA = HEALTHY / "uforia-OpenStackForensics__nova-compute.log"

NOVA_A = (
    "2016-12-11 16:59:22.220 1234 ERROR nova.compute.manager [req-6b8a2e1c-1f4e-4c7b-9a4e-2b1f0f3a1d2c "
    "- - - - -] Instance 6b8a2e1c-1f4e-4c7b-9a4e-2b1f0f3a1d2c failed to attach volume "
    "on 10.0.0.7 after 3 tries"
)
NOVA_B = (
    "2016-12-12 01:02:03.004 987 ERROR nova.compute.manager [req-0f0e0d0c-0b0a-4999-8888-777766665555 "
    "- - - - -] Instance 0f0e0d0c-0b0a-4999-8888-777766665555 failed to attach volume "
    "on 192.168.1.20 after 12 tries"
)


def test_it_clusters_lines_that_differ_only_in_ids_addresses_and_numbers():
    clusters = cluster_lines([NOVA_A, NOVA_B])
    assert len(clusters) == 1
    (cluster,) = clusters
    assert cluster.count == 2
    assert cluster.text == "Instance <UUID> failed to attach volume on <IP> after <NUM> tries"
    assert cluster.logger == "nova.compute.manager"


def test_it_keeps_different_messages_apart():
    other = NOVA_A.replace("failed to attach volume", "failed to detach volume")
    assert len(cluster_lines([NOVA_A, other])) == 2


def test_it_takes_the_program_from_a_syslog_prefix():
    template = template_of("Dec 11 16:59:31 node-3 dnsmasq[123]: failed to allocate lease for 10.1.2.3")
    assert template.program == "dnsmasq"
    assert template.text == "failed to allocate lease for <IP>"


def test_it_skips_short_noise_and_info_lines():
    assert template_of("connection refused") is None  # two words
    assert template_of("---- 12 ---- 0x1f ----") is None
    assert template_of("") is None
    info = "2016-12-11 16:59:22.220 1234 INFO nova.compute.manager Instance spawned in 12 s"
    debug = "2016-12-11 16:59:22.220 1234 DEBUG oslo.db Connection pool at size 5 of 10"
    assert template_of(info) is None
    assert template_of(debug) is None


def test_it_skips_traceback_frames_but_keeps_the_exception():
    assert template_of('  File "/usr/lib/python2.7/site-packages/nova/compute.py", line 12, in spawn') is None
    assert template_of("Traceback (most recent call last):") is None
    joined = (
        'Traceback (most recent call last): File "/usr/lib/python2.7/site-packages/oslo_messaging/rpc.py", '
        "line 174, in call raise exceptions.NotFound(msg) oslo_messaging.exceptions.MessagingTimeout: "
        "Timed out waiting for a reply to message ID 4a1b2c3d4e5f60718293a4b5c6d7e8f9"
    )
    template = template_of(joined)
    assert template.text == (
        "oslo_messaging.exceptions.MessagingTimeout: Timed out waiting for a reply to message ID <HEX>"
    )


def test_it_skips_the_code_oslo_prints_indented_under_a_frame_in_a_real_nova_log():
    """oslo.log writes a traceback line by line under the record's prefix, frames and code
    indented; a paste that starts below a traceback's header reaches the queue line by line.
    `rpc_amqp.get_connection_pool(conf, Connection))`, the code under a frame of this real
    nova-compute log, was queued as an unknown error (the matcher already reads such a line
    as never evidence); the exception that ends the traceback is still queued."""
    lines = REAL_NOVA.read_text(encoding="utf-8").splitlines()
    indented = [line for line in lines if re.search(r" TRACE nova[\w.]* (?:\[[^\]]*\] )? {3}", line)]
    assert len(indented) > 100
    assert [cluster.text for cluster in cluster_lines(indented)] == []
    said = "NoMoreFloatingIps: Zero floating ips available."
    exception = next(line for line in lines if line.endswith(f"] {said}"))
    assert template_of(exception).text == said


def test_it_skips_the_sentences_python_chains_exceptions_with():
    """Python writes a fixed sentence between chained tracebacks; from a real cinder-scheduler
    log (tests/data/healthy, hotsos-sunbeam) both were queued as unknown errors."""
    lines = (HEALTHY / "hotsos-sunbeam__cinder-scheduler.log").read_text(encoding="utf-8").splitlines()
    chained = [line for line in lines if line.endswith(("During handling of the above exception, another "
                                                         "exception occurred:", "The above exception was the "
                                                         "direct cause of the following exception:"))]
    assert len(chained) >= 2
    assert [template_of(line) for line in chained] == [None] * len(chained)


def test_it_looks_at_no_more_lines_than_the_limit():
    lines = [f"worker {n} could not reach the message queue at 10.0.0.{n % 250}" for n in range(1000)]
    (cluster,) = cluster_lines(lines, limit=200)
    assert cluster.count == 200


def test_it_never_leaves_half_a_placeholder():
    assert truncate("abc <NUM> def <UUID>", 18) == "abc <NUM> def"
    assert truncate("short", 18) == "short"


def test_a_clipped_line_loses_the_ellipsis():
    template = template_of("cinder volume backend reported an unexpected state " + "x" * 40 + "…")
    assert not template.text.endswith("…")


def test_the_sample_is_masked():
    (cluster,) = cluster_lines([NOVA_A])
    assert "10.0.0.7" not in cluster.sample
    assert "6b8a2e1c" not in cluster.sample
    assert cluster.sample == mask_line(NOVA_A)
    assert "<UUID>" in cluster.sample


def test_secrets_are_masked_in_the_template_the_sample_and_the_prefix_whatever_their_shape():
    lines = [
        "2024-05-20 12:00:01.123 7 ERROR keystone.auth Authentication failed for admin with "
        f"password={secret} from controller"
        for secret in ("CorrectHorseBatteryStaple", "gAAAAABmZqYJdT3stTokenValueQ", "Sup3rS3cretValue42")
    ]
    (cluster,) = cluster_lines(lines)
    assert cluster.count == 3
    assert cluster.text == "Authentication failed for admin with password=<SECRET> from controller"
    assert cluster.sample == (
        "<TS> 7 ERROR keystone.auth Authentication failed for admin with password=<SECRET> from controller"
    )
    for line, secret in [
        ("ERROR glance.api Authorization: Bearer OnlyLettersToken rejected by keystone", "OnlyLettersToken"),
        ("ERROR nova.db mysql+pymysql://nova:Passw0rd@10.0.0.5/nova refused the login", "Passw0rd"),
        ('ERROR x.y Request {"auth": {"passwordCredentials": {"password": "two words"}}} failed badly',
         "two words"),
        ("ERROR glance.api X-Auth-Token: k8sToken rejected by keystone middleware", "k8sToken"),
    ]:
        template = template_of(line)
        assert template is not None and secret not in template.text and "<SECRET>" in template.text, line
        assert secret not in mask_line(line)


def test_host_pod_and_interface_names_are_one_cluster():
    lines = [
        f"Server keystone-api/{host} is DOWN, reason: Layer4 connection problem"
        for host in ("compute-7", "compute-112", "ctrl-3", "kube-worker-41")
    ] + [
        f'Error syncing pod ("{pod}_openstack"), skipping: CrashLoopBackOff: "Back-off {wait} restarting"'
        for pod, wait in (("nova-api-7d9f8b6c4-x2x4k", "5m0s"), ("keystone-ea711dc686-cff34", "40s"))
    ] + [f"{tap}: removing policing failed: No such device" for tap in ("tap8a29110d-b2", "tapf191bcbe-a3")]
    assert sorted((c.count, c.text) for c in cluster_lines(lines)) == [
        (2, '<*>: removing policing failed: No such device'),
        (2, 'Error syncing pod ("<*>"), skipping: CrashLoopBackOff: "Back-off <NUM> restarting"'),
        (4, "Server keystone-api/<*> is DOWN, reason: Layer<NUM> connection problem"),
    ]


def test_names_with_a_single_digit_are_kept_and_numbered_stems_masked():
    assert template_of("k8s.io/client-go: Failed to list *v1.Pod from vm57").text == (
        "k8s.io/client-go: Failed to list *v<NUM>.Pod from vm<NUM>"
    )
