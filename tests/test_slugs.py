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


def test_numbering_goes_on_where_it_stopped_with_the_same_slugs():
    # A title repeated n times costs n tries, not n²/2; "dns 2" takes the slug "dns-2"
    # that the numbering of "dns" would give, as it does without numbering.
    titles = ["DNS", "DNS", "dns 2", "DNS", "x " * 60, "x " * 60, "DNS"]
    plain, numbered, taken_plain, taken_numbered, numbering, tries = [], [], set(), set(), {}, []
    for title in titles:
        plain.append(make_slug(title, taken=taken_plain.__contains__))
        taken_plain.add(plain[-1])
        asked = []

        def taken(slug, asked=asked):
            asked.append(slug)
            return slug in taken_numbered
        numbered.append(make_slug(title, taken=taken, numbering=numbering))
        taken_numbered.add(numbered[-1])
        tries.append(len(asked))
    assert numbered == plain
    assert plain[:4] == ["dns", "dns-2", "dns-2-2", "dns-3"] and plain[-1] == "dns-4"
    assert tries == [1, 1, 2, 1, 1, 1, 1]  # without numbering the last "DNS" tries 4
