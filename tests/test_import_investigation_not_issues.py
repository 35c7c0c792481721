"""Advice that opens on how to investigate is no issue (issue #10, the invented issues of the 32
studied folders, 2026-12-07: kb/rst/looks.py only_investigates).

"To debug <kind of> problems, trace ...", "Before debugging <kind of> problems, verify that ...":
a method of diagnosis for problems of a kind, not one failure with its cause or remedy. Each
document here is our own, written in the shape of the class; each test of a section or entry
passed over fails on the importer before the rule was written.
"""

from kb.rst import parse_bytes
from kb.rst.looks import INVESTIGATES


def parsed(name: str, text: str):
    return parse_bytes(name, text.encode())


def reason_of(document, title: str) -> str:
    return next(s["reason"] for s in document.sections if s["title"] == title)


FAQ = """\
Routing FAQ
===========

Q: My routes and firewalls span several hosts and the traffic does not go where I expect. Help!

    A: To debug forwarding problems, follow one packet hop by hop from the sender to the
    receiver, then follow the reply back. Capture on each interface with ``tcpdump`` and
    compare what enters with what leaves.

Q: The router drops every packet after a restart. Why?

    A: The forwarding flag is reset to 0 on boot because the sysctl file is not read. Set
    ``net.ipv4.ip_forward = 1`` in ``/etc/sysctl.d/router.conf`` to fix it.
"""


def test_an_faq_answer_that_opens_on_how_to_debug_is_no_issue():
    # The first answer is a method of tracing any forwarding problem; the second names a cause
    # and a fix, and stays an issue.
    document = parsed("routing.rst", FAQ)
    assert [i.title for i in document.issues] == ["The router drops every packet after a restart. Why?"]
    assert any(INVESTIGATES in w for w in document.warnings)


SECTION = """\
Troubleshooting
===============

Storage platform issues
-----------------------

Storage network reachability
~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Before debugging slow volume attachments between hypervisors, verify that the storage network
itself works. List the storage interfaces of each host with ``storctl if list``. Then use one
of them as the output interface of a ping and try to reach another host.

If the other host does not respond, try the following options:

- remove the ``-s 8972`` option, so that the ping sends small packets and a reply shows that
  the path works but jumbo frames do not;
- if small packets fail too, consider the VLAN of the storage uplink.

Volume attachment fails after a reinstall
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Attaching a volume fails because the iSCSI initiator name is empty after a reinstall.
Set ``InitiatorName`` in ``/etc/iscsi/initiatorname.iscsi`` and restart ``iscsid``.
"""


def test_a_section_whose_advice_opens_on_how_to_debug_is_no_issue():
    document = parsed("storage.rst", SECTION)
    assert [i.title for i in document.issues] == ["Volume attachment fails after a reinstall"]
    assert reason_of(document, "Storage network reachability") == INVESTIGATES


CAUSE_FIRST = """\
Image service
=============

Uploads time out
----------------

Uploads of large images time out because the proxy in front of the API closes idle connections
after 60 seconds. Raise ``proxy_read_timeout`` to 600 seconds.

To troubleshoot further, enable debug logging on the API and watch the upload.

Image import fails
------------------

To troubleshoot this error, look at what the API logged::

    ERROR glance.api.v2.images Failed to import image 1f2e: store is full

The store is full because old images are never deleted. Delete unused images to free space.
"""


def test_a_cause_told_first_or_an_error_quoted_keeps_the_issue():
    # Advice that opens on a cause keeps its later "To troubleshoot further" as part of the fix;
    # a quoted error is a failure met, whatever the opening says.
    titles = [i.title for i in parsed("image.rst", CAUSE_FIRST).issues]
    assert titles == ["Uploads time out", "Image import fails"]
