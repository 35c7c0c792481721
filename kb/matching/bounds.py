"""What a line must hold for its evidence to matter: cheap, sound tests that let matching skip it.

Derived from scoring.py's rules (read its module doc first); the tests in
tests/test_matching_bounds.py compare matching with and without them on real logs.

**Word evidence is confident, or a weak lead in a whole log, only on a line that**

* is not INFO/DEBUG: such a line keeps 0.75 of its word evidence, which then
  tops out at 0.75 x 0.8 + 0.05 = 0.65, below WORD_THRESHOLD (0.73); and in a
  log of more than SHORT_PASTE lines an informational line is never a lead
  (scoring._lead_need: NO_LEAD);
* shares a *distinct* term with an issue (scoring._distinct: a term of its
  description, index.DESCRIPTIVE or more, distinctive, not a component's
  name): confidence needs SUPPORT_NEEDED = 2 pieces of support, of which the
  line's own component is one at most; a lead in a whole log needs
  DISTINCT_NEEDED = 2 of them;
* for confidence, also shares three *rare* terms with one issue's signature or
  description (the rarity factor: below three, signature words top out at
  0.8 x 2/3 = 0.53 and prose at 0.75 x 2/3 = 0.5, plus 0.05, below 0.73).

Signature hits need a template's key segment in the line's normalised text.

`Bounds.reading` applies them to a line, which costs a parse instead of the
whole pipeline (engine.py reads what it says): the first two, per issue, with
the third and the reachable raw score for confidence (`_sharing`, `_may_reach`),
and only for issues the line's program or logger is no stranger to (word
evidence for the others is blocked and no lead: scoring.foreign), decide
whether its words are read; a line whose words cannot matter is read for
signature hits only when it may hold a key segment (looked for in the raw
text), and skipped otherwise. On 5 MB pastes (tests/bench/paste_kinds.py) this
reads the words of 3 % of the records of the bench log, 11 % of a paste of real
WARNING and ERROR records, 25 % of ERROR lines of random words of kb's prose;
the test before (a shared distinct term, or a key segment) read all of 13 %, 56 % and 91 %.

Triage (triage.py) cannot afford a parse per line. wordscan.word_patterns
turns the third condition into Hyperscan patterns over each line cut to what
may be its message (wordscan.reduced; wordscan.word_scanner, for triage_stream's
`words` mode): a line holding three rare
terms of one issue holds their `triggers` at places that are nested or apart,
never crossing (words and their parts: `rpc_timeout` and `timeout`; a concept
stands where its phrase's longest word is, and one word may raise two
concepts): three separate places, or two of which one has room for two terms
(its trigger stands for two, or holds another), or one with room for three.
`words_may_be_confident` then decides a candidate line at the cost of
a parse and a masking: unless its message shares three rare terms and a
distinct one with some issue (`_sharing`), and the raw score of one of those
issues may reach the threshold (`_may_reach`, over those issues only), the
line's word evidence, computed once per message (it reads nothing else), as if
the line named every component (which only adds support and lifts the "foreign
program" block) and contradicted no signature (which only lowers scores).

Before that, triage rules a candidate that is a logical line of its own out by
its *shape* (`line_ruled_out`), once per shape rather than once per line:
prefix.parse's message and masking read digits by their class only (Ceph's
priority, a level, aside), so a line whose ASCII digits are rewritten gives the
same masked message with the same digits rewritten. The rough shape writes every
digit 0; the shape keeps the runs that are numbers of the knowledge (2016, 429,
errno 111's 111) and writes the others with 0s, so a run of 0s there stands for a
number the knowledge does not have, which weighs nothing. A term of a shape that
holds a 0 may be any term of that shape: it counts for `_sharing` as each of them,
and for `_shape_may_reach` at the most one of them weighs, added to what the
issue explains and never to the line's own weight (which only lowers a share).
On the bench log (tests/bench/gen_log.py) this leaves 0.13 % of the lines to
read, against 24 % before: its dnsmasq lines ask for `galera.ccp.svc.cluster.local`
(rare terms that masking hides), its access lines and BGP lines share three rare
terms with an issue but reach a raw score of 0.35-0.38 where 0.73 is needed, and
each of them repeats a few shapes.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import compress

import ahocorasick

from kb.components import canonical

from . import scoring
from .hyperscan_db import PatternDatabase
from .index import DESCRIPTIVE
from .normalize import _ANSI, fold, mask_numbers, mask_words
from .perengine import PerEngine
from .prefix import message_of, parse
from .programs import component_of
from .thesaurus import GROUPS
from .tokens import terms, words

# INFO/DEBUG lines keep 0.75 of word evidence that tops out at 0.8 (+0.05 for the component):
# never confident while that stays below the threshold (checked here, not assumed, so that a
# recalibration cannot make the test unsound; in a whole log they are no leads either way).
_INFORMATIONAL = ("info", "debug") if 0.75 * 0.8 + 0.05 < scoring.WORD_THRESHOLD else ()


# What full matching reads of a logical line in a whole log (Bounds.reading).
SKIP, SIGNATURES, ALL = 0, 1, 2


class Bounds:
    """Per engine: the terms that can make word evidence matter, by issue."""

    def __init__(self, engine):
        self._kb = kb = engine._kb
        index = kb.index
        self.distinct: list[frozenset[str]] = []  # per issue: terms scoring._distinct may count
        self.rare: list[frozenset[str]] = []  # per issue: terms scoring._rarity may count
        template_terms: dict[int, set[str]] = {}  # one pass over the templates, not one per issue
        for template in kb.templates:
            template_terms.setdefault(template.issue, set()).update(template.terms)
        for issue, doc in enumerate(index.docs):
            described = {t for t, w in doc.fields.items() if w >= DESCRIPTIVE}
            in_templates = template_terms.get(issue, set())
            self.distinct.append(frozenset(
                t for t in described if index.is_distinctive(t) and not canonical(t)))
            self.rare.append(frozenset(t for t in described | in_templates if index.is_rare(t)))
        self.any_distinct = frozenset().union(*self.distinct)
        # term -> the issues it is rare (distinct) for, to count a line's terms per issue at once
        self._rare_in = _issues_of(self.rare)
        self._distinct_in = _issues_of(self.distinct)
        self._pieces = _piece_automaton(kb.templates)
        self._everyone = tuple(sorted({c for record in kb.issues for c in record.components}))
        self._confident_words: dict[tuple[str, str, str, str], bool] = {}

    def with_shapes(self) -> "Bounds":
        """These bounds, with what triage's word stage reads built (`_numbers`, `_rough`,
        `_exact`): an engine snapshot keeps them (kb/snapshots.py), so that no process triaging
        builds them again (30-40 ms of CPU each, in both of `manage.py match`'s workers)."""
        _built = self._numbers, self._rough, self._exact
        return self

    def __getstate__(self) -> dict:
        """What a snapshot keeps: what was built from the knowledge, not what lines taught
        (the verdicts, in `_Shapes.__getstate__` too) nor a compiled database (`_anchor_db`,
        compiled again when first asked for)."""
        state = {name: value for name, value in self.__dict__.items() if name != "_anchor_db"}
        state["_confident_words"] = {}
        return state

    # A line's shape keeps the numbers the knowledge has as words or phrases (2016, 429, errno
    # 111's 111) and writes every other run of digits with 0s (`_exact`); its rough shape writes
    # every digit 0 (`_rough`: cheaper to make, and a shape ruled out roughly is ruled out). Each
    # maps shapes of terms to their terms (`line_ruled_out`). Built for triage's word stage
    # only: full matching never reads them.
    @cached_property
    def _numbers(self) -> frozenset:
        index = self._kb.index
        phrased = {t for phrases in GROUPS.values() for phrase in phrases for t in words(phrase)}
        numbers = {t for t in {*index.idf, *index.template_postings} | phrased
                   if t.isdecimal() and t.isascii()}
        return frozenset(numbers | {n.encode() for n in numbers})  # as str and bytes

    @cached_property
    def _rough(self) -> "_Shapes":
        return _Shapes(lambda t: t.translate(_ZERO), self)

    @cached_property
    def _exact(self) -> "_Shapes":
        return _Shapes(self._term_shape, self)

    @cached_property
    def _templates_of(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {issue: [] for issue in range(len(self._kb.index.docs))}
        for tid, template in enumerate(self._kb.templates):
            out[template.issue].append(tid)
        return out

    def may_matter(self, text: str, gist: str) -> bool:
        """False when the logical line (text, gist) can give no confident evidence and no
        weak lead in a log of more than SHORT_PASTE lines (the module doc says why)."""
        return self.reading(text, gist) != SKIP

    def reading(self, text: str, gist: str, *, stating: bool = True, holding: bool | None = None) -> int:
        """What full matching of a log of more than SHORT_PASTE lines must read of the logical
        line (text, gist): SKIP (nothing it could find matters), SIGNATURES (its word evidence
        cannot matter, a signature may: `words_may_matter`) or ALL. `stating`: False for a line
        known to state no failure (a logical line of one physical line that failscan.py's scan
        does not hold), whose word evidence is then neither confident nor a lead in a whole log
        (scoring._blocker, scoring._lead_need) and is not read. `holding`: `_may_hit(text)`, if
        the caller has it (`holding_lines`)."""
        if stating and self.words_may_matter(text, gist):
            return ALL
        # a signature hit (a symptom line, or a frame an editor wrote), maybe
        return SIGNATURES if (self._may_hit(text) if holding is None else holding) else SKIP

    def words_may_matter(self, text: str, gist: str) -> bool:
        """Whether word evidence on the logical line may be confident, or a weak lead in a log
        of more than SHORT_PASTE lines (module doc), for some issue of none of whose components
        the line's program or logger is (scoring.foreign: such an issue's word evidence is
        blocked and no lead). Not at INFO/DEBUG, and with DISTINCT_NEEDED distinct terms of the
        issue (a lead there needs them: scoring._lead_need), or three rare terms and a distinct
        one of it and a raw score that may reach the threshold (`_sharing`, `_may_reach`:
        confidence needs them). What is read is what view_of reads: the gist's masked message,
        what its numbers say, the line's program, logger and the components it names."""
        parsed = parse(text)
        if parsed.level in _INFORMATIONAL:
            return False
        message = parsed.message if gist == text else parse(gist).message
        read, _bound, synonyms = scoring.message_words(mask_words(message))
        said = scoring.numbers_say(message)
        terms = read | said if said else read
        if terms.isdisjoint(self.any_distinct):
            return False
        leads, sharing = self._distinct_pairs(terms), self._sharing(terms)
        if not leads and not sharing:
            return False
        line = _Read(terms, synonyms, parsed.level, component_of(parsed), parsed.program,
                     scoring.named_in(parsed.logger, message))
        if any(not scoring.foreign(self._kb, line, issue) for issue in leads):
            return True
        sharing = [issue for issue in sharing if not scoring.foreign(self._kb, line, issue)]
        return bool(sharing) and _may_reach(self._kb, line, sharing)

    def _distinct_pairs(self, terms: frozenset[str]) -> list[int]:
        """The issues of which the terms hold DISTINCT_NEEDED distinct terms (scoring._distinct
        counts a subset of them)."""
        counts: dict[int, int] = {}
        for term in terms:
            for issue in self._distinct_in.get(term, ()):
                counts[issue] = counts.get(issue, 0) + 1
        return [issue for issue, count in counts.items() if count >= scoring.DISTINCT_NEEDED]

    def _may_hit(self, text: str) -> bool:
        """Whether the line may hold a template whole (scoring.template_evidence's hits): what
        matters of a line whose words are not read (Engine._signature_evidence reads its hits
        alone, not the templates it contradicts).

        Read on the raw text: a segment holds no placeholder (signatures.py cuts segments
        there), so outside whitespace and quotes its characters are the line's own, and
        every such run of a template's segments (`_pieces_of`) is in the line whenever the
        template is in its normalised form. Masking's own changes are undone first (ANSI colour
        codes removed); a JSON record, whose message is decoded, and a line holding an escaped
        double quote (logfmt's `msg="... \\"name\\" ..."` is read unescaped:
        prefix._peel_logfmt) are read as scoring does (for a key segment), and so is every line
        when some template has no such run.
        """
        if not self._kb.templates:
            return False
        if self._pieces is None or '\\"' in text or text.lstrip().startswith("{"):
            normalized = fold(mask_numbers(scoring.read_line(text)[2]))
            return next(self._kb.automaton.iter(normalized), None) is not None
        folded = fold(text)
        if "\x1b" in text:  # masking removes colour codes (both readings: it may cut one in two)
            folded += "\n" + fold(_ANSI.sub("", text))
        return any(all(p in folded for p in rest)
                   for _end, rests in self._pieces.iter(folded) for rest in rests)

    def holding_lines(self, lines: Sequence[str]) -> set[int]:
        """Indexes of the lines for which `_may_hit` holds, each read as a logical line of its
        own, found together: Hyperscan finds the anchors in them all at once (on the 5 MB bench
        paste 0.09 s of CPU where a call of _may_hit per line took 0.38 s, most of it in the
        automaton's own walk, at load 10), and the lines holding one are read as _may_hit
        reads them."""
        anchors = self._anchor_db
        if anchors is None:  # no Hyperscan here, or a template with no piece
            return {index for index, line in enumerate(lines) if self._may_hit(line)}
        encoded = [line.encode("utf-8", "surrogatepass") for line in lines]
        rests, found, folded = self._anchor_rests, set(), {}
        for index, anchor in anchors.matches_by_line(encoded):
            if index in found:
                continue
            line = folded.get(index)
            if line is None:
                line = folded[index] = fold(lines[index])
            for rest in rests[anchor]:  # _may_hit's test, as loops: a generator costs more here
                for piece in rest:
                    if piece not in line:
                        break
                else:
                    found.add(index)
                    break
        for index, line in enumerate(lines):
            if "\x1b" in line or '\\"' in line or "{" in line and line.lstrip().startswith("{"):
                # the raw text masking reads otherwise (_may_hit): read as _may_hit reads it
                found.discard(index)
                if self._may_hit(line):
                    found.add(index)
        return found

    @cached_property
    def _anchor_rests(self) -> list[tuple[tuple[str, ...], ...]]:
        """The rests of the templates each anchor of `_pieces` stands for, by the anchor's id in
        `_anchor_db`."""
        return [rests for _anchor, rests in self._pieces.items()] if self._pieces is not None else []

    @cached_property
    def _anchor_db(self):
        """The anchors of `_pieces` (each template's longest piece) as a Hyperscan database of
        literals, caseless in ASCII as fold is, ids in `_anchor_rests`' order; None without
        Hyperscan (a platform with no wheel) or `_pieces`."""
        if self._pieces is None or not self._kb.templates:
            return None
        try:
            import hyperscan

            literals = [anchor.encode("utf-8", "surrogatepass") for anchor, _rests in self._pieces.items()]
            return PatternDatabase(literals, literal=True, flags=hyperscan.HS_FLAG_CASELESS)
        except ImportError:
            return None

    def words_may_be_confident(self, text: str, gist: str) -> bool:
        """Whether word evidence on this logical line may be confident (module doc)."""
        if gist != text:
            view = scoring.view_of(text, gist)
            sharing = self._sharing(view.terms)
            return (bool(sharing) and _may_reach(self._kb, view, sharing)
                    and _confident(self._kb, view, self._everyone))
        parsed = parse(text)
        if parsed.level in _INFORMATIONAL:
            return False
        masked = mask_words(parsed.message)  # as view_of reads words (quoted values' words too)
        key = (parsed.program, parsed.logger, parsed.level, masked)
        found = self._confident_words.get(key)
        if found is None:
            if len(self._confident_words) >= _KEPT_MESSAGES:
                self._confident_words.clear()
            # the terms are what view_of reads (scoring.message_words of the masked message, and
            # the words its numbers stand for): a message sharing too few with every issue is
            # decided without word_evidence
            read, _bound, synonyms = scoring.message_words(masked)
            terms = read | scoring.numbers_say(parsed.message)
            sharing = self._sharing(terms)
            # the bound reads what view_of would (its terms, synonyms and level), without the rest
            found = (bool(sharing) and _may_reach(self._kb, _Read(terms, synonyms, parsed.level), sharing)
                     and _confident(self._kb, scoring.view_of(text, text), self._everyone))
            self._confident_words[key] = found
        return found

    def line_ruled_out(self, line: bytes) -> bool:
        """Whether word evidence can be confident on no logical line of one physical line of
        this line's shape (its digits rewritten, `shape_may_be_confident`): its rough shape
        first, then its shape. A line whose words reading may cut a run of digits (a word of
        80 characters or more, or more than _READ_CHARS of message once masked) is not."""
        rough = line.translate(_ZERO_BYTES)
        if not self.shaped(rough):
            return False
        if not self.shape_may_be_confident(rough, rough=True):
            return True
        # the shape is the rough one with the runs that are numbers of the knowledge put back:
        # known by those runs (by their place among the line's runs), it is made once
        runs = line.translate(_DIGITS_ALONE).split()  # _BYTE_RUN.findall(line), in C
        kept = tuple(compress(enumerate(runs), map(self._numbers.__contains__, runs)))
        found = self._exact.verdicts.get((rough, kept))
        if found is None:
            shape = _BYTE_RUN.sub(self._byte_shape, line) if kept else rough
            found = self._exact.verdicts[(rough, kept)] = self.shape_may_be_confident(shape)
        return not found

    def roughly_ruled_out(self, rough: bytes) -> bool:
        """`line_ruled_out` of every line of this rough shape (`rough_shape`), without the
        shape that puts the knowledge's numbers back: False leaves the line to line_ruled_out."""
        return self.shaped(rough) and not self.shape_may_be_confident(rough, rough=True)

    @staticmethod
    def shaped(line: bytes) -> bool:
        """Whether a line has a shape at all (`line_ruled_out`); its rough shape says the same."""
        return len(line) <= _SHAPED_BYTES and _LONG_WORD not in line.translate(_WORDISH)

    def _byte_shape(self, m: re.Match) -> bytes:
        return m.group() if m.group() in self._numbers else b"0" * len(m.group())

    def _term_shape(self, term: str) -> str:
        """A term as it reads in a line's shape (`line_ruled_out`)."""
        return _ASCII_RUN.sub(lambda m: m.group() if m.group() in self._numbers else "0" * len(m.group()),
                              term)

    def shape_may_be_confident(self, shape: bytes, rough: bool = False) -> bool:
        """Whether word evidence may be confident on a logical line of one physical line of
        this shape (its ASCII digits rewritten: `line_ruled_out`), whatever its digits are
        (triage asks it of lines that repeat a message with other numbers, addresses, ids:
        once per shape).

        Digits are read by their class only, and so alike, by prefix.parse's message (its
        level aside: Ceph's priority, not read here; a JSON record's numbers, not asked) and
        by masking: the shape's masked message is the line's with its digits rewritten
        (tests/test_matching_bounds.py checks both on real logs). A term of it holding a 0 may
        stand for any term of that shape (in a shape, not a rough one, a run of 0s stands for
        no number the knowledge has: it weighs nothing); the words a message's numbers stand
        for are those its shape may stand for (scoring.numbers_may_say). Then `_sharing` as
        for a line, and `_shape_may_reach` as `_may_reach`, each term of a shape at its most.
        """
        shapes = self._rough if rough else self._exact
        found = shapes.verdicts.get(shape)
        if found is None:
            if len(shapes.verdicts) >= _KEPT_MESSAGES:
                shapes.verdicts.clear()
            message = message_of(shape.decode("utf-8", "replace"))  # parse's, on oslo.log's for less
            # what follows reads only the message: lines of many shapes (ids in their prefix:
            # oslo.log's request and instance) share it, and masking it costs as much as parsing
            found = shapes.by_raw_message.get(message)
            if found is not None:
                shapes.verdicts[shape] = found
                return found
            # then only the masked message and the words its numbers may stand for: lines of many
            # shapes (hosts, pids, addresses of other lengths) share them
            masked, said = mask_words(message), scoring.numbers_may_say(message)
            found = shapes.by_message.get((masked, said))
            if found is None:
                read, _bound, synonyms = scoring.message_words(masked)
                exact = frozenset(t for t in read if "0" not in t) | said
                possible = set(exact)
                for term in read - exact:
                    possible |= shapes.rare_or_distinct.get(term, set())
                sharing = self._sharing(frozenset(possible))
                found = bool(sharing) and self._shape_may_reach(
                    shapes, masked, exact, said, synonyms, sharing)
                if len(shapes.by_message) >= _KEPT_MESSAGES:
                    shapes.by_message.clear()
                shapes.by_message[(masked, said)] = found
            if len(shapes.by_raw_message) >= _KEPT_MESSAGES:
                shapes.by_raw_message.clear()
            shapes.by_raw_message[message] = found
            shapes.verdicts[shape] = found
        return found

    def _shape_may_reach(self, shapes: "_Shapes", masked: str, exact: frozenset[str], said: frozenset[str],
                         synonyms, issues: list[int]) -> bool:
        """`_may_reach` for every line of a shape (`shape_may_be_confident`): `exact` its terms
        without a 0 (with `said`, the words its numbers may stand for), each other term of its
        head (with repeats: two numbers of one shape may be two terms) counted at the most a
        term of its shape weighs, and the level as failing. Prose: what the exact terms
        explain, as scoring._prose computes it, plus the most each other term may explain,
        over the weight of the terms the line surely holds (the others only add to it).
        Signature words: every word of the issues' templates the shape may say."""
        kb, index = self._kb, self._kb.index
        weight = index.weight
        wild = [t for t in terms(words(masked[:scoring._READ_CHARS])) if "0" in t]
        wild_most = sum(shapes.heaviest.get(t, 0.0) for t in wild)
        said_wild = set().union(*(shapes.weighed.get(t, ()) for t in wild)) if wild else set()
        # the line's own weight counts only terms it surely holds: not the words its numbers may
        # stand for, nor a concept a phrase with a number raises (a run of 0s could match it)
        total = sum(weight(t) for t in exact - said - _NUMBERED_CONCEPTS)
        # a run of 0s may be a number that alone raises a concept (`403` -> ~auth), which the
        # line then holds as scoring reads it: what it may explain counts every such concept
        maybe = exact | _NUMBERED_CONCEPTS if wild else exact
        may_say = maybe | said_wild  # what a template's words may meet
        templates, masses = kb.templates, index.template_mass
        best = 0.0
        for issue in issues:
            fields = index.docs[issue].fields
            explained = sum(weight(t) * fields[t] for t in maybe if t in fields) + wild_most
            paraphrased: dict[str, float] = {}
            for concept, word in synonyms:
                if concept in fields and word in exact and word not in fields:
                    paraphrased[word] = max(paraphrased.get(word, 0.0), fields[concept])
            explained += sum(weight(w) * f for w, f in paraphrased.items())
            if explained > 0:
                best = max(best, 0.75 * (min(1.0, explained / total) if total else 1.0))
            for tid in self._templates_of[issue]:
                template = templates[tid]
                if template.weak or not masses[tid]:
                    continue
                said = template.terms & may_say | {
                    w for c, w in template.synonyms if c in maybe} & template.terms
                best = max(best, 0.8 * sum(weight(t) for t in said) / masses[tid])
            if best + 0.05 >= scoring.WORD_THRESHOLD - 1e-9:
                return True  # best only grows: the other issues cannot change the verdict
        return False

    def _shares_enough(self, terms: frozenset[str]) -> bool:
        """The terms hold three rare terms of one issue and a distinct one of it (module doc)."""
        return bool(self._sharing(terms))

    def _sharing(self, terms: frozenset[str]) -> list[int]:
        """The issues of which the terms hold three rare terms and a distinct one (module doc):
        the only ones whose word evidence may be confident."""
        if not _RULE_HOLDS:
            return list(range(len(self.rare)))
        rare: dict[int, int] = {}
        distinct: set[int] = set()
        for term in terms:
            for issue in self._rare_in.get(term, ()):
                rare[issue] = rare.get(issue, 0) + 1
            distinct.update(self._distinct_in.get(term, ()))
        return sorted(issue for issue in distinct if rare.get(issue, 0) >= 3)


def rough_shape(line: bytes) -> bytes:
    """A line's rough shape (`Bounds.line_ruled_out`): every ASCII digit written 0."""
    return line.translate(_ZERO_BYTES)


def _issues_of(per_issue: list[frozenset[str]]) -> dict[str, tuple[int, ...]]:
    out: dict[str, list[int]] = {}
    for issue, held in enumerate(per_issue):
        for term in held:
            out.setdefault(term, []).append(issue)
    return {term: tuple(issues) for term, issues in out.items()}


_ZERO = str.maketrans("123456789", "000000000")
_ZERO_BYTES = bytes.maketrans(b"123456789", b"000000000")
_ASCII_RUN = re.compile(r"[0-9]+")
# words() reads words of at most 80 characters and scoring the first _READ_CHARS of a masked
# message: past either a run of digits may be cut, so a line that may reach them has no shape
# (masking at most about doubles a text: `'a:'` is `'<STR>'`).
_WORDISH = bytes(97 if chr(b).isascii() and (chr(b).isalnum() or b == 95) else 32 for b in range(256))
_LONG_WORD = b"a" * 80
_SHAPED_BYTES = 400
_BYTE_RUN = re.compile(rb"[0-9]+")
# Every byte but an ASCII digit made a space: split() then gives the runs _BYTE_RUN finds (a
# third of the time of findall on an access line with 25 runs of digits).
_DIGITS_ALONE = bytes(b if 48 <= b <= 57 else 32 for b in range(256))


class _Shapes:
    """Terms by the shape they read in (Bounds.line_ruled_out), and the verdicts on shapes."""

    def __init__(self, shape_of, bounds: Bounds):
        index = bounds._kb.index
        self.rare_or_distinct: dict[str, set[str]] = {}
        for term in frozenset().union(*bounds.rare, *bounds.distinct):
            self.rare_or_distinct.setdefault(shape_of(term), set()).add(term)
        # every term a weight is known for (index and templates), and the most one of a shape weighs
        self.weighed: dict[str, set[str]] = {}
        for term in {*index.idf, *index.template_postings}:
            if any(c.isdigit() for c in term):
                self.weighed.setdefault(shape_of(term), set()).add(term)
        self.heaviest = {shape: max(index.weight(t) for t in terms) for shape, terms in self.weighed.items()}
        self.verdicts: dict = {}  # shape -> verdict (and, for shapes, its key in line_ruled_out)
        self.by_message: dict[tuple[str, frozenset[str]], bool] = {}  # (masked message, its words)
        self.by_raw_message: dict[str, bool] = {}  # the message, before masking

    def __getstate__(self) -> dict:
        """The terms by shape, without the verdicts (Bounds.__getstate__)."""
        return {**self.__dict__, "verdicts": {}, "by_message": {}, "by_raw_message": {}}


# Concepts one of whose phrases holds a number (`errno 111`, `http 429`).
_NUMBERED_CONCEPTS = frozenset(
    "~" + concept for concept, phrases in GROUPS.items()
    if any(any(c.isdigit() for c in token) for phrase in phrases for token in words(phrase)))


# What `_sharing` assumes of scoring's rule (checked, not assumed, as _INFORMATIONAL is): with
# two of the three rare terms word evidence tops out below the threshold, and a line's own
# component is one piece of support at most, so a distinct term is needed.
_RULE_HOLDS = (scoring._RARE_NEEDED == 3 and scoring.SUPPORT_NEEDED >= 2
               and max(0.8, 0.75) * 2 / 3 + 0.05 < scoring.WORD_THRESHOLD)
# Messages whose verdict is kept: a log repeats its messages, and this bounds the memory.
_KEPT_MESSAGES = 1 << 16


def _confident(kb, view, everyone) -> bool:
    """Whether word evidence on the line may be confident, as if it named every component."""
    view = replace(view, named=everyone)
    return any(e.score >= scoring.CONFIDENT for e in scoring.word_evidence(kb, view))


@dataclass(frozen=True)
class _Read:
    """What `_may_reach` reads of a line's view (scoring.view_of): its terms, synonyms and level;
    and what scoring.foreign reads: its component, program and the components it names."""

    terms: frozenset[str]
    synonyms: frozenset[tuple[str, str]]
    level: str
    component: str = ""
    program: str = ""
    named: tuple[str, ...] = ()


def _may_reach(kb, view, issues: list[int]) -> bool:
    """Whether the raw word score of one of `issues` may reach WORD_THRESHOLD (scoring.word_evidence,
    which costs ~1 ms a line with every component named, mostly in their agreement): signature
    words over every template of theirs sharing a term with the line and prose over each of them
    (word_evidence scores the best few of each, which only finds less), plus the most agreement
    adds (0.05). Other issues need not be scored: without three rare terms of an issue its
    evidence is scaled by 2/3 at most (0.8 x 2/3 + 0.05 < WORD_THRESHOLD), without a distinct one its
    support is one at most (module doc)."""
    wanted = set(issues)
    tids = sorted({tid for term in view.terms for tid in kb.index.template_postings.get(term, ())
                   if kb.templates[tid].issue in wanted})
    scores = [score for score, _why in (*scoring._signature_words(kb, view, tids).values(),
                                        *scoring._prose(kb, view, issues).values())]
    factor = 0.75 if view.level in ("info", "debug") else 1.0
    return max(scores, default=0.0) * factor + 0.05 >= scoring.WORD_THRESHOLD - 1e-9


_BRACKETED = re.compile(r"<[^<>\s]*>")
_RUN = re.compile(r"[^\s'<>]+")


def _pieces_of(key: str) -> tuple[str, ...]:
    """The runs of a (folded) key segment that are the raw line's own text, longest first:
    no whitespace (masking collapses it), no quote (it drops Python 2's u before one),
    nothing in angle brackets (a lower-case <ip> in a signature meets a folded placeholder)."""
    return tuple(sorted(set(_RUN.findall(_BRACKETED.sub(" ", key))), key=lambda p: (-len(p), p)))


def _piece_automaton(templates):
    """Aho-Corasick over each template's longest piece (of all its segments) -> the other pieces
    of the templates it anchors; None when a template has no piece (only punctuation and quotes)."""
    by_piece: dict[str, set[tuple[str, ...]]] = {}
    for template in templates:
        pieces = _pieces_of(" ".join(template.folded))
        if not pieces:
            return None
        by_piece.setdefault(pieces[0], set()).add(pieces[1:])
    automaton = ahocorasick.Automaton()
    for piece, rests in by_piece.items():
        automaton.add_word(piece, tuple(sorted(rests)))
    automaton.make_automaton()
    return automaton


_CONTRACTED = re.compile(r"nt$")


def triggers(term: str) -> list[str]:
    """Strings one of which the raw text holds (ASCII case aside) wherever `term` is a term
    of it. A word: itself, and for a word ending in "nt" its spellings with "n't" and
    "n\u2019t" (tokens.words reads "can't" as "cant"). A concept: for each of its phrases,
    the phrase's longest word (every word of a phrase is in a line that raises it)."""
    if term.startswith("~"):
        out = []
        for phrase in GROUPS.get(term[1:], ()):
            tokens = words(phrase)
            if tokens:
                out += triggers(max(tokens, key=len))
        return out
    if _CONTRACTED.search(term):
        return [term, term[:-2] + "n't", term[:-2] + "n\u2019t"]
    return [term]


# The engine's Bounds, built on first use and kept with it.
bounds_of: PerEngine[Bounds] = PerEngine(Bounds)
