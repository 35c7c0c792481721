"""Bold lines written as headings (issue #10; the shape of murano's admin troubleshooting page and
ec3's FAQ in tests/data/gathered33, studied once that blind set was spent).

Each document here is our own, written in the shape a real one had.
"""

from kb.rst import parse_bytes
from kb.rst.structures import is_issue_list_title

RST = """\
Troubleshooting
===============

Problems during set-up
~~~~~~~~~~~~~~~~~~~~~~

Before anything else, check that every service runs the same release.

**The catalog panel is missing from the dashboard**

The panel files were not copied into the dashboard's ``enabled`` directory. Copy
``_60_catalog.py`` there and restart the web server.

**The schema upgrade fails with** ``No such option: connection``

This happens because the ``--config-file`` option was not given. To fix it, run the upgrade
again with ``--config-file /etc/catalog/catalog.conf``.

**Deployments stop after one hour with** ``Authorization failed (HTTP 403)``

The token expires while the deployment runs, because its lifetime is one hour. Enable trusts
in the ``[engine]`` section, or raise the token lifetime in keystone.
"""

MARKDOWN = """\
# Troubleshooting

## Problems during set-up

Before anything else, check that every service runs the same release.

**The catalog panel is missing from the dashboard**

The panel files were not copied into the dashboard's `enabled` directory. Copy
`_60_catalog.py` there and restart the web server.

**The schema upgrade fails with `No such option: connection`**

This happens because the `--config-file` option was not given. To fix it, run the upgrade
again with `--config-file /etc/catalog/catalog.conf`.

**Deployments stop after one hour with** `Authorization failed (HTTP 403)`

The token expires while the deployment runs, because its lifetime is one hour. Enable trusts
in the `[engine]` section, or raise the token lifetime in keystone.
"""

BOLD_IN_ONE_PARAGRAPH = """\
Deployment
==========

**[authclient.exceptions.AuthorizationFailure]:**
**Authorization failed: You are not authorized to perform the requested action.**

The token expires during the deployment, because its lifetime is one hour. Raise the
lifetime in keystone.

**Router could not be created, no external network found**

The ``external_network`` option names a network that does not exist. Set it to an existing
external network and restart the engine.
"""


def _issues(name: str, text: str):
    return parse_bytes(name, text.encode()).issues


def test_bold_lines_written_as_headings_are_one_issue_each():
    issues = _issues("setup.rst", RST)
    assert [i.title for i in issues] == [
        "The catalog panel is missing from the dashboard",
        "The schema upgrade fails with No such option: connection",
        "Deployments stop after one hour with Authorization failed (HTTP 403)",
    ]
    token = issues[2]
    assert "lifetime is one hour" in token.root_cause
    assert "trusts" in token.solution + token.workaround
    # (the introduction above the first bold line is a check, no issue, and stays where it was)
    assert not any("same release" in i.symptoms for i in issues)
    assert all(i.category == "Problems during set-up" for i in issues)


def test_the_markdown_twin_reads_the_same():
    rst, markdown = _issues("setup.rst", RST), _issues("setup.md", MARKDOWN)
    assert [(i.title, bool(i.root_cause), bool(i.solution or i.workaround)) for i in markdown] == \
        [(i.title, bool(i.root_cause), bool(i.solution or i.workaround)) for i in rst]


def test_a_message_over_two_bold_lines_of_one_paragraph_is_one_title():
    titles = [i.title for i in _issues("deploy.rst", BOLD_IN_ONE_PARAGRAPH)]
    assert titles[0].startswith("[authclient.exceptions.AuthorizationFailure]: Authorization failed")
    assert titles[1] == "Router could not be created, no external network found"


def test_bold_field_labels_and_bold_parts_of_a_field_are_no_headings():
    text = """\
Template errors
===============

**Symptoms:**

The release stays in ``Failed`` and the operator logs ``render error``.

**Common causes:**

**A. A template that does not render**

A value is missing from the values file.

**B. A resource that already exists**

Another release owns the object.

**Solution:**

Fix the values file and run the release again.
"""
    issues = _issues("templates.rst", text)
    assert [i.title for i in issues] == ["Template errors"]
    assert "values file" in issues[0].root_cause and "owns the object" in issues[0].root_cause


def test_a_bold_label_ending_in_a_colon_labels_the_text_of_the_section_it_is_in():
    text = """\
Broadcast traffic is lost
=========================

**With ingress replication:**

* The peers' type-3 routes are not advertised; enable ``advertise-all-vni``.

**With multicast:**

* The rendezvous point is unreachable; fix the route to it.
"""
    assert [i.title for i in _issues("bum.rst", text)] == ["Broadcast traffic is lost"]


def test_one_bold_line_is_emphasis_not_a_heading():
    text = """\
Agent does not start
====================

**Read this first**

The agent exits at once because its configuration names no broker. Set ``transport_url`` and
start it again.
"""
    assert [i.title for i in _issues("agent.rst", text)] == ["Agent does not start"]


def test_a_plural_kind_of_problem_and_the_phase_they_happen_in_heads_a_list():
    assert is_issue_list_title("Issues during deployment")
    assert is_issue_list_title("Problems after an upgrade")
    # (what is at fault, named after "with", is one issue)
    assert not is_issue_list_title("Problems with .erlang.cookie")
    assert not is_issue_list_title("Issues with autoconfigured TLS")
