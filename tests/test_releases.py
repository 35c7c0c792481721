"""The release that carries a fix, read from what documents say."""

import pytest

from kb.releases import fixed_in_from


@pytest.mark.parametrize("text, expected", [
    ("Gerrit review 409679, backport to Newton (merged)", "Newton"),
    ("A bug in Nova has been fixed and backported to Newton.", "Newton"),
    ("backport to the 1.5 branch, released with 1.5.2 (merged)", "1.5.2"),
    ("backported to 1.5 branch (will release in 1.5.2 release)", "1.5.2"),
    ("This is fixed in Ocata and backported to Newton.", "Ocata, Newton"),
    ("Fixed in version 2.3.1 of the driver.", "2.3.1"),
    ("fixed in the Pike release", "Pike"),
    ("Fixed in Nova: at startup, an instance whose soft reboot ...", ""),  # a project, not a release
    ("Although bunch of similar issues has been fixed in Docker since 1.11", ""),
    ("the optimization in master (merged)", ""),
    ("", ""),
])
def test_it_reads_the_release_a_document_states(text, expected):
    assert fixed_in_from(text) == expected


def test_the_shipped_knowledge_states_its_releases(db):
    from pathlib import Path

    from django.core.management import call_command

    from kb.models import Issue

    fixtures = sorted((Path(__file__).resolve().parent.parent / "fixtures").glob("*.rst"))
    call_command("import_rst", *map(str, fixtures), verbosity=0)
    stated = dict(Issue.objects.exclude(fixed_in="").values_list("slug", "fixed_in"))
    assert stated == {
        "kubernetes-scheduler-is-ineffective-with-pod-antiaffinity": "1.5.2",
        "openstack-services-dont-handle-pxc-pseudo-deadlocks": "Newton",
        "live-migration-failed-with-live_migration_uri-configuration": "Newton",
    }
