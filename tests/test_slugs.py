"""One slug function (kb.slugs) for documents, imported issues and issues from the unknown queue."""

import pytest

from kb.slugs import SLUG_LENGTH, make_slug


def test_it_makes_ascii_lower_case_hyphenated_slugs():
    assert make_slug("Nova: Instance failed to spawn!") == "nova-instance-failed-to-spawn"
    assert make_slug("Ünïcödé ☃") == "unicode"
    assert make_slug("???") == "issue"
    assert make_slug("", fallback="document") == "document"


def test_a_taken_slug_gets_a_number_and_every_slug_keeps_the_cap():
    taken = {"dns", "dns-2"}
    assert make_slug("DNS", taken=taken.__contains__) == "dns-3"
    long = "word " * 60
    slug = make_slug(long)
    assert len(slug) <= SLUG_LENGTH and not slug.endswith("-")
    numbered = make_slug(long, taken={slug}.__contains__)
    assert len(numbered) <= SLUG_LENGTH and numbered.endswith("-2")


@pytest.mark.django_db
def test_the_importer_and_the_unknown_queue_use_it():
    from kb.models import Issue
    from kb.slugs import free_slug

    Issue.objects.create(slug="widget-pool-drained", title="x", symptoms="y")
    assert free_slug(Issue, "Widget pool drained") == "widget-pool-drained-2"
    assert len(free_slug(Issue, "x" * 300)) == SLUG_LENGTH
