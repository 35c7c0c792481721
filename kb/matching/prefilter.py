"""The C-speed multi-literal scan that lets triage skip lines no signature can match.

Chosen by measurement (tests/bench/bench_prefilter.py: each backend scans the
whole in-memory file for every literal). Machine: 2 vCPUs, Python 3.11, a
148 MB / 1,000,000-line generated log, the 35 literals of the sample KB,
three runs each on a shared (busy) machine:

    backend                 scan      throughput   vs GNU grep -F -f (0.40-0.53 s)
    hyperscan 0.9.1         0.12 s    1.2 GB/s     0.24-0.30x
    google-re2 1.1          0.24-0.34 s  0.5 GB/s  0.5-0.85x (leftmost matches only)
    bytes.find loop         0.69-1.13 s  0.15 GB/s 1.6-2.8x (one pass per literal)
    pyahocorasick 2.3.1     1.9-2.3 s    0.07 GB/s 4.3-5.6x (needs a latin-1 str copy)

With the 20,054 literals of a 10,000-issue KB on 30 MB: hyperscan 0.55 s
and pyahocorasick 0.85 s (build included), grep 0.48 s; re2 refuses the
pattern ("pattern too large") and a find loop grows with every literal.

Hyperscan (Intel's SIMD literal matcher) is the only one well below grep, so
it is the default. Its wheel exists for x86-64 Linux/macOS only; elsewhere kb
falls back to pyahocorasick, which is pinned anyway and gives the same
positions, slower.
"""

import logging
import pickle
import re
from collections.abc import Iterable, Sequence

from .hyperscan_db import PatternDatabase
from .perengine import PerEngine
from .rawcheck import pieces

logger = logging.getLogger(__name__)


class HyperscanPrefilter:
    name = "hyperscan"

    def __init__(self, literals: Sequence[str]):
        import hyperscan

        # Caseless in ASCII, as templates compare (normalize.fold).
        self._db = PatternDatabase([lit.encode("utf-8") for lit in literals], literal=True,
                                   flags=hyperscan.HS_FLAG_CASELESS)

    def positions(self, data: bytes) -> list[int]:
        """End offsets (exclusive) of every literal occurrence, ascending."""
        found: list[int] = []

        def on_match(_id, _start, end, _flags, _context):
            found.append(end)

        self._db.scan(data, on_match)
        return found


class AhoCorasickPrefilter:
    name = "pyahocorasick"

    def __init__(self, literals: Sequence[str]):
        import ahocorasick

        self._automaton = ahocorasick.Automaton()
        for lit in literals:
            # The wheel matches str; latin-1 maps bytes 1:1 to code points, so byte
            # literals and byte offsets survive the trip. bytes.lower folds ASCII only,
            # as templates compare (normalize.fold).
            key = lit.encode("utf-8").lower().decode("latin-1")
            self._automaton.add_word(key, len(key))
        self._automaton.make_automaton()

    def positions(self, data: bytes) -> list[int]:
        return [end + 1 for end, _length in self._automaton.iter(str(bytes(data).lower(), "latin-1"))]


class _Empty:
    name = "none"

    def positions(self, data: bytes) -> list[int]:
        return []


def build_prefilter(literals: Sequence[str], backend: str | None = None):
    """The fastest available backend, or the one named (tests compare them)."""
    literals = [lit for lit in literals if lit]
    if not literals:
        return _Empty()
    if backend in (None, "hyperscan"):
        try:
            return HyperscanPrefilter(literals)
        except Exception as exc:  # no wheel for this platform, or a literal it refuses
            if backend == "hyperscan":
                raise
            logger.warning("hyperscan unavailable (%s); triage uses pyahocorasick", exc)
    return AhoCorasickPrefilter(literals)



class TemplateScanner:
    """Finds, at C speed, the lines that may hold a whole signature (not just one literal).

    One Hyperscan regex per template (signature variant): its literal pieces
    in order, `.*` between them (never across a newline), runs of blanks as
    `\\s+`. A line holding a signature holds every piece, in order, so it is
    found; a line holding one literal of a signature but not the rest
    ("Request to ..." with no "timed out", sshd's "Connection closed by") is
    not, and costs nothing in Python. That is what keeps triage at grep speed
    when ordinary lines share words with signatures (tests/bench/gen_log.py).
    """

    name = "hyperscan-templates"

    def __init__(self, patterns: Sequence[bytes], flags: Sequence[int] | None = None,
                 ids: Sequence[int] | None = None, *, database: PatternDatabase | None = None,
                 checked: Iterable[int] = ()):
        """`ids`: what `hits` reports for each pattern (default: its position); `database`: the
        patterns already compiled (one loaded from a snapshot); `checked`: the templates whose
        pattern leaves a piece out (`_kept`), whose hits triage checks on their line
        (triage._Scanner._signature_hits)."""
        self._db = database or PatternDatabase(patterns, ids=ids, flags=flags or 0)
        self.checked = frozenset(checked)

    def dumps(self) -> bytes:
        """The compiled database and the checked templates, for a snapshot
        (kb/snapshots.py): compiling costs ~0.4 s."""
        return pickle.dumps((self._db.dumps(), sorted(self.checked)))

    @classmethod
    def loads(cls, data: bytes) -> "TemplateScanner":
        database, checked = pickle.loads(data) if data else (b"", [])
        return cls([], database=PatternDatabase.loads(database), checked=checked)

    def positions(self, data) -> list[int]:
        """End offsets of every template match, ascending."""
        return [end for end, _id in self.hits(data)]

    def hits(self, data) -> list[tuple[int, int]]:
        """(end offset, pattern id) of every match, ascending."""
        found: list[tuple[int, int]] = []

        def on_match(pattern, _start, end, _flags, _context):
            found.append((end, pattern))

        self._db.scan(data, on_match)
        found.sort()
        return found


_MIN_PIECE = 4
_ALNUM = re.compile(r"[A-Za-z0-9]")


def template_pattern(segments: Sequence[str]) -> bytes:
    """A regex for a raw line holding these (normalised) segments, in order.

    Pieces are cut where normalisation may have changed the raw text (at
    placeholders and quotes, as Template.literal does); punctuation-only pieces
    shorter than _MIN_PIECE (`/`, `: `) are left out (they cost Hyperscan
    more than they save; rawcheck.py checks every piece in the window a hit
    falls in), the longest is always kept. Leaving a piece out only finds more
    lines. Caseless (`(?i)`: ASCII letters, in Hyperscan as in `re`
    on bytes), as templates compare (normalize.fold).
    """
    kept = _kept(pieces(segments))
    if not kept:
        return b""
    # `\s+`, not `[ \t]+`: Hyperscan 5.4 (hyperscan 0.9.1) misses `x.*:[ \t]+\[E` on a line that
    # holds it (tests/test_matching_triage.py); `\s` may cross a newline, which only finds more.
    escaped = [re.sub(r"(?:\\ )+", r"\\s+", re.escape(p)) for p in kept]
    return b"(?i)" + ".*".join(escaped).encode("utf-8")


def _kept(pieces: list[str]) -> list[str]:
    """The pieces `template_pattern` keeps (module doc there)."""
    if not pieces:
        return []
    longest = max(pieces, key=len)
    return [p for p in pieces if _ALNUM.search(p) or len(p) >= _MIN_PIECE or p is longest]


def template_patterns(engine) -> tuple[dict[int, bytes], list[int]]:
    """The template scanner's patterns by template id, and the templates it checks (`_kept` leaves
    a piece of theirs out). Weak templates are left out: triage never counts a hit of one
    (Engine.signature_hits). A hit names its template (rawcheck.py checks the rest of it in the
    window)."""
    templates = engine._kb.templates
    patterns = {tid: template_pattern(t.segments) for tid, t in enumerate(templates) if not t.weak}
    patterns = {tid: pattern for tid, pattern in patterns.items() if pattern}
    checked = [tid for tid in patterns
               if len(_kept(pieces(templates[tid].segments))) < len(pieces(templates[tid].segments))]
    return patterns, checked


def _compile_template_scanner(engine):
    """The engine's template prefilter (TemplateScanner; the literal one without Hyperscan)."""
    patterns, checked = template_patterns(engine)
    try:
        return TemplateScanner(list(patterns.values()), ids=list(patterns), checked=checked)
    except Exception as exc:  # no wheel for this platform, or a pattern it refuses
        logger.warning("hyperscan unavailable (%s); triage uses the literal prefilter", exc)
        return engine.prefilter()


# The engine's template prefilter, compiled on first use (`template_scanner.adopt` takes one
# loaded from a snapshot).
template_scanner = PerEngine(_compile_template_scanner)
