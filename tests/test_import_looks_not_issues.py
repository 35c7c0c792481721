"""Sections whose cause and remedy only say where to look are no issues (issue #10, gathered32's
classes: kb/rst/looks.py).

Each document here is our own, written in the shape a real one had; each test fails on the
importer before the rule was written.
"""

from kb.rst import parse_bytes
from kb.rst.looks import REASON


def parsed(name: str, text: str):
    return parse_bytes(name, text.encode())


def titles(name: str, text: str) -> list[str]:
    return [i.title for i in parsed(name, text).issues]


def reason_of(document, title: str) -> str:
    return next(s["reason"] for s in document.sections if s["title"] == title)


SERVICE_DOWN = """\
Operating the agent
===================

The agent is not running
------------------------

List the services with ``svcctl list``. Every service should be ``active``. If one is not,
read its log under ``/var/log/agent/``. If there is no log, start the agent by hand:

.. code-block:: console

   agent --config /etc/agent.conf --foreground

The reason it could not start will be printed in the terminal.

Proxy returns 502 after an upgrade
----------------------------------

After upgrading, the proxy answers 502 because its upstream port changed from 8080 to 8081.
Set ``upstream_port = 8081`` in ``proxy.conf`` and reload the proxy.
"""


def test_a_failure_followed_only_by_where_to_look_is_no_issue():
    # Logs to read, the service run by hand, the reason "printed in the terminal": nowhere a
    # cause or a remedy. The next section, with its cause and fix, stays an issue.
    document = parsed("agent.rst", SERVICE_DOWN)
    assert [i.title for i in document.issues] == ["Proxy returns 502 after an upgrade"]
    assert reason_of(document, "The agent is not running") == REASON


LABELLED_LOOKS = """\
# Troubleshooting the policy controller

## Some rules are not enforced

**Symptom**: The controller enforces some of my rules and ignores others. Why?

**Solution**: Start by reading the controller's logs to see if they explain why a rule is skipped.

1. Read the logs with `kubectl -n policy logs deploy/controller`. Add `-f` to follow them.
2. If the logs say nothing useful, raise the verbosity of the controller. Edit the deployment
   with `kubectl -n policy edit deploy/controller`, find its `args` and add the `-v=4` flag.
   Undo this when you are done.

## The controller is slow

**Symptom**: Admission requests take several seconds.

**Solution**: Check the controller logs for throttling messages. If there are many, the API
server is limiting the controller: raise `--api-qps` and `--api-burst`.
"""


def test_labelled_steps_that_only_read_logs_and_raise_verbosity_are_no_remedy():
    # Each numbered step opens on a look (read the logs, raise the verbosity) and the sentences
    # after it are that look's steps. The second section looks first too, and then states a
    # cause and a remedy of its own: it stays.
    assert titles("policy.md", LABELLED_LOOKS) == ["The controller is slow"]


LOOK_FOR_AN_ERROR = """\
# Gateway FAQ

## Why are some of my routes not created?

In general, when a route is dropped after the configuration is loaded, look for an error in
the gateway's logs.

When one is found, the message should help to find the mistake in the configuration.

With the file provider, one way to check the file is to validate it against the published
schema.

## Why does certificate renewal fail with "unexpected authZone"?

The DNS provider follows the CNAME record of the domain. Disable CNAME following with
`DNS_FOLLOW_CNAME=false` and renew again.
"""


def test_an_answer_that_sends_to_the_logs_and_a_schema_is_no_issue():
    assert titles("faq.md", LOOK_FOR_AN_ERROR) == [
        'Why does certificate renewal fail with "unexpected authZone"?']


CHECKS_THAT_NAME_CAUSES = """\
# Volume troubleshooting

## Volume claim fails to bind

1. Check whether the volume exists in the target cluster.
2. Check whether the volume is in the claim's namespace.

## Pings between pods fail

If pings fail between pods, make sure to check if the FORWARD policy is set to ACCEPT: iptables
defaults it to DROP.
"""


def test_checks_that_name_conditions_or_a_setting_are_not_looks():
    # "check whether the volume exists" names a condition that causes the failure, and "check if
    # the policy is set to ACCEPT" the value to set: both stay issues.
    assert titles("volumes.md", CHECKS_THAT_NAME_CAUSES) == [
        "Volume claim fails to bind", "Pings between pods fail"]
