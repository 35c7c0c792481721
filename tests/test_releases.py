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


def test_it_skips_ascii_text_without_a_cue_word_and_reads_the_rest(monkeypatch):
    # fixed_in_from answers "" for ASCII text holding none of kb.releases._CUE_WORDS without
    # searching; the searches alone (no such words) must answer the same on every fix and
    # workaround of the shipped knowledge and the studied documents, in any case.
    from kb import releases
    from kb.rst import parse_file
    from tests.conftest import ROOT, SHARED

    paths = [*ROOT.joinpath("fixtures").glob("*.rst"), *SHARED.joinpath("corpus").glob("*.rst")]
    texts = [text for path in paths for issue in parse_file(str(path)).issues
             for text in (issue.solution, issue.workaround, issue.details) if text]
    texts += ["FIXED IN Ocata", "Released With 1.5.2", "backPorted to Newton", "Shipped in Pike",
              "\u017fhipped in Pike", "available in 2.3.1 \u212a"]
    fast = [fixed_in_from(text) for text in texts]
    monkeypatch.setattr(releases, "_CUE_WORDS", ("",))  # "" is in every text: always searched
    assert fast == [fixed_in_from(text) for text in texts]
    assert sum(map(bool, fast)) >= 5
