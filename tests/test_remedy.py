"""The short remedy: cut after a whole sentence or list item, never inside a value."""

import re
from pathlib import Path

import pytest

from kb.remedy import short_remedy
from kb.rst.parser import parse_file

FIXTURES = sorted((Path(__file__).resolve().parent.parent / "fixtures").glob("*.rst"))

KUBEDNS = (
    "Raise `--dns-forward-max=1000` was not enough on its own, so also:\n\n"
    "- give the dnsmasq containers 2 CPUs and 1 GiB of memory;\n"
    "- set `--cache-size=10000` for dnsmasq;\n"
    "- scale kubedns up to 6 replicas.\n"
)


def test_it_keeps_whole_sentences_and_list_items_that_fit():
    short = short_remedy("Restart the pods. Then check the logs. Then sleep.", limit=40)
    assert short.text == "Restart the pods. Then check the logs."
    assert short.truncated
    whole = short_remedy("Restart the pods.", limit=40)
    assert (whole.text, whole.truncated) == ("Restart the pods.", False)


def test_it_never_cuts_inside_a_value():
    short = short_remedy(KUBEDNS, limit=120)
    assert short.text.startswith("Raise --dns-forward-max=1000 was not enough on its own, so also:")
    assert short.truncated and "…" not in short.text
    items = short_remedy(KUBEDNS, limit=170)
    assert items.text.endswith("• set --cache-size=10000 for dnsmasq;") and items.truncated
    assert short_remedy(KUBEDNS, limit=200).text.endswith("• scale kubedns up to 6 replicas.")


def test_a_sentence_too_long_is_cut_between_clauses_not_inside_a_value():
    text = ("Set `max_pool_size = 30` and `max_overflow = 60` in neutron.conf, restart neutron-server "
            "on every controller one at a time, and watch the QueuePool errors disappear within minutes")
    short = short_remedy(text, limit=100)
    assert short.truncated and short.text.endswith("…")
    assert short.text == "Set max_pool_size = 30 and max_overflow = 60 in neutron.conf…"
    label = short_remedy("The limit that worked was max-requests-inflight: 2000 and nothing lower here", 45)
    assert not label.text.endswith("max-requests-inflight:…")


def test_abbreviations_and_versions_do_not_end_a_sentence():
    short = short_remedy("Use a newer qemu, e.g. 2.5 or later. Upgrade libvirt too.", limit=40)
    assert short.text == "Use a newer qemu, e.g. 2.5 or later."


def test_a_script_is_left_to_the_full_fix_and_one_line_of_code_is_kept():
    text = "Put this into nova.conf:\n\n```ini\n[DEFAULT]\nsecure_proxy_ssl_header = X\n```\n\nRestart nova."
    assert short_remedy(text).text == "Put this into nova.conf:"
    one = short_remedy("Disable it:\n\n```\nconvergence_engine=False\n```\n")
    assert one.text == "Disable it: `convergence_engine=False`" and not one.truncated


def test_empty():
    assert short_remedy("").text == "" and not short_remedy("").truncated


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_on_the_shipped_knowledge_no_value_is_cut(path):
    """Every remedy of the fixtures: the short one ends a sentence, an item, or a clause."""
    for issue in parse_file(str(path)).issues:
        remedy = issue.solution or issue.workaround
        short = short_remedy(remedy)
        assert len(short.text) <= 280
        if short.truncated and short.text.endswith("…"):
            last = short.text[:-1].rsplit(" ", 1)[-1]
            assert not re.search(r"[=:/]$|--\S*$", last), short.text
        elif remedy:
            assert short.text.rstrip("`").endswith((".", ";", ":", ")", "!", "?")) or not short.truncated, \
                short.text


def test_markdown_escapes_are_the_characters_they_escape_outside_code():
    short = short_remedy(r"It \_should\_ fail, not \*loudly\*: see `x\_y` and a\\b.")
    assert short.text == r"It _should_ fail, not *loudly*: see x\_y and a\b."
