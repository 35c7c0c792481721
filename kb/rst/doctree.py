"""Reading a file into a docutils doctree, refusing what is not usable RST.

Sphinx roles and directives (`:ref:`, `:doc:`, `code-block`, `todo`,
`toctree` ...) are not part of docutils; incident reports written for Sphinx
use them everywhere, so they are registered here as harmless stand-ins that
keep their text instead of producing errors; so is any role docutils does not know (the
roles of Sphinx extensions).
"""

import functools
import io
import re
import sys
import threading

import docutils.core
from docutils import nodes, statemachine
from docutils.parsers.rst import Directive, Parser, directives, roles, states
from docutils.parsers.rst.directives.body import CodeBlock
from docutils.transforms import Transformer, references

from kb.intake.formats import ARCHIVES, COMPRESSIONS, HEAD_BYTES, kind_of

from . import chunks
from .dispatch import match_firsts
from .errors import RstImportError
from .inliner import Inliner

# A flattened file has lost its line breaks; real RST lines stay short.
FLATTENED_LINE_LENGTH = 1000
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
# What Document.path holds (kb/models.py): a document known by a longer path has nowhere to go.
MAX_PATH_CHARS = 500

SPHINX_TEXT_ROLES = (
    "ref doc term command program option envvar file abbr guilabel menuselection kbd "
    "class func meth mod attr obj exc data const samp dfn manpage mimetype makevar "
    "download keyword numref token regexp py:class py:func py:meth py:mod py:obj c:func"
).split()
SPHINX_IGNORED_DIRECTIVES = "toctree todo index only tabularcolumns highlight autosummary".split()
SPHINX_ADMONITIONS = "versionadded versionchanged deprecated seealso".split()


def _text_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    # `:ref:`Title <target>`` shows "Title"; plain `:doc:`/path`` shows the path.
    label = text.split("<", 1)[0].strip() if "<" in text and text.endswith(">") else text
    return [nodes.literal(rawtext, label)], []


class _Ignored(Directive):
    has_content = True
    optional_arguments = 10
    final_argument_whitespace = True
    option_spec = None

    def run(self):
        return []


class _Admonition(Directive):
    has_content = True
    optional_arguments = 10
    final_argument_whitespace = True

    def run(self):
        node = nodes.note("\n".join(self.content))
        title = " ".join(self.arguments)
        if title:
            node += nodes.paragraph(text=f"{self.name}: {title}")
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


class _LenientCodeBlock(CodeBlock):
    """code-block without Pygments and with Sphinx's options accepted."""

    option_spec = dict(CodeBlock.option_spec, linenos=directives.unchanged,
                       emphasize_lines=directives.unchanged, caption=directives.unchanged,
                       dedent=directives.unchanged, force=directives.flag)
    option_spec["emphasize-lines"] = directives.unchanged

    def run(self):
        language = self.arguments[0] if self.arguments else ""
        node = nodes.literal_block("\n".join(self.content), "\n".join(self.content))
        if language:
            node["classes"] += ["code", language]
        node.line = self.lineno
        return [node]


_docutils_role = roles.role


def _role_or_stand_in(role_name, language_module, lineno, reporter):
    """docutils' role lookup, with any role it does not know read as `_text_role`.

    Sphinx extensions add roles of their own, and OpenStack's documents use them on every
    page (`:oslo.config:option:`, `:nova-doc:`, `:neutron-doc:`, `:bug:`): docutils made
    each an error, one warning per use (twelve in ironic's troubleshooting guide), and left
    its raw markup, backslash-escaped backticks included, in the issue's text.
    """
    role_fn, messages = _docutils_role(role_name, language_module, lineno, reporter)
    if role_fn is None:
        return _text_role, []
    return role_fn, messages


def _register_sphinx_stand_ins():
    roles.role = _role_or_stand_in  # what docutils' Inliner calls (states.py: roles.role(...))
    for name in SPHINX_TEXT_ROLES:
        roles.register_local_role(name, _text_role)
    for name in SPHINX_IGNORED_DIRECTIVES:
        directives.register_directive(name, _Ignored)
    for name in SPHINX_ADMONITIONS:
        directives.register_directive(name, _Admonition)
    for name in ("code-block", "sourcecode", "code"):
        directives.register_directive(name, _LenientCodeBlock)


_register_sphinx_stand_ins()
# docutils' role registry as every document starts: `.. role::` adds to it for the rest of
# the process (and docutils caches there each standard role once used), so without a
# fresh copy one document's custom roles changed how a later one of the same import run,
# or of the same web process, was read.
_ROLES_AT_START = dict(roles._roles)


def _unlink_state(state):
    """docutils' State.unlink, also dropping the state's transitions.

    docutils builds a state machine of fifteen states for every list and
    nested block (2,000 of them in a 5 MiB document) and unlinks each when
    done, but a state's transitions are bound methods of the state itself:
    a cycle per state, half a million objects for the cyclic collector to
    find after the parse. An unlinked state is never run again.
    """
    state.state_machine = None
    state.transitions = state.transition_order = None
    state.__dict__.pop("_kb_by_first", None)


statemachine.State.unlink = _unlink_state  # docutils is pinned (requirements.txt)

# Spare state machines of nested_list_parse, by initial state, per thread: emptied after each
# reading (_publish), as docutils' own nested_sm_cache is. Per thread because the web server
# imports in threads: emptying unlinks every spare machine, and one another thread had just
# taken would break its parse in the middle.
_SPARES = threading.local()


def _list_machines() -> dict[str, list]:
    try:
        return _SPARES.machines
    except AttributeError:
        _SPARES.machines = {}
        return _SPARES.machines


def _nested_list_parse(self, block, input_offset, node, initial_state, blank_finish,
                       blank_finish_state=None, extra_settings={}, match_titles=False,  # noqa: B006 (docutils')
                       state_machine_class=None, state_machine_kwargs=None):
    """docutils' RSTState.nested_list_parse, running a spare state machine instead of building one.

    docutils builds a machine of fifteen states, each compiling its
    transitions, for every list, field list, definition list and block of
    explicit markup (2,175 of them in the 5 MiB bench document, 12 % of
    its reading) and unlinks it after one run. docutils' own nested_parse
    keeps and reruns its machines (nested_sm_cache); these are the same
    states with another initial one, and run() starts each run afresh. What
    a run leaves on a state is set again by every call: `blank_finish`
    (here) and the enumerated list's `extra_settings`. A machine is taken
    from the spare ones while it runs, so nested lists each have their own.
    """
    if state_machine_class is not None or state_machine_kwargs is not None or match_titles:
        return _docutils_nested_list_parse(self, block, input_offset, node, initial_state, blank_finish,
                                           blank_finish_state, extra_settings, match_titles,
                                           state_machine_class, state_machine_kwargs)
    spare = _list_machines().setdefault(initial_state, [])
    try:
        machine = spare.pop()
    except IndexError:
        machine = self.nested_sm(debug=self.debug, parent_state_machine=self.state_machine,
                                 **dict(self.nested_sm_kwargs, initial_state=initial_state))
    machine.parent_state_machine = self.state_machine
    if blank_finish_state is None:
        blank_finish_state = initial_state
    machine.states[blank_finish_state].blank_finish = blank_finish
    for key, value in extra_settings.items():
        setattr(machine.states[initial_state], key, value)
    machine.run(block, input_offset, memo=self.memo, node=node, match_titles=match_titles)
    blank_finish = machine.states[blank_finish_state].blank_finish
    offset = machine.abs_line_offset()
    spare.append(machine)
    return offset, blank_finish


def _drop_list_machines():
    machines, _SPARES.machines = _list_machines(), {}
    for machine in (m for spare in machines.values() for m in spare):
        machine.unlink()
        machine.node = machine.memo = machine.document = machine.parent_state_machine = None


_docutils_nested_list_parse = states.RSTState.nested_list_parse
states.RSTState.nested_list_parse = _nested_list_parse


def _check_line(self, context, state, transitions=None):
    """docutils' StateMachine.check_line, skipping the transitions that cannot match the line.

    docutils tries a state's transitions in order on each line, the pattern
    of each in turn (twenty in the Body state, most for lists, tables and
    markup): a paragraph's line is tried against all of them before `text`
    takes it. A pattern that cannot begin with the line's first character
    (kb.rst.dispatch.match_firsts) cannot match it, so the first transition
    that matches is the same when only the others are tried: docutils'
    own method on each, in order.
    """
    if transitions is not None or self.debug:
        return _docutils_check_line(self, context, state, transitions)
    line = self.line
    by_first = state.__dict__.setdefault("_kb_by_first", {})
    names = by_first.get(line[:1])
    if names is None:
        names = by_first[line[:1]] = [name for name in state.transition_order
                                      if _may_begin(state.transitions[name][0], line[:1])]
    for name in names:
        pattern, method, next_state = state.transitions[name]
        match = pattern.match(line)
        if match:
            return method(match, context, next_state)
    return state.no_match(context, transitions)


def _may_begin(pattern, first: str) -> bool:
    if not isinstance(pattern, re.Pattern):
        return True
    firsts = match_firsts(pattern.pattern, pattern.flags)
    return firsts is None or first in firsts


def _forgetting_firsts(method):
    """A State method that changes the transitions, dropping what _check_line worked out from them."""
    def changing(self, *args):
        self.__dict__.pop("_kb_by_first", None)
        return method(self, *args)
    return changing


_docutils_check_line = statemachine.StateMachine.check_line
statemachine.StateMachine.check_line = _check_line
for _name in ("add_transitions", "add_transition", "remove_transition"):
    setattr(statemachine.State, _name, _forgetting_firsts(getattr(statemachine.State, _name)))


def _column_width(text: str) -> int:
    """docutils' column_width (of a title, to compare with its underline), len() for ASCII text.

    ASCII holds no wide East Asian character and no combining one: docutils'
    count, one character at a time, is len(text). It was 3 % of reading the
    5 MiB bench document, whose 19,000 titles are ASCII.
    """
    return len(text) if text.isascii() else _docutils_column_width(text)


_docutils_column_width = states.column_width
states.column_width = _column_width

# docutils makes an id of a section's title (twice for a repeated one: the name, then
# the dupname it became) with three translations, a Unicode normalisation and two
# substitutions: 6 % of reading the 5 MiB bench document, whose few dozen headings repeat
# thousands of times. make_id depends on its argument alone.
nodes.make_id = functools.lru_cache(maxsize=4096)(nodes.make_id)


def _text_astext(self) -> str:
    """docutils' Text.astext, without unescape()'s three split-and-joins when there is nothing to unescape.

    unescape() only removes NUL markers (what a backslash escaped); a text
    without one comes back as it is. The importer asks a node's text many
    times over while deciding what a section is.
    """
    return str(self) if "\x00" not in self else str(nodes.unescape(self))


nodes.Text.astext = _text_astext


def _node_document(self):
    """docutils' Node.document, climbing the parents in a loop instead of by recursion and an exception.

    docutils asks a node for its document three times each time it appends a
    child (setup_child), 180,000 times while reading the 5 MiB bench
    document, and most nodes are not in the document yet when they get
    children (a paragraph is built before it is placed): docutils' getter
    then recurses up to a node with no parent and ends in an AttributeError
    it catches. The same answer: the first `_document` set on the way up
    (a document is always true), else None.
    """
    node = self
    while node is not None:
        document = node._document
        if document:
            return document
        node = node.parent
    return None


def _setup_child(self, child):
    """docutils' Node.setup_child, asking for the document once (it does not change meanwhile)."""
    child.parent = self
    document = self.document
    if document:
        child.document = document
        if child.source is None:
            child.source = document.current_source
        if child.line is None:
            child.line = document.current_line


_docutils_node_document, _docutils_setup_child = nodes.Node.document, nodes.Node.setup_child
nodes.Node.document = property(_node_document, _docutils_node_document.fset)
nodes.Node.setup_child = _setup_child



def _dangling_references(self):
    """docutils' DanglingReferences.apply, visiting the references instead of walking every node.

    Its visitor acts on `reference` nodes only, and on each by itself (it may
    replace the node, never add one): the same calls, in the same order, as
    its walk over the 300,000 nodes of a 5 MiB document, a third of the time
    of all the transforms. The rest is docutils' own code.
    """
    resolvers = self.document.transformer.unknown_reference_resolvers
    if resolvers:  # a resolver may do anything to the tree: walk it as docutils does
        return _walking_dangling_references(self)
    visitor = references.DanglingReferencesVisitor(self.document, resolvers)
    for node in [n for n in self.document.findall(nodes.reference) if type(n).__name__ == "reference"]:
        visitor.visit_reference(node)
    self.document.walk = _no_walk
    try:
        _walking_dangling_references(self)
    finally:
        del self.document.walk


def _no_walk(visitor):
    """The references were visited already (_dangling_references)."""
    return False


_walking_dangling_references = references.DanglingReferences.apply
references.DanglingReferences.apply = _dangling_references

# The node classes docutils' transforms look for by walking the whole document: targets
# (PropagateTargets, AnonymousHyperlinks, ExternalTargets, InternalTargets), references
# (AnonymousHyperlinks, DanglingReferences), transitions, substitution references.
_CENSUS_CLASSES = (nodes.target, nodes.reference, nodes.transition, nodes.substitution_reference)


class _Census:
    """The nodes of the _CENSUS_CLASSES in a document read by kb, found in one walk before the transforms.

    docutils' transforms walk all the nodes of the document seven times to
    find them (0.6 s of CPU for the 300,000 nodes of the 5 MiB bench
    document, which has one target and no transition), and kb's
    DanglingReferences once more. The walks find what this one found, in
    the same order, unless a transform adds, removes or moves such a node
    before another looks for them. Only these can: a `pending` node's
    transform (contents, sectnum, target-notes...), Substitutions (it puts
    copies of definitions in the place of references), DocInfo (it rebuilds
    a leading field list), AnonymousHyperlinks when references and targets
    do not pair up, IndirectHyperlinks (an indirect target in error), and
    DanglingReferences, the last, which lists its references before
    changing any. usable() refuses the document with any of the others;
    the other transforms change attributes only.
    """

    def __init__(self, document: nodes.document):
        self.document = document
        self.found: dict[type, list] = {cls: [] for cls in _CENSUS_CLASSES}
        self.pending = False
        # document.findall(nodes.Element)'s order (depth first, a node before its children),
        # walked with a stack: findall's nested generators pass each node up through every
        # level above it (750,000 resumptions for the 5 MiB bench document's 300,000 nodes).
        stack = [document]
        while stack:
            node = stack.pop()
            if not isinstance(node, nodes.Element):
                continue
            if isinstance(node, _CENSUS_CLASSES):
                for cls in _CENSUS_CLASSES:
                    if isinstance(node, cls):
                        self.found[cls].append(node)
            elif isinstance(node, nodes.pending):
                self.pending = True
            stack += reversed(node.children)

    def usable(self) -> bool:
        document, found = self.document, self.found
        anonymous = [sum(1 for n in found[cls] if n.get("anonymous"))
                     for cls in (nodes.reference, nodes.target)]
        first = document.first_child_not_matching_class(nodes.PreBibliographic)
        return not (self.pending or found[nodes.substitution_reference] or document.indirect_targets
                    or anonymous[0] != anonymous[1]
                    or (first is not None and isinstance(document[first], nodes.field_list))
                    or document.transformer.unknown_reference_resolvers)

    def findall(self, condition=None, include_self=True, descend=True, siblings=False, ascend=False):
        if condition in self.found and include_self and descend and not siblings and not ascend:
            return iter(list(self.found[condition]))
        return nodes.document.findall(self.document, condition, include_self, descend, siblings, ascend)


def _apply_transforms(self):
    """docutils' Transformer.apply_transforms, the transforms finding their nodes in a _Census."""
    document = self.document
    census = _Census(document) if document.__dict__.pop("_kb_census", False) else None
    if census is None or not census.usable():
        return _docutils_apply_transforms(self)
    document.findall = census.findall
    try:
        return _docutils_apply_transforms(self)
    finally:
        del document.findall


_docutils_apply_transforms = Transformer.apply_transforms
Transformer.apply_transforms = _apply_transforms


class _Parser(Parser):
    """The RST parser; a big document in pieces (kb.rst.chunks), and unlinked when done (see release())."""

    def __init__(self, piecewise: bool):
        super().__init__(inliner=Inliner())
        self.piecewise = piecewise
        self.unsure = False  # a piece did not begin with a top-level section: parse it whole

    def parse(self, inputstring, document):
        # docutils adds an INFO message (level 1) to every section whose title repeats an
        # earlier one ("Duplicate implicit target name": each "Symptoms" after the first), a
        # quarter of the nodes of a big report. The importer reports warnings (level 2 and
        # up) only; these are taken out of the tree once read, before the transforms and
        # the importer walk it.
        infos = []

        def note(message):
            if message["level"] < document.reporter.WARNING_LEVEL:
                infos.append(message)
        reporter = document.reporter
        reporter.attach_observer(note)
        reporter.system_message = _no_duplicate_name_infos(reporter)
        try:
            self._parse(inputstring, document)
        finally:
            del reporter.system_message  # the class's again, for the transforms
            reporter.detach_observer(note)
        for message in infos:
            if message.parent is not None:
                message.parent.remove(message)
                release(message)  # its own cycles would keep its section alive after release(document)
        document._kb_census = True  # the transforms find their nodes in one walk (_Census)

    def _parse(self, inputstring, document):
        lines = statemachine.string2lines(inputstring, tab_width=getattr(document.settings, "tab_width", 8),
                                          convert_whitespace=True)
        starts = chunks.cuts(lines) if self.piecewise else []
        if not starts or any(len(line) > MAX_DOCUMENT_BYTES for line in lines):
            try:
                return super().parse(inputstring, document)
            finally:
                self.statemachine.unlink()
                self.statemachine = None
                self.inliner.__dict__.clear()  # it keeps the last node it read, in a cycle of its own
        # As docutils' Parser.parse, with one top-level state machine per piece.
        self.setup_parse(inputstring, document)
        document.settings.setdefault("tab_width", 8)
        document.settings.setdefault("syntax_highlight", "long")
        source = statemachine.StringList(lines, document["source"])  # line numbers of the whole file
        styles: list = []
        bounds = [(0, 1), *starts, (len(lines), 0)]
        for (start, level), (end, _) in zip(bounds, bounds[1:], strict=False):
            parent = _open_section(document, level)
            if parent is None:
                self.unsure = True
                break
            before = len(parent.children)
            machine = _PieceMachine(styles, parent, state_classes=self.state_classes,
                                    initial_state=self.initial_state, debug=document.reporter.debug_flag)
            # A new inliner too: init_customizations(), run by each machine, adds to its patterns.
            inliner = Inliner()
            try:
                machine.run(source[start:end], document, input_offset=start, inliner=inliner)
            finally:
                machine.unlink()
                inliner.__dict__.clear()
            if start and not isinstance(next(iter(parent.children[before:]), None), nodes.section):
                self.unsure = True  # docutils did not read the cut as a title of that level
                break
        if "" in roles._roles:  # docutils' Parser.parse: the default role ends with the document
            del roles._roles[""]
        self.finish_parse()


_SET_DUPLICATE_NAME = nodes.document.set_duplicate_name.__code__


def _no_duplicate_name_infos(reporter):
    """reporter.system_message, making no INFO message for docutils' set_duplicate_name.

    Those messages ("Duplicate implicit target name": each repeated title)
    are nearly all the messages docutils makes for a big report (18,964 of
    19,689 in the 5 MiB bench document), each a node made only to be taken
    out again (_Parser.parse): 0.4 s of its 4.4 s. set_duplicate_name still
    does all else (dupnames, the node's id, in the same order), and appends
    the message it is given to the section: None appends nothing.
    """
    original = reporter.system_message

    def system_message(level, message, *children, **kwargs):
        if level < reporter.WARNING_LEVEL and sys._getframe(1).f_code is _SET_DUPLICATE_NAME:
            return None
        return original(level, message, *children, **kwargs)
    return system_message


class _PieceMachine(states.RSTStateMachine):
    """A top-level state machine for one piece: in the open section, with the title styles seen."""

    def __init__(self, title_styles: list, parent: nodes.Element, **kwargs):
        super().__init__(**kwargs)
        self.title_styles, self.parent = title_styles, parent

    def runtime_init(self):
        # run() has just set memo and node (the document); the states read both in runtime_init.
        self.memo.title_styles = self.title_styles
        self.node = self.parent
        super().runtime_init()


def _open_section(document: nodes.document, level: int) -> nodes.Element | None:
    """Where a title of `level` goes: the last section one level up (the document for level 1)."""
    parent = document
    for _ in range(level - 1):
        # A section stays open until a title comes: the last one at each level is the open one.
        parent = next((c for c in reversed(parent.children) if isinstance(c, nodes.section)), None)
        if parent is None:
            return None
    return parent


# Errors in the section structure decide which text belongs to which issue,
# so they refuse the file; other errors (an unknown role) only lose markup.
_STRUCTURAL = re.compile(r"^(Title|Inconsistent title style|Unexpected section title|Missing matching)")

SETTINGS = {
    "report_level": 5,
    "halt_level": 5,
    "doctitle_xform": False,
    "sectsubtitle_xform": False,
    "file_insertion_enabled": False,  # `include` must not read the server's files
    "raw_enabled": False,  # raw HTML never reaches a page
    "syntax_highlight": "none",
    "input_encoding": "utf-8",
    "line_length_limit": MAX_DOCUMENT_BYTES,
}


def decode(path: str, data: bytes) -> str:
    """Bytes to text, refusing what cannot be an RST document."""
    if len(path) > MAX_PATH_CHARS:
        raise RstImportError(path, f"its path is longer than {MAX_PATH_CHARS} characters")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise RstImportError(path, f"file is larger than {MAX_DOCUMENT_BYTES} bytes")
    packed = kind_of(data[:HEAD_BYTES])
    if packed in COMPRESSIONS or packed in ARCHIVES:
        # a .rst.gz or a .tar.gz of documents: say what it is, not only "NUL bytes"
        raise RstImportError(path, f"a {packed} file, not a document: decompress or unpack it, "
                                   "then import the .rst and .md files")
    if b"\x00" in data:
        raise RstImportError(path, "not a text file (it contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RstImportError(path, "not UTF-8 text", line=line) from None
    if not text.strip():
        raise RstImportError(path, "file is empty")
    _refuse_flattened(path, text)
    return text


def _refuse_flattened(path: str, text: str):
    lines = text.splitlines()
    if path.lower().endswith((".md", ".markdown")) and len(lines) > 3:
        return  # Markdown keeps a paragraph on one line; only a whole file on one line is flattened
    # An indented line is a block's (a literal block's output: congress's troubleshooting page
    # quotes a 6,721-character JSON trace); a flattened file runs on at the margin.
    # (the first longest line: not a key function called per line)
    lengths = [len(line) if line[:1] not in (" ", "\t") else 0 for line in lines]
    longest = lengths.index(max(lengths))
    if len(lines[longest]) > FLATTENED_LINE_LENGTH:
        raise RstImportError(
            path,
            f"line breaks appear lost: line {longest + 1} is {len(lines[longest])} characters long "
            f"(limit {FLATTENED_LINE_LENGTH}); RST needs its line structure, "
            "so the file was probably flattened by a copy",
            line=longest + 1,
        )


def parse(path: str, text: str) -> nodes.document:
    """The doctree of `text`; refuses documents with severe errors or no sections.

    A big document is parsed in pieces (kb.rst.chunks) so that time stays linear.
    """
    doctree = _publish(path, text, _Parser(piecewise=len(text) > chunks.CHUNK_THRESHOLD))
    for message in messages_of(doctree):
        text = _message_text(message)
        if message["level"] >= 4 or (message["level"] == 3 and _STRUCTURAL.match(text)):
            raise RstImportError(path, text, line=message.get("line"))
    if not sections_of(doctree):
        raise RstImportError(path, "no RST section titles found; is this an RST incident document?")
    return doctree


def sections_of(doctree: nodes.document) -> list[nodes.section]:
    """doctree.findall(nodes.section) as a list; read in the same walk as messages_of()."""
    return _index(doctree)[0]


def messages_of(doctree: nodes.document) -> list[nodes.system_message]:
    """doctree.findall(nodes.system_message) as a list."""
    return _index(doctree)[1]


def _index(doctree: nodes.document) -> tuple[list, list]:
    # The importer asks for both, several times; each findall() walks every node of the
    # tree (300,000 in a 5 MiB document). Read both in one walk, in findall()'s order
    # (depth first, a node before its children), once: the tree no longer changes.
    cached = doctree.__dict__.get("_kb_index")
    if cached is None:
        sections, messages = [], []
        stack = [doctree]
        while stack:
            node = stack.pop()
            if isinstance(node, nodes.section):
                sections.append(node)
            elif isinstance(node, nodes.system_message):
                messages.append(node)
            if isinstance(node, nodes.Element):
                stack += reversed(node.children)
        cached = doctree._kb_index = (sections, messages)
    return cached


def _publish(path: str, text: str, parser: _Parser) -> nodes.document:
    settings = dict(SETTINGS, warning_stream=io.StringIO())
    # A new dict, not clear(): another thread may be reading with the old one.
    roles._roles = dict(_ROLES_AT_START)
    try:
        doctree = docutils.core.publish_doctree(text, source_path=path, settings_overrides=settings,
                                                parser=parser)
    except Exception as exc:  # docutils raises assorted errors on pathological input
        raise RstImportError(path, f"docutils could not parse it: {exc}") from None
    finally:
        # docutils keeps spare state machines in a class attribute, and with
        # them the last document parsed (whole, until the next parse). A new
        # list, not clear(): another thread may be taking one from the old.
        states.RSTState.nested_sm_cache = []
        _drop_list_machines()
    if parser.unsure:
        release(doctree)
        return _publish(path, text, _Parser(piecewise=False))
    return doctree


def release(doctree: nodes.document):
    """Let reference counting free a doctree the importer has read.

    Every node points to its parent and to the document, so a dropped
    doctree is garbage only the cyclic collector finds, and that collection
    walks every object of it: 0.8 s for a 5 MiB document, more than the
    walk here that unlinks the nodes. Nothing may use the tree afterwards.
    """
    stack = [doctree]
    while stack:
        node = stack.pop()
        node.parent = node.document = None
        if isinstance(node, nodes.Element):
            stack.extend(node.children)
            node.children = []
    doctree.__dict__.clear()


def warnings_of(doctree: nodes.document) -> list[tuple[int | None, str]]:
    return [
        (message.get("line"), _message_text(message))
        for message in messages_of(doctree)
        if message["level"] >= 2
    ]


def _message_text(message: nodes.system_message) -> str:
    first = message.children[0].astext() if message.children else message.astext()
    return " ".join(first.split())
