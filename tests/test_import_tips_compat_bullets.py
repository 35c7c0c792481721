"""Shapes of issues the importer reads, and of pages it does not take for issues (issue #10, the
classes of tests/data/gathered27, studied once it was spent as a blind set).

Each document here is our own, written in the shape a real one had: known-issue bullets led by a
long sentence that announces them, a bold name on a line of its own over its text, a bold-only
bullet whose record and explanation Markdown put after the list, causes told as what a thing
breaks or leads to; "Tip:" sections telling a pitfall met while doing something; a failure one
"might run into if" a condition holds; a component's section that says what fails without it;
and, invented before, a pointer to the issue tracker, a tutorial that breaks things on purpose,
and a limitation that only states a feature's scope.
"""

from kb.rst import parse_bytes


def issues(name: str, text: str):
    return parse_bytes(name, text.encode()).issues


def titles(name: str, text: str) -> list[str]:
    return [i.title for i in issues(name, text)]


COMPATIBILITY = """\
# Running the exporter

## Platform support

The release image is built on Debian. Other base systems are supported on a best-effort
basis. Known issues with other base systems and their kernels are listed here:

- **cgroup v1**
  The exporter only reads the unified hierarchy, which hosts still on cgroup v1 lack. This leads
  to reports with no memory figures.

  To work around this issue, boot the host with `systemd.unified_cgroup_hierarchy=1`.
"""


def test_a_long_sentence_announcing_known_issues_leads_a_list_of_them():
    [found] = issues("compat.md", COMPATIBILITY)
    # the bold run on a line of its own names the entry, as "**name** - text" does
    assert found.title == "cgroup v1"
    # "This leads to ...": what the condition just told brings about, its cause
    assert "This leads to reports" in found.root_cause
    assert "unified_cgroup_hierarchy" in found.solution + found.workaround


BOLD_ONLY_ITEM = """\
# Notes

## Known issues

- **Sync jobs time out on large buckets** - raise `sync.timeout`; the default of 60 seconds is too
  short for buckets with millions of objects.

- **collector crashing with the following error**

```
level=info msg="starting collector"
panic: runtime error: index out of range [3] with length 3
```

Version 2.4 added a required `SHARDS` variable. The above error can be caused if you upgrade the
image alone and keep the old manifest. Apply the whole manifest of the release instead.

- **dbus-broker** - The `dbus-broker` package replaces the system bus and is incompatible with
  the agent. It drops the agent's registration whenever the bus reloads, which breaks host
  discovery.
"""


def test_a_bold_only_bullet_continued_after_the_list_keeps_its_record_and_explanation():
    found = {i.title: i for i in issues("known.md", BOLD_ONLY_ITEM)}
    assert set(found) == {"Sync jobs time out on large buckets", "dbus-broker",
                          "collector crashing with the following error"}
    crash = found["collector crashing with the following error"]
    # "can be caused if" names the cause; the title points to the record below and is none itself
    assert "upgrade the image alone" in crash.root_cause
    assert "Apply the whole manifest" in crash.solution + crash.workaround
    assert all("following error" not in s.text for s in crash.signatures)
    # "which breaks host discovery": what the package does is the cause
    assert "which breaks host" in found["dbus-broker"].root_cause


def test_an_incompatibility_alone_is_no_cause():
    text = """\
# Known issues

- The `bench` command is not compatible with sharded deployments at this time.
"""
    assert issues("support.md", text) == []


GUIDE = """\
Reading the logs
----------------

The logs are kept in ``~/.shipper/logs``; in the container, use ``docker logs``.

Working with proxies
--------------------

You might run into TLS errors with the shipper if your proxy rewrites certificates.

Checklist:

1. Run ``shipper doctor``. If it reports an untrusted issuer, add the proxy's CA to the
   trust store and restart the shipper.

Packaging troubleshooting
-------------------------

If you encounter packaging problems while building the wheel, ensure your ``setuptools`` is
at least version 68.

Contributing docs
-----------------

If you find problems with these pages, please open an issue on the tracker.

Other problems
--------------

If the problem you are having does not appear here, please search the project's issues on
`the tracker <https://example.org/issues>`_. If nobody reported it yet, please create an issue.
"""


def test_a_failure_one_might_run_into_if_a_condition_holds_is_an_issue():
    found = {i.title: i for i in issues("guide.rst", GUIDE)}
    assert "Working with proxies" in found
    assert "if your proxy rewrites certificates" in found["Working with proxies"].root_cause


def test_trouble_the_reader_meets_under_a_condition_remedied_by_the_main_clause_is_an_issue():
    found = {i.title: i for i in issues("guide.rst", GUIDE)}
    assert "at least version 68" in found["Packaging troubleshooting"].solution


def test_pointers_to_the_issue_tracker_are_no_issues():
    # asking to report the trouble remedies nothing; a problem "not listed here" is the page's
    assert set(titles("guide.rst", GUIDE)) == {"Working with proxies", "Packaging troubleshooting"}


TIPS = """\
# Operating tips

## Tip: Running a thousand workers

When we started a thousand workers within a minute, every one of them asked the broker for a
lease at once. Because of the broker's rate limit, some workers can get throttled and wait for
their next try, and their jobs sit in the queue meanwhile.

To avoid the backlog at start-up, you can raise `lease_batch` so that one request serves
several workers.

## Tip: Using the agent on a custom image

If the agent's metrics are missing, please make sure to check if `net.core.rmem_max` is
set to 8388608 on the host; our images ship with that value.

## Tip: Make sure to watch the lease metrics

We ship a dashboard that shows the leases granted per minute and the workers waiting for one.
If you need more throughput than it shows, add brokers.

## Running the tests

Run `make test`. A test that fails prints the worker's log.
"""


def test_a_tip_telling_a_pitfall_met_while_doing_something_is_an_issue():
    found = {i.title: i for i in issues("tips.md", TIPS)}
    assert set(found) == {"Tip: Running a thousand workers", "Tip: Using the agent on a custom image"}
    workers = found["Tip: Running a thousand workers"]
    # "can get throttled" is a failure; "To avoid <what it names>, you can ..." its remedy
    assert "get throttled" in workers.root_cause
    assert "raise `lease_batch`" in workers.solution + workers.workaround
    # "check if <setting> is set to <value>": the value to set, checked or not, is the remedy
    assert "8388608" in found["Tip: Using the agent on a custom image"].solution


def test_a_tip_that_tells_no_failure_and_a_walkthrough_are_no_issues():
    assert "Tip: Make sure to watch the lease metrics" not in titles("tips.md", TIPS)
    assert "Running the tests" not in titles("tips.md", TIPS)


OPERATOR_GUIDE = """\
# Clustering

## Recovery

### The probe job

During recovery a probe job runs on each replica to read its last position. It's important for
this job to complete; otherwise, the recovery will never finish. Give the job enough memory.

```yaml
recovery:
  probe:
    resources:
      limits:
        memory: 256Mi
```

## Quick start

Install the example cluster:

```bash
kubectl apply -f examples/cluster.yaml
```

Now simulate a failure by deleting every replica at once:

```bash
kubectl delete pods -l app=cluster
kubectl get events --field-selector involvedObject.name=example
LAST SEEN   TYPE      REASON              OBJECT            MESSAGE
20s         Warning   ClusterNotHealthy   cluster/example   Cluster is not healthy
```

After a while the operator recovers the cluster and it is ready again.
"""


def test_a_component_whose_text_says_what_fails_when_its_requirement_is_not_met_is_an_issue():
    found = {i.title: i for i in issues("guide.md", OPERATOR_GUIDE)}
    assert "The probe job" in found
    assert "otherwise, the recovery will never finish" in found["The probe job"].root_cause


def test_a_quick_start_that_breaks_things_on_purpose_is_no_issue():
    # (the warning it shows on its way is no failure met: "Quick start" names a walkthrough)
    assert "Quick start" not in titles("guide.md", OPERATOR_GUIDE)


LIMITATIONS = """\
# Limitations

## Exports can be made only from a primary

It is because replicas hold no write lock, and an export taken on one may miss the last
writes. For example, a replica that lags cannot be exported without pausing replication.

## Large exports may time out

Exports of more than 100 GiB can take longer than the default `export_timeout` of one hour,
because the archive is compressed in one thread. Raise `export_timeout` for large databases.
"""


def test_a_limitation_that_only_states_a_features_scope_is_no_issue():
    assert titles("limits.md", LIMITATIONS) == ["Large exports may time out"]


def test_the_circumstance_one_may_hit_an_error_in_is_no_cause():
    text = """\
# Webhook

## Error: connection refused

Right after an upgrade you may hit this error when creating a resource:

```text
Error from server (InternalError): failed calling webhook: connect: connection refused
```

This happens because the webhook pod is not ready yet. Wait for it and apply again.
"""
    [found] = issues("webhook.md", text)
    # "you may hit <failure> when <doing>" tells when it is seen; "if <a fault>" would name one
    assert "when creating a resource" in found.symptoms
    assert "when creating a resource" not in found.root_cause
    assert "webhook pod is not ready" in found.root_cause


def test_empty_bullets_are_read_without_error():
    # (found by tests/test_properties.py's generated documents: a list of items with no text)
    assert issues("empty.rst", "Title\n=====\n\n-\n-\n") == []
    assert issues("empty.rst", "T\n=\n\nS\n-\n\n-\n\n-\n") == []
