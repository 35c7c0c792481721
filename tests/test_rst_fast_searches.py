"""Searches made faster find exactly what the plain searches find.

kb.rst.inliner: docutils' inline searches started where a match can begin;
kb.rst.cues.CaselessStart: the cause and fix cues searched in lowered ASCII text;
kb.rst.dispatch: at each word, only the alternatives that can begin there.
"""

import random
import re

import pytest
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser, states

from kb.rst import cues, dispatch, doctree, inliner, signatures
from kb.rst.errors import RstImportError
from tests.conftest import ROOT, SHARED

DOCUMENTS = sorted([*SHARED.joinpath("corpus").glob("*.rst"),
                    *SHARED.joinpath("corpus", "real").glob("*.rst"),
                    *ROOT.joinpath("tests", "data").glob("gathered*/*.rst")])
TEXTS = [*DOCUMENTS, *ROOT.joinpath("tests", "data").glob("gathered*/*.md")]

MARKUP = """\
Markup everywhere
=================

*x* **y** ``z`` `t`_ `u <http://a.example/b_c>`__ _`inline` |sub| [1]_ [#]_ [*]_ [#n]_ [CIT]_ word_
anon__ :ref:`a <b>` `x`:kbd: (http://a.example/p) <https://b.example/q?r=1#s> mailto:ops@example.com
ops@example.com, see ftp://h/x. snake_case_name and a_b__c *not emph * and 2*3 and \\*escaped\\* \\`x\\`
"quoted*" (*paren*) [*bracket*] 'x'_ x:y: :not:a:role trailing_
Non-breaking\u00a0*space*\u00a0here and tabs	*x*	y and a long_run_with_a_url:http://c.example/d_e

.. |sub| replace:: substituted
.. [1] one
.. [#] auto
.. [*] symbol
.. [#n] named
.. [CIT] citation
.. _word: http://w.example
.. _t: http://t.example
__ http://anon.example
"""


def _tree(text: str, monkeypatch, *, theirs: bool) -> str:
    with monkeypatch.context() as patch:
        if theirs:
            patch.setattr(doctree, "Inliner", states.Inliner)
        try:
            return doctree.parse("doc.rst", text).pformat()
        except RstImportError as exc:  # refused the same way, at the same line
            return f"{exc} (line {exc.line})"


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_it_reads_every_document_as_docutils_own_inliner_does(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    assert _tree(text, monkeypatch, theirs=False) == _tree(text, monkeypatch, theirs=True)


def test_it_reads_every_kind_of_inline_markup_as_docutils_does(monkeypatch):
    ours = _tree(MARKUP, monkeypatch, theirs=False)
    assert ours == _tree(MARKUP, monkeypatch, theirs=True)
    for made in ("<emphasis>", "<strong>", "<literal>", "<footnote_reference", "<citation_reference",
                 "substituted", "<problematic", 'refuri="mailto:ops@example.com"', 'refuri="http://a.example/p"'):
        assert made in ours


def _patterns():
    reader = states.Inliner()
    reader.init_customizations(get_default_settings(Parser))
    return reader.patterns


@pytest.mark.parametrize("name,chars", [("initial", inliner.INITIAL_CHARS), ("uri", inliner.URI_CHARS)])
def test_it_finds_the_match_docutils_search_finds_in_random_text(name, chars):
    # Strings made of markup characters, URI and e-mail parts and every kind of space:
    # the same match (or none) as the pattern searched from the start.
    pattern = getattr(_patterns(), name)
    fast = inliner.FromFirst(pattern, chars)
    alphabet = [*"ab_*`|:@[]#<>()'\".,-/\\\x00 \n\t\u00a0", "http://", "x.org", "__", "**", "``", "mailto:"]
    rng = random.Random(20261206)
    matched = 0
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        want, got = pattern.search(text), fast.search(text)
        assert (want and (want.span(), want.groupdict())) == (got and (got.span(), got.groupdict())), text
        matched += want is not None
    assert matched > 1000  # the strings do hold markup


def test_it_skips_text_without_the_characters_every_match_holds():
    pattern = _patterns().initial
    fast = inliner.FromFirst(pattern, inliner.INITIAL_CHARS)
    calls = []

    class Counting:
        def search(self, text, pos=0):
            calls.append(pos)
            return pattern.search(text, pos)
    fast.pattern = Counting()
    assert fast.search("plain words, nothing marked up: 10.0.0.1") is None
    assert calls == []
    assert fast.search("plain words then a_reference_ here").group("refname") == "a_reference"
    assert calls == [len("plain words then ")]


def _sentences():
    for path in TEXTS:
        yield from cues.plain(path.read_text(encoding="utf-8")).replace("\n", " ").split(". ")


@pytest.mark.parametrize("name", ["CAUSE", "FIX"])
def test_it_finds_a_cue_where_the_case_insensitive_search_does(name):
    # Every sentence of every studied document, and the same in capitals, in mixed case, with
    # a non-ASCII letter, and with the letters re.I takes for ASCII ones (the Kelvin sign, a
    # long s, dotted and dotless i).
    pattern, fast = getattr(cues, name), getattr(cues, f"{name}_START")
    found = 0
    unusual = str.maketrans({"k": "\u212a", "s": "\u017f", "i": "\u0131", "I": "\u0130"})
    for sentence in _sentences():
        for text in (sentence, sentence.upper(), sentence.swapcase(), sentence + " \u00e9",
                     sentence.translate(unusual), "\u00e9 " + sentence.upper().translate(unusual)):
            want = pattern.search(text)
            assert fast.start(text) == (want.start() if want else -1), text
            found += want is not None
    assert found > 500


@pytest.mark.parametrize("name", ["CAUSE", "FIX"])
def test_it_finds_a_cue_where_trying_every_alternative_does_in_random_text(name):
    # Sentences of the cues' own words (so that alternatives match, and half-match, often),
    # punctuation and other words, at random.
    lowered = re.compile(getattr(cues, name).pattern, getattr(cues, name).flags & ~re.I)
    fast = dispatch.FirstCharDispatch(lowered)
    words = sorted(set(re.findall(r"[a-z][a-z']*", lowered.pattern))) + ["x", "nova", "3", "e.g.", "-"]
    rng = random.Random(20261206)
    found = 0
    for _ in range(4000):
        text = "".join(rng.choice(words) + rng.choice(["", " ", " ", " ", ", ", ". ", ": ", "? ", "! ", "-"])
                       for _ in range(rng.randint(0, 30)))
        want = lowered.search(text)
        assert fast.start(text) == (want.start() if want else -1), text
        found += want is not None
    assert found > 1000


@pytest.mark.parametrize("pattern,texts", [
    # `^` only at the start; a class holding `]`, `|` and `(`; a repeated, optional first word
    (r"\b(^[^x]{0,3}y|[.!]\s+go|(a|an)? ?test|[]|(]z)\b",
     ["y", "qy", "ab. go", "an test", "x test", "]z |z (z"]),
    (r"\b((very )*big|if [^,]{1,20}, then)\b", ["a big one", "very very big", "if so, then", "iff x, then"]),
])
def test_it_finds_the_first_match_of_any_alternation(pattern, texts):
    compiled = re.compile(pattern)
    fast = dispatch.FirstCharDispatch(compiled)
    for text in texts:
        for start in range(len(text)):
            want = compiled.search(text[start:])
            assert fast.start(text[start:]) == (want.start() if want else -1), text[start:]


@pytest.mark.parametrize("pattern,flags", [
    (r"(a|b)", 0), (r"\b(a|b)|c", 0), (r"\b(\w+ing|b)", 0), (r"\b(a(x)\2|b)", 0), (r"\b(a?|b)\b", 0),
    (r"\b(a|b)", re.I),
])
def test_it_refuses_what_it_cannot_skip_through(pattern, flags):
    with pytest.raises(ValueError):
        dispatch.FirstCharDispatch(re.compile(pattern, flags))


def _inline_errors_with_re_i(text: str) -> list[str]:
    """kb.rst.signatures.inline_errors as it was: the pattern searched with re.I in the text."""
    out = []
    for match in signatures._INLINE.finditer(text):
        quoted = re.sub(r"\\(.)", r"\1", " ".join(match.group(3).split()))
        named = signatures._NAMED_MESSAGE.search(match.group(1) + match.group(2))
        if (named or cues.ERROR_WORDS.search(quoted)) and len(quoted.split()) >= 2:
            out.append(quoted)
    return out


def test_it_finds_the_errors_quoted_inline_that_the_case_insensitive_search_finds():
    # Every paragraph of every studied document, in capitals, and with the letters re.I takes
    # for ASCII ones (`fa\u0131led w\u0130th`, a Kelvin sign in `Kind`).
    unusual = str.maketrans({"k": "\u212a", "s": "\u017f", "i": "\u0131", "I": "\u0130"})
    found = 0
    for path in TEXTS:
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            for text in (paragraph, paragraph.upper(), paragraph.translate(unusual)):
                want = _inline_errors_with_re_i(text)
                assert signatures.inline_errors(text) == want, text
                found += bool(want)
    assert found > 50


def test_it_refuses_a_pattern_lowering_would_change():
    for pattern in (cues._SYMPTOM, cues.re.compile("because"), cues.re.compile("Because", cues.re.I),
                    re.compile("caf\u00e9", re.I), re.compile("(?s)because", re.I)):
        with pytest.raises(ValueError):
            cues.CaselessStart(pattern)


def _best_target_in_one_pass(window, sentence, position, others, index):
    """kb.rst.relations._best_target as it was: every title sharing a word compared by its key (no index)."""
    from kb.rst import relations

    lowered = sentence.lower()
    side = -1 if re.search(r"\babove\b", lowered) else 1 if re.search(r"\bbelow\b", lowered) else 0
    words = relations._words(window)
    best, best_key = None, (0, 0, 0)
    for number, ref in enumerate(others):
        overlap = len(words & relations._words(ref.title))
        if not overlap:
            continue
        if ref.position == position or (side and (ref.position - position) * side < 0):
            continue
        key = (overlap, -abs(ref.position - position), -number)
        if key > best_key:
            best, best_key = ref.slug, key
    return best


def test_it_picks_the_target_title_the_one_pass_comparison_picks():
    # Titles made of a few words, repeated and at random positions (a position may repeat),
    # and cue windows of random words, pointing above, below or either way.
    from kb.rst import relations

    rng = random.Random(6)
    words = "dns overload scheduler quota disk network volume attach timeout etcd leader".split()
    for _ in range(300):
        others = [relations.TitleRef(f"t{n}", " ".join(rng.sample(words, rng.randint(1, 4))),
                                     rng.randint(0, 30)) for n in range(rng.randint(1, 40))]
        index = relations.title_index(others)
        for _ in range(10):
            window = " ".join(rng.sample(words, rng.randint(1, 5)))
            sentence = f"{window} {rng.choice(['(see above)', '(see below)', 'as related to'])}"
            position = rng.randint(0, 30)
            assert relations._best_target(window, sentence, position, others, index) == \
                _best_target_in_one_pass(window, sentence, position, others, index)
