"""Field tables: a two-column table whose rows are labelled by field names is an issue's fields,
as a definition list of them is (issue #10). Prometheus alert runbooks write every alert so; a new
user's trial (tests/eval/trial4, 2026-12-07) imported such a page as nothing.

Each document here is our own, written in the shape a real one had.
"""

from kb.rst import parse_bytes

ALERTS_MD = """\
# Alert runbooks

## Queue alerts

### BrokerQueueBacklog

|            |                                                                        |
| ---------: | ---------------------------------------------------------------------- |
|    Meaning | Messages wait in the broker's queue for more than ten minutes.         |
|     Impact | Jobs start late; callers time out waiting for their replies.           |
|  Diagnosis | List the queues with `rabbitmqctl list_queues name messages consumers`. |
| Mitigation | Add consumers, or purge the queue of a retired service.                |

### BrokerDiskAlarm

| Meaning   | The broker's free disk fell under its `disk_free_limit`: publishers are blocked. |
|-----------|-----------------------------------------------------------------------------------|
| Mitigation | Free disk space on the broker host, or raise the limit with care.               |
"""

ALERTS_RST = """\
Alert runbooks
==============

BrokerQueueBacklog
------------------

.. list-table::

   * - Meaning
     - Messages wait in the broker's queue for more than ten minutes.
   * - Impact
     - Jobs start late; callers time out waiting for their replies.
   * - Mitigation
     - Add consumers, or purge the queue of a retired service.
"""

# Two columns, but the rows are settings, not fields: no issue.
SETTINGS_MD = """\
# Broker settings

## Limits

| Setting         | Meaning                                  |
|-----------------|------------------------------------------|
| disk_free_limit | Free disk under which publishers block.  |
| vm_memory_high_watermark | Memory share at which publishers block. |
"""


def parsed(name: str, text: str):
    return parse_bytes(name, text.encode())


def test_a_markdown_alert_table_is_an_issue_with_its_fields():
    found = {i.title: i for i in parsed("alerts.md", ALERTS_MD).issues}
    assert set(found) == {"BrokerQueueBacklog", "BrokerDiskAlarm"}
    backlog = found["BrokerQueueBacklog"]
    assert "wait in the broker's queue" in backlog.symptoms and "Jobs start late" in backlog.symptoms
    assert backlog.workaround.startswith("Add consumers")
    assert "rabbitmqctl list_queues" in backlog.details
    # the header row is a field too when it names one
    alarm = found["BrokerDiskAlarm"]
    assert "disk_free_limit" in alarm.symptoms and alarm.workaround.startswith("Free disk space")


def test_an_rst_list_table_of_fields_reads_the_same():
    (issue,) = parsed("alerts.rst", ALERTS_RST).issues
    assert issue.title == "BrokerQueueBacklog"
    assert "Jobs start late" in issue.symptoms and issue.workaround.startswith("Add consumers")


def test_a_two_column_table_of_anything_else_is_no_issue():
    assert parsed("settings.md", SETTINGS_MD).issues == []
