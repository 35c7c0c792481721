"""Fields of an issue written as prose: which blocks state the symptom, the cause, the fix.

The blocks of an issue are read in order. The first block describes what is
seen (symptoms). After it, a block whose text names a cause ("This can be
caused by", "due to") starts the cause, one that names a remedy ("To resolve
this", "We suggest") starts the fix, and blocks without a cue (a literal
block, a list of steps) belong to the field before them. A paragraph that
states both is split at the sentence where the second cue begins. Nothing is
guessed: a field no sentence states stays empty.
"""

import re
from dataclasses import dataclass, field

from docutils import nodes

from . import cues
from .fields import field_names
from .markdown import blocks_to_markdown, escape

# Where one sentence of prose ends and the next begins (structures.py splits by it too).
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z`*\"'(])")


def first_sentence(text: str) -> str:
    """The first sentence of a text, its blanks (line breaks too) collapsed."""
    return SENTENCE.split(" ".join(text.split()), maxsplit=1)[0]
# A paragraph ending in a colon that says an error or log record follows.
_ANNOUNCES_ERROR = re.compile(r"\b(errors?|messages?|warnings?|exceptions?|tracebacks?)\b[^.:]*:$", re.I)
_ANNOUNCES_SEEN = re.compile(
    r"\b(like|such as|similar to|as follows|encounter\w*|see|sees|seeing|get|gets|"
    r"errors?|messages?|warnings?|exceptions?|output|logs?|shows?|displays?)\b", re.I)
_CONDITION = re.compile(r"^(if|when|whenever|because|due to|in case)\b")  # lower case: it goes on
# A paragraph that is a condition and nothing more ("If a standby Pod fails:"): the list after
# it is its main clause. ("If the Pod's event is:" awaits its values: the list gives the cases.)
_LONE_CONDITION = re.compile(r"^(if|when|whenever|once|in case)\b[^.,;:!?]*:$", re.I)
_AWAITS_ITS_VALUES = re.compile(
    r"\b(is|are|was|were|be|shows?|contains?|says|reads|returns?|includes?|like|of|either|following|as)\s*:$",
    re.I)


def _lists_conditions(node) -> bool:
    if not isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
        return False
    items = [i for i in node.children if isinstance(i, nodes.list_item)]
    return bool(items) and all(_CONDITION.match(i.astext().strip()) for i in items)


PROSE_FIELDS = ("symptoms", "root_cause", "solution", "workaround")
_TEXTUAL = (nodes.paragraph, nodes.bullet_list, nodes.enumerated_list, nodes.definition_list,
            nodes.Admonition, nodes.line_block, nodes.field_list, nodes.table)


@dataclass
class ProseFields:
    symptoms: list[str] = field(default_factory=list)
    root_cause: list[str] = field(default_factory=list)
    solution: list[str] = field(default_factory=list)
    workaround: list[str] = field(default_factory=list)
    symptom_nodes: list = field(default_factory=list)  # where the quoted errors are
    current: str = "symptoms"
    seen_block: bool = False
    announced: bool = False  # the last paragraph announced an error ("... will show errors like:")
    announced_conditions: bool = False  # it stated a failure and ended in a colon
    conditional_lead: bool = False  # it was only a condition ending in a colon ("If the primary fails:")
    # A first list with a cue somewhere in it, kept whole as that cue's field too: (field, text)
    whole_list: tuple[str, str] | None = None
    named_remedy: bool = False  # a heading named the fix ("Solution", "How do I ...?")

    def add(self, name: str, text: str):
        if text.strip():
            getattr(self, name).append(text.strip())

    def text(self, name: str) -> str:
        return "\n\n".join(getattr(self, name)).strip()

    def cue_found(self) -> bool:
        return bool(self.root_cause or self.solution or self.workaround)

    def list_only_as_symptom(self):
        """Take back the first list from the cause or fix it was also read as (see _read_block)."""
        if self.whole_list is not None:
            name, text = self.whole_list
            getattr(self, name).remove(text)
            self.whole_list = None

    def as_cause(self, text: str):
        """`text` (a block read already) is the cause, whichever field it was read into."""
        text = text.strip()
        for name in ("symptoms", "root_cause", "solution", "workaround"):
            if text in getattr(self, name):
                getattr(self, name).remove(text)
        self.root_cause.append(text)
        if self.whole_list is not None and self.whole_list[1] == text:
            self.whole_list = None

    def states_remedy(self) -> bool:
        """Its fix holds a sentence that remedies something, not only checks ("verify that ..."),
        or a heading named it."""
        return self.named_remedy or any(cues.states_remedy(sentence)
                   for text in (*self.solution, *self.workaround) for sentence in SENTENCE.split(text))


def read_blocks(blocks, into: ProseFields | None = None) -> ProseFields:
    into = into or ProseFields()
    for node in blocks:
        if isinstance(node, (nodes.title, nodes.system_message, nodes.target, nodes.comment)):
            continue
        _read_block(node, into)
    return into


def read_subsection(heading: str, field_name: str | None, blocks, into: ProseFields):
    """A merged child section: its heading names its field, or cues decide."""
    if field_name:
        into.current = field_name
        into.add(field_name, blocks_to_markdown(blocks))
        into.named_remedy = into.named_remedy or (field_name in ("solution", "workaround") and bool(blocks))
        if field_name == "symptoms":
            into.symptom_nodes += list(blocks)
        return
    into.add(into.current, f"**{escape(heading)}**")
    read_blocks(blocks, into)


def _labelled_term(node):
    """"**Solution**: set up logrotate.  In the directory" over its next lines indented: docutils
    reads a labelled paragraph whose continuation is indented as a definition list of one item;
    (the label's paragraph, the blocks indented under it), or None for any other block."""
    if not isinstance(node, nodes.definition_list) or len(node.children) != 1:
        return None
    item = node.children[0]
    terms = [c for c in item.children if isinstance(c, nodes.term)]
    definitions = [c for c in item.children if isinstance(c, nodes.definition)]
    if len(terms) != 1 or len(definitions) != 1:
        return None
    paragraph = nodes.paragraph("", "", *[c.deepcopy() for c in terms[0].children])
    return (paragraph, list(definitions[0].children)) if inline_label(paragraph) else None


def _read_block(node, into: ProseFields):
    if isinstance(node, nodes.block_quote) and not is_quoted_record(node):
        # An indented answer ("    A: ...") is prose, read block by block.
        for child in node.children:
            _read_block(child, into)
        return
    if labelled := _labelled_term(node):
        paragraph, rest = labelled
        _read_block(paragraph, into)
        for child in rest:
            _read_block(child, into)
        return
    markdown = blocks_to_markdown([node])
    if not markdown.strip():
        return
    text = " ".join(node.astext().split())
    first = not into.seen_block
    into.seen_block = True
    if not isinstance(node, _TEXTUAL):
        # Literal blocks and quotes carry no cue words of their own.
        into.add(into.current, markdown)
        if into.current == "symptoms" or (into.announced and isinstance(node, nodes.literal_block)):
            # "KCP logs will show errors similar to:" under a cause: what follows is still
            # what is seen.
            into.symptom_nodes.append(node)
        return
    into.announced = bool(_ANNOUNCES_ERROR.search(text))
    if into.announced_conditions and _lists_conditions(node):
        # "provisioning might be stuck:" / "1. if there are stopped containers ..." / "2. if
        # the Docker space on your disk is being exhausted": the items finish the sentence
        # with the conditions it happens under, the causes.
        into.current = "root_cause"
        into.add("root_cause", markdown)
        return
    into.announced_conditions = (isinstance(node, nodes.paragraph) and text.endswith(":")
                                 and cues.names_failure(text))
    after_condition, into.conditional_lead = into.conditional_lead, (
        isinstance(node, nodes.paragraph) and bool(_LONE_CONDITION.match(text))
        and not _AWAITS_ITS_VALUES.search(text)
        and not _cue_positions(text))  # ("If ... then this is likely because either:" explains)
    bare = bare_label(node)
    if bare:
        # "Solution:" (or "**Workaround**") alone over a literal block or a list: the document
        # names the field the blocks after it hold, as a heading would.
        into.current = bare
        into.named_remedy = into.named_remedy or bare in ("solution", "workaround")
        return
    label = inline_label(node)
    if label:
        # "**Cause:** These releases include ...", "**Fix:** Before upgrading ...": the
        # document names the field; no cue word is needed, and it holds until the next label.
        into.current = label
        into.add(label, markdown)
        if label == "symptoms":
            into.symptom_nodes.append(node)
        return
    if first:
        into.add("symptoms", markdown)
        into.symptom_nodes.append(node)
        # A first paragraph that also names the cause or fix states them too;
        # a first list is kept whole (its items are not sentences to split), and the
        # caller may take it back (list_only_as_symptom): one cue word anywhere in a
        # long list is weak evidence that the whole list is a fix.
        if isinstance(node, nodes.paragraph):
            said = cue_sentences(markdown)
            for name, sentence in said:  # cues sentence by sentence only
                into.add(name, sentence)
            last = said[-1] if said else None
            if last and last[0] in ("solution", "workaround") and text.endswith(":") \
                    and last[1].rstrip().endswith(":") and not _ANNOUNCES_SEEN.search(last[1]) \
                    and cues.states_remedy(last[1]):
                # "Run the following commands:" opening the answer: what it announces is the
                # fix too (the commands), not more of what is seen ("..., and when you encounter
                # issue like:" announces the error).
                into.current = last[0]
        elif positions := _cue_positions(text):
            into.add(positions[0][1], markdown)
            into.whole_list = (positions[0][1], markdown.strip())
        return
    positions = _cue_positions(text)
    if after_condition and isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
        # "If the primary Pod fails:" / "- The failed Pod is removed from the services.": the
        # list is the main clause of the condition, what happens then; it may say what to do,
        # but what it says happens is no cause.
        positions = [p for p in positions if p[1] != "root_cause"]
    if not positions:
        into.add(into.current, markdown)
        if into.current == "symptoms":
            into.symptom_nodes.append(node)
        return
    if not isinstance(node, nodes.paragraph):
        into.current = positions[0][1]
        into.add(into.current, markdown)
        return
    # Split the paragraph where each cue starts; the sentences before the first belong to
    # the field before it ("... changes must go through quorum. Use `etcdctl member update`
    # to update a member's peer URLs.": the cause, then the fix).
    runs: list[tuple[str, list[str]]] = [(into.current, [])]  # consecutive sentences of one field
    for sentence in SENTENCE.split(markdown):
        found = _cue_positions(sentence)
        if found and found[0][1] != runs[-1][0]:
            runs.append((found[0][1], []))
        runs[-1][1].append(sentence)
    for name, sentences in runs:
        into.add(name, " ".join(sentences))
    into.current = runs[-1][0]


def inline_label(node) -> str | None:
    """The field a paragraph opens with in bold ("**Cause:** ..."), None for any other."""
    if not isinstance(node, nodes.paragraph):
        return None
    children = [c for c in node.children if not (isinstance(c, nodes.Text) and not c.strip())]
    if not children or not isinstance(children[0], nodes.strong):
        return None
    lead = children[0]
    after = children[1].astext() if len(children) > 1 else ""
    label = lead.astext().strip()
    if not (label.endswith(":") or after.startswith(":")):
        return None
    names = [n for n in field_names(label.rstrip(":").strip()) if n in PROSE_FIELDS]
    return names[0] if names else None


_BARE_LABEL = re.compile(r"^\W*([A-Za-z][\w /()-]{1,40}?)\s*:?\W*$")


def bare_label(node) -> str | None:
    """The field a paragraph made only of a label names ("Solution:", "**Workaround**"), else None.
    Plain text needs its colon ("Solution" alone may be a word of prose)."""
    if not isinstance(node, nodes.paragraph):
        return None
    text = node.astext().strip()
    children = [c for c in node.children if not (isinstance(c, nodes.Text) and not c.strip())]
    bold = len(children) == 1 and isinstance(children[0], nodes.strong)
    match = _BARE_LABEL.match(text)
    if not match or not (bold or text.endswith(":")):
        return None
    names = [n for n in field_names(match.group(1)) if n in PROSE_FIELDS]
    return names[0] if names else None


def is_quoted_record(quote) -> bool:
    """A block quote holding a quoted message (one short paragraph), not indented prose."""
    children = [c for c in quote.children if not isinstance(c, nodes.system_message)]
    if any(isinstance(c, nodes.literal_block) for c in children):
        return True
    return (len(children) == 1 and isinstance(children[0], nodes.paragraph)
            and children[0].astext().count("\n") <= 3 and cues.reads_as_error(children[0].astext()))


def cause_sentences(markdown: str) -> list[str]:
    """Sentences of a field's paragraphs that name a cause explicitly ("caused by", "due to")."""
    found = []
    for block in markdown.split("\n\n"):
        if block.lstrip().startswith(("```", "    ", "-", "*", ">", "|")) or block[:1].isdigit():
            continue  # code, lists, quotes and tables are not sentences
        found += [s.strip() for s in SENTENCE.split(block) if cues.CAUSE_EXPLICIT.search(s)]
    return found


def _cue_positions(text: str) -> list[tuple[int, str]]:
    text = cues.without_the_document(cues.plain(text))
    found = []
    cause = cues.CAUSE_START.start(cues.without_questions(text))
    if cause >= 0 and not cues.UNKNOWN_CAUSE.search(text):
        found.append((cause, "root_cause"))
    fix = cues.FIX_START.start(cues.without_diagnostic_steps(text))  # cues.states_fix(), keeping where
    if fix >= 0 and not cues.states_no_remedy(text):
        found.append((fix, "solution"))
    found.sort()
    condition = _CONDITION_CLAUSE.match(text)
    # (A cause cue that is the whole sentence, a failure under its condition, "If you force the
    # deletion, the operator will not be able to delete the record", starts at the "If".)
    if len(found) == 2 and found[0][1] == "root_cause" and condition \
            and condition.start(1) < found[0][0] < condition.end() <= fix:
        # "If the cluster frequently loses its leader due to disk latencies, try tuning the disk
        # settings": the cause named in the condition is the situation; what its main clause
        # says to do is the sentence's point, the remedy.
        found.reverse()
    return found


# "If ... , ", "When ... , ": a condition up to its first comma
_CONDITION_CLAUSE = re.compile(r"^\W*(if|when|whenever)\b[^,.;:]{3,200},\s", re.I)


def cue_sentences(markdown: str) -> list[tuple[str, str]]:
    """(field, sentence) for each sentence holding a cause or fix cue, by its first cue."""
    out = []
    for sentence in SENTENCE.split(markdown):
        for _, name in _cue_positions(sentence)[:1]:
            out.append((name, sentence))
    return out


# "ONTAP cannot provision two FlexGroups at a time unless their aggregates differ.": the failure
# and, after "unless", the condition it needs, which is its cause
_UNLESS = re.compile(r"\bunless\b\s+(?=\S)", re.I)


def unless_clause(sentence: str) -> str:
    """The condition of a failure stated with "unless" ("... unless the set of aggregates is
    unique to each request"), "" when the sentence has none or names no failure before it."""
    match = _UNLESS.search(sentence)
    if not match or not cues.names_failure(sentence[:match.start()]):
        return ""
    return sentence[match.start():].strip()
