"""The matching engine: built once from the issues, then read by any number of threads.

Nothing is mutated after `Engine.build`; per-call state (the cache of
identical lines) lives in the call.
"""

import threading
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import partial

import ahocorasick

from . import scoring
from .background import Background
from .bounds import SIGNATURES, SKIP, bounds_of
from .budget import Budget
from .command_output import command_component
from .failscan import stating_lines
from .grouping import Logical, dedent, group_lines, is_frame, physical_lines
from .index import WordIndex
from .knowledge import Knowledge
from .normalize import fold, mask_numbers
from .plaintext import plain, shorten
from .prefilter import build_prefilter
from .programs import canonical, component_of
from .ranking import StemIndex
from .report import (
    MAX_LINES_PER_MATCH,
    MAX_UNMATCHED,
    IssueMatch,
    IssueRecord,
    LineHit,
    MatchReport,
    clip,
    why_of,
)
from .search import search as _search
from .signatures import Template, compile_signature, precursors
from .types import IssueSpec, SearchHit

# Weak leads shown with a report, best first: enough to point a person
# somewhere, few enough not to bury the answer (or to invent one).
MAX_WEAK_LEADS = 3
# How a relation reads from the other issue's side.
_REVERSE = {"caused_by": "causes", "causes": "caused_by", "same_root_cause": "same_root_cause"}


def _relations(specs: list[IssueSpec]) -> list[tuple[tuple[int, str], ...]]:
    position = {s.slug: i for i, s in enumerate(specs)}
    related: list[dict[int, str]] = [{} for _ in specs]
    for i, spec in enumerate(specs):
        for slug, kind in spec.related:
            j = position.get(slug)
            if j is None or j == i:
                continue
            related[i].setdefault(j, kind or "related")
            related[j].setdefault(i, _REVERSE.get(kind, kind or "related"))
    return [tuple(r.items()) for r in related]


def _automaton(templates: list[Template]):
    """One pass over a line finds every template one of whose key segments it holds."""
    by_key: dict[str, list[int]] = {}
    for tid, template in enumerate(templates):
        for key in template.keys:
            by_key.setdefault(key, []).append(tid)
    automaton = ahocorasick.Automaton()
    for key, tids in by_key.items():
        automaton.add_word(key, tuple(tids))
    if by_key:
        automaton.make_automaton()
    return automaton


class Engine:
    """Known issues, indexed for matching log lines and searching prose.

    Build with `Engine.build(issue_specs)`; then `match_text`, `match_lines`,
    `search`, `literals` (and `triage.triage_stream` for huge files).
    """

    def __init__(self, knowledge: Knowledge):
        self._kb = knowledge
        self._prefilter = None
        self._prefilter_lock = threading.Lock()

    @classmethod
    def build(cls, issues: Iterable[IssueSpec], *, background: Background | None = None) -> "Engine":
        """`background`: word commonness in ordinary logs (default: the shipped table)."""
        specs = list(issues)
        templates: list[Template] = []
        for i, spec in enumerate(specs):
            before = precursors(spec.signatures)
            for signature in spec.signatures:
                templates.extend(compile_signature(i, signature.text, signature.source,
                                                   precursor=signature.text in before,
                                                   sign=signature.sign))
        records = tuple(
            IssueRecord(
                spec=spec,
                components=frozenset(canonical(c) or c.lower() for c in spec.components),
                remedy=shorten(plain(spec.solution) or plain(spec.workaround)),
                related=related,
            )
            for spec, related in zip(specs, _relations(specs), strict=True)
        )
        index = WordIndex(specs, [t.terms for t in templates], background)
        knowledge = Knowledge(
            records, tuple(templates), _automaton(templates), index, StemIndex(index)
        )
        return cls(knowledge)

    @property
    def issue_count(self) -> int:
        return len(self._kb.issues)

    def issue_spec(self, index: int) -> IssueSpec:
        return self._kb.issues[index].spec

    def signatures(self) -> list[tuple[str, str]]:
        """(issue slug, signature text) of every strong compiled template (bench, debugging)."""
        return [
            (self._kb.issues[t.issue].spec.slug, t.signature)
            for t in self._kb.templates
            if not t.weak
        ]

    @property
    def generic_templates(self) -> frozenset[int]:
        """The templates that only repeat a shared library's message (kb.matching.generic): where a
        line's prefix names nobody, the line before it may decide (`_in_context`); triage reads
        one line more before such a hit."""
        return frozenset(tid for tid, t in enumerate(self._kb.templates) if t.generic)

    def literals(self) -> list[str]:
        """One prefilter literal per (strong) template, deduplicated: `grep -F -f` input."""
        return sorted({t.literal for t in self._kb.templates if not t.weak and t.literal})

    def prefilter(self):
        """The compiled multi-literal scanner of `literals()`, built on first use."""
        with self._prefilter_lock:
            if self._prefilter is None:
                self._prefilter = build_prefilter(self.literals())
            return self._prefilter

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        return _search(self._kb, query, limit)

    def match_text(self, text: str, *, min_score: float | None = None, on_hit=None,
                   cpu_seconds: float | None = None) -> MatchReport:
        """Match a paste: its physical lines (grouping.physical_lines: \\n, \\r\\n or a lone \\r),
        without the indentation all lines share."""
        lines = physical_lines(text)
        if lines and not lines[-1].strip():
            lines.pop()
        return self.match_lines(dedent(lines), min_score=min_score, on_hit=on_hit, cpu_seconds=cpu_seconds)

    def match_lines(
        self, lines: Sequence[str], *, min_score: float | None = None, on_hit=None,
        cpu_seconds: float | None = None, confident_words: bool = False,
    ) -> MatchReport:
        """Known issues in these lines: the pipeline's last two steps, decision and report.

        Per logical line (grouping.py: a traceback is one), scoring.line_evidence
        gives the evidence; a line counts for its best issue, and for a second
        issue only when it holds that issue's signature too. An issue is a
        known issue (confident) when a line has confident evidence for it; it
        is then shown with those lines, and with each line holding only a sign of it
        (Template.sign): a sign never makes an issue confident, but beside the issue's own
        confident evidence in the same paste it corroborates it, and its line is matched.
        Otherwise it may be a weak lead:
        at most MAX_WEAK_LEADS of them, each resting on a line with distinctive
        evidence (a signature, or DISTINCT_NEEDED distinctive words). A line is
        matched when it has confident evidence, unmatched otherwise, never both.
        `min_score` (default CANDIDATE) is the floor for reporting anything.
        `on_hit(line_number, slug, signature)`, if given, hears of every line that is
        confident evidence (a corroborating sign's line is not) and each issue it is evidence
        for (a report lists MAX_LINES_PER_MATCH lines per issue; `manage.py match --hit-lines`
        wants them all), as triage's does.
        `cpu_seconds`, if given, is the CPU time the call may take (budget.py): past it,
        budget.MatchTooCostly is raised.
        `confident_words` (with a `min_score` of CONFIDENT or more, as triage asks): a logical
        line's word evidence is computed only where bounds.py cannot rule out that it is confident
        (`_evaluate`): the same report, as nothing below CONFIDENT is reported.
        The report lists MAX_UNMATCHED of the unmatched lines, in order; of a whole log, those
        that may state a failure first (failscan.stating_lines; a logical line of several
        physical ones, a traceback, counts as one): a new user's trial (2026-12-07) found the
        panel of a whole log's report listing its first 200 lines, INFO chatter and shell traces,
        where the errors nothing explained were the lines to read.
        """
        threshold = scoring.CANDIDATE if min_score is None else min_score
        found: dict[int, list[tuple[Logical, scoring.Evidence]]] = {}
        unmatched: list[tuple[int, str]] = []  # that may state a failure (all of a short paste)
        quiet: list[tuple[int, str]] = []  # the other unmatched lines of a whole log
        unmatched_count = matched = 0
        # lines whose evidence holds a sign: matched or not once the confident issues are known
        signed: list[tuple[Logical, list[scoring.Evidence]]] = []
        groups = group_lines(lines)
        short = is_short(groups, lines)
        stating = None if short else stating_lines(lines)
        budget = Budget(cpu_seconds) if cpu_seconds is not None else None
        if confident_words and threshold < scoring.CONFIDENT:
            raise ValueError("confident_words needs a min_score of CONFIDENT or more")
        for done, (group, evidence) in enumerate(self._evaluate(groups, lines, stating, confident_words)):
            if budget:
                budget.check(done, len(groups))
            # most lines of a whole log have no evidence left (Bounds.reading): nothing to rank
            kept = _counted(e for e in evidence if e.score >= threshold) if evidence else evidence
            for e in kept:
                found.setdefault(e.issue, []).append((group, e))
            certain = [e for e in kept if e.score >= scoring.CONFIDENT] if kept else kept
            if certain:
                matched += 1
                if on_hit:
                    for e in certain:
                        on_hit(self._located(group, e, lines)[0], self._kb.issues[e.issue].spec.slug,
                               e.template.signature if e.template else None)
            elif any(e.template is not None and e.template.sign for e in kept):
                signed.append((group, kept))
            else:
                unmatched_count += 1
                listed = quiet if stating is not None and _quiet(group, stating) else unmatched
                if len(listed) < MAX_UNMATCHED:
                    listed.append((group.number, clip(group.text, 500)))
        sure_of = {issue: [h for h in hits if h[1].score >= scoring.CONFIDENT]
                   for issue, hits in found.items()}
        # the report keeps the first MAX_UNMATCHED unmatched lines by number (quiet ones last): of
        # the signed ones, in order, no more than that many can be among them
        signed_unmatched = 0
        for group, kept in signed:
            corroborating = [e for e in kept
                             if e.template is not None and e.template.sign and sure_of[e.issue]]
            if corroborating:
                # listed and counted with the answer it corroborates, but not heard by on_hit: a
                # sign is no confident evidence of its own, and triage, which reads a huge file
                # for confident evidence only, cannot find it (`--hit-lines` is the same for both)
                matched += 1
                for e in corroborating:
                    sure_of[e.issue].append((group, e))
            else:
                unmatched_count += 1
                if signed_unmatched < MAX_UNMATCHED:
                    signed_unmatched += 1
                    unmatched.append((group.number, clip(group.text, 500)))
        unmatched = sorted(unmatched)[:MAX_UNMATCHED]
        unmatched = sorted(unmatched + quiet[: MAX_UNMATCHED - len(unmatched)])
        confident, leads = [], []
        for issue, hits in found.items():
            sure = sure_of[issue]
            if sure:
                confident.append(self._issue_match(issue, sure, lines))
                continue
            distinctive = [h for h in hits if h[1].is_lead(short)]
            if distinctive:
                leads.append((self._issue_match(issue, distinctive, lines), distinctive))
        confident.sort(key=_rank)
        leads = sorted(leads, key=lambda lead: _rank(lead[0]))[:MAX_WEAK_LEADS]
        # a lead's lines stay unmatched (no known issue explains them), but the count line must
        # not say "0 matched, 2 did not" above a lead card that lists one of them
        leading = len({group.number for _, hits in leads for group, _ in hits})
        return MatchReport(
            tuple(confident + [match for match, _ in leads]), len(lines), matched, tuple(unmatched),
            unmatched_count, records_total=len(groups), unmatched_leading=leading,
        )

    def signature_hits(self, group: Logical) -> list[scoring.Evidence]:
        """Confident signature hits only: what a triage of a huge file counts."""
        view = scoring.view_of(group.text, group.gist, with_words=False)
        hits, _contradicted = scoring.template_evidence(self._kb, view)
        return [e for e in hits if not e.template.weak and e.score >= scoring.CONFIDENT]

    def holds_signature(self, group: Logical) -> bool:
        """Whether `signature_hits(group)` finds any, sooner (scoring.holds_signature)."""
        return scoring.holds_signature(self._kb, group.text)

    def _evaluate(self, groups: list[Logical], lines: Sequence[str], stating: set[int] | None = None,
                  confident_words: bool = False):
        """Evidence per logical line; identical lines (raw, then normalised) computed once.

        Word evidence, the costly part, is computed once per distinct
        `scoring.word_view`: lines of one log statement differ in values that
        word evidence does not read. `stating` (given for a log of more than SHORT_PASTE
        lines: failscan.stating_lines, the lines that may state a failure): what cannot
        give confident evidence or a weak lead there is
        left unread (bounds.Bounds.reading): a line none of whose evidence can
        gets none, one whose word evidence cannot is read for signatures only
        (`_signature_evidence`). What such a line would get is kept out of the
        report anyway (match_lines keeps confident evidence and leads only), so
        the report is the same (tests/test_matching_bounds.py compares both;
        tests/bench/paste_kinds.py on 5 MB pastes, CPU s against int1 8ffc2b9
        alternating at load 5-7: bench log 2.0 / 2.2, real logs 1.2 / 2.2, their
        WARNING+ records varied 2.6 / 3.6, ERROR lines of kb's prose 12.5 / 29.8).
        Two scans of the whole paste in C spare most lines even the parse that bound
        costs: a logical line of one physical line that the failure scan does not hold
        (failscan.stating_lines) states no failure, so its words cannot matter, and one
        holding no template's every piece (Bounds.holding_lines) can have no signature hit.
        `confident_words`: only confident evidence is wanted (match_lines); a line's word
        evidence is not computed where bounds.Bounds.words_may_be_confident rules it out (it
        bounds it as if the line named every component, so the record before it, which only says
        who logged it, cannot lift it either): without a strong signature hit, which line_evidence
        returns before its words, a line's evidence is confident only through them (a weak hit
        stays below CONFIDENT). On the bench log: 221 such lines in the windows triage reads,
        none confident, their word evidence 0.09 s of CPU against 0.008 s for the bound.
        """
        skim = stating is not None
        reading = bounds_of(self).reading if skim else None
        # a line no failure pattern holds states no failure: alone in its logical line, its
        # words cannot matter, and they are not read (a parse and a masking each)
        holding = bounds_of(self).holding_lines(lines) if skim else set()
        by_text: dict[tuple[str, str], list[scoring.Evidence]] = {}
        by_view: dict[scoring.LineView, list[scoring.Evidence]] = {}
        by_words: dict[tuple[scoring.LineView, frozenset[int]], list[scoring.Evidence]] = {}

        def words(kb, view: scoring.LineView, against: frozenset[int]):
            key = (scoring.word_view(kb, view), against)
            found = by_words.get(key)
            if found is None:
                found = by_words[key] = scoring.word_evidence(kb, view, against)
            return found

        may_be_confident = bounds_of(self).words_may_be_confident if confident_words else None

        previous = None
        for group in groups:
            key = (group.text, group.gist)
            # the bound is asked only where line_evidence would read the words
            read_words = (words if may_be_confident is None
                          else partial(_words_if, may_be_confident, group, words))
            evidence = by_text.get(key)
            if evidence is None and reading:
                alone = group.first == group.last  # a logical line of one physical line
                read = reading(group.text, group.gist, stating=not alone or group.first in stating,
                               holding=group.first in holding if alone else None)
                if read == SKIP:
                    evidence = by_text[key] = []
                elif read == SIGNATURES:
                    evidence = self._signature_evidence(group)
                    if evidence is not None:
                        by_text[key] = evidence
            if evidence is None:
                view = scoring.view_of(group.text, group.gist)
                evidence = by_view.get(view)
                if evidence is None:
                    evidence = by_view[view] = scoring.line_evidence(self._kb, view, read_words)
                by_text[key] = evidence
            if previous is not None and previous.last + 1 == group.first and _may_gain_context(evidence):
                evidence = self._in_context(group, previous, evidence, read_words)
            previous = group
            yield group, evidence

    def _in_context(self, group: Logical, previous: Logical, evidence: list[scoring.Evidence], words):
        """The evidence of a line whose prefix names nobody, read with the record right before it
        as who logged it (scoring.LineView.context): an exception line under its service's
        `ERROR ... index failed` record, a client's error under the command that printed it.
        Only a shared library's message reads it (scoring._library_message_elsewhere): the
        engine asks only where such a hit was not confident (`_may_gain_context`)."""
        parsed = scoring.read_line(group.text)[0]
        if parsed.program or parsed.logger:
            return evidence  # its own prefix says who logged it
        before = scoring.read_line(previous.text)[0]
        source = before.program or before.logger
        # a program kb has no component for is none of the issue's: named as it is, it agrees
        # with none; a pasted shell command, the service whose client it runs
        said = (component_of(before) or f"program {source}") if source else command_component(previous.text)
        if not said:
            return evidence
        view = scoring.view_of(group.text, group.gist)
        return scoring.line_evidence(self._kb, replace(view, context=(*view.context, said)), words)

    def _signature_evidence(self, group: Logical) -> list[scoring.Evidence] | None:
        """What of scoring.line_evidence matters in a whole log for a line whose word evidence
        cannot (bounds.SIGNATURES), read without its words; None when the words must be read
        after all (a weak signature hit, whose rank among them decides whether it counts).

        line_evidence gives a silent line its frame signatures, any other line its strong
        hits when it has some, and otherwise its word evidence merged with its weak hits;
        a signature hit reads the view's text, component and length, never its words, so
        a view without them (scoring.view_of's with_words=False) gives the same hits.
        """
        _parsed, _masked, full = scoring.read_line(group.text)
        normalized = fold(mask_numbers(full))  # the view's (scoring.view_of)
        templates = self._kb.templates
        if not any(templates[tid].segments_in(normalized)
                   for _end, tids in self._kb.automaton.iter(normalized) for tid in tids):
            # a hit holds its template's every segment (scoring._keyed_templates), found by a key
            # segment: none here, so no hit, and the view (a near miss's costliest part) is not built
            return []
        view = scoring.view_of(group.text, group.gist, with_words=False)
        hits, _contradicted = scoring.template_evidence(self._kb, view)
        if view.silent:
            return [e for e in hits if e.template.frame]
        strong = [e for e in hits if not e.template.weak]
        if strong or not hits:
            return strong  # without hits: word evidence alone, which cannot matter
        return None

    def _issue_match(
        self, issue: int, hits: list[tuple[Logical, scoring.Evidence]], physical: Sequence[str]
    ) -> IssueMatch:
        """One issue's match: its deciding lines best first, `why` naming the best by number."""
        record = self._kb.issues[issue]
        ordered = sorted(hits, key=_best_first)
        best = ordered[0][1]
        lines = tuple(
            LineHit(*self._located(g, e, physical, clipped=True),
                    e.template.signature if e.template else None)
            for g, e in ordered[:MAX_LINES_PER_MATCH]
        )
        return IssueMatch(
            issue=record,
            score=best.score,
            confident=best.score >= scoring.CONFIDENT,
            lines=lines,
            line_count=len(hits),
            why=why_of(lines[0].number, best.why, len(hits)),
            related=tuple((self._kb.issues[j], relation) for j, relation in record.related),
            reason=best.why,
        )


    def _located(self, group: Logical, evidence: scoring.Evidence, physical: Sequence[str], *,
                 clipped: bool = False) -> tuple[int, str]:
        """The number and text a hit is shown with: the physical line holding its signature.

        An indented line joins the line above it (grouping.py), so the rows of `kubectl describe`'s
        Events table are one group headed by `Events:`; a signature in its fourth row was shown as
        line 1, `Events: Type Reason Age ...`. A group of several lines (no traceback: that is shown
        by its exception line) with a signature hit its head line does not hold on its own is shown
        by the first indented row that does (the only case where a hit's number is not the group's:
        triage tells it so); as before by the whole group otherwise: the head holds it, the
        signature spans rows, or the row continues a backslash-wrapped line (one record, its
        prefix on the line before).
        """
        if evidence.template is not None and group.first < group.last and group.gist_line == group.first:
            for index in range(group.first, min(group.last + 1, len(physical))):
                line = physical[index].strip()
                view = scoring.view_of(line, line, with_words=False)
                if any(e.template is evidence.template for e in scoring.template_evidence(self._kb, view)[0]):
                    row = (index > group.first and physical[index][:1] in (" ", "\t")
                           and not physical[index - 1].rstrip().endswith("\\"))
                    if row:
                        return index + 1, clip(line) if clipped else line
                    break
        text = _shown(group, physical)
        return group.number, clip(text) if clipped else text


def _words_if(may_be_confident, group: Logical, words, kb, view: scoring.LineView, against: frozenset[int]):
    """`words(kb, view, against)`, or none where the logical line's word evidence cannot be
    confident (`may_be_confident(text, gist)`: Engine._evaluate's `confident_words`)."""
    return words(kb, view, against) if may_be_confident(group.text, group.gist) else []


def _may_gain_context(evidence: list[scoring.Evidence]) -> bool:
    """Whether the line's evidence holds a shared library's message short of confident, which the
    record before it may make confident (Engine._in_context)."""
    return any(e.template is not None and e.template.generic and e.score < scoring.CONFIDENT
               for e in evidence)


def _quiet(group: Logical, stating: set[int]) -> bool:
    """A logical line of one physical line that states no failure (failscan.stating_lines)."""
    return group.first == group.last and group.first not in stating


def is_short(groups: list[Logical], lines: Sequence[str]) -> bool:
    """Whether a paste is short (scoring.SHORT_PASTE), read as lines a person picked out: a
    stack trace counts as one line (a traceback, a goroutine dump, Java's `at ...` frames: one
    failure however long), any other line as it was pasted (blank lines aside).

    grouping.py also joins the indented rows under a line and a backslash-wrapped line: a
    guest's qemu log of 50 lines is 8 logical ones (libvirt's start-up header, qemu's 43-line
    command line, two warnings, the lines of a successful migration), and read as a person's
    pick its `initiating migration` and `shutting down, reason=migrated` were weak leads for
    migration issues on that one word. Nobody picks 50 lines out by hand. (Every text of the
    labelled and development sets is short or long by either count.)
    """
    count = 0
    for group in groups:
        if group.gist_line != group.first:  # a traceback or a goroutine dump (grouping.py)
            count += 1
        else:
            count += sum(1 for line in lines[group.first : group.last + 1]
                         if line.strip() and not is_frame(line))
        if count > scoring.SHORT_PASTE:
            return False
    return True


def _counted(evidence) -> list[scoring.Evidence]:
    """The evidence a line counts as: its best issue, plus issues whose signature it holds."""
    ranked = sorted(evidence, key=lambda e: e.score, reverse=True)
    return ranked[:1] + [e for e in ranked[1:] if e.template is not None and not e.template.weak]


def _shown(group: Logical, physical: Sequence[str]) -> str:
    """What a matched line shows: a traceback's exception line, the line it is reported under
    (its number), not the unit from `Traceback (most recent call last):` on, whose frames
    would fill the width before the exception; any other group whole."""
    if group.first < group.gist_line < len(physical):
        return physical[group.gist_line].strip()
    return group.text


def _best_first(hit: tuple[Logical, scoring.Evidence]):
    """Signature lines before word lines, then by strength, then in order of the log."""
    group, evidence = hit
    signature = evidence.template is not None and not evidence.template.weak
    return (not signature, -evidence.score, group.number)


def _rank(match: IssueMatch):
    return (-match.score, -match.line_count, match.issue.spec.slug)
