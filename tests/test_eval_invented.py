"""tests/eval/invented.py tells an invented issue that is a counted one under another title (the
person's, titled by another sentence) from one nobody counted."""

from types import SimpleNamespace

from tests.eval.invented import near_miss


def _found(title, symptoms=""):
    return SimpleNamespace(title=title, symptoms=symptoms)


def test_an_issue_titled_by_another_sentence_of_a_counted_one_is_a_near_miss():
    found = _found("Although a deployment is provided, it should never be scaled beyond a single replica.",
                   "Only one instance should run per cluster; more than one replica leads to incorrect"
                   " behavior.")
    missed = [{"title": "Running more than one replica per cluster leads to incorrect behavior"}]
    assert near_miss(found, missed) == missed[0]["title"]


def test_an_issue_sharing_a_few_words_with_a_missed_one_is_no_near_miss():
    found = _found("Disabling down cells", "The affected cells can be disabled while the outage is fixed.")
    missed = [{"title": "Cells are down after the database outage and requests fail"}]
    assert near_miss(found, missed) == ""
