"""A ParsedDocument to the RST that kb's importer reads back into the same records.

Sections are nested environment > category > issue > field, with underlines
chosen by depth (`=` over and under, `=`, `-`, `~`). Nothing is left for the
importer to derive: every issue carries `:slug:`, `:status:` and
`:components:`, each upstream link states its status in words ("Fixed:",
"Partially fixed:", "Open:", none for unknown), relations are stated as
"Caused by `Title`_" bullets, and curated signatures are listed under "Log
signatures", signs (Signature.is_sign) under "Log signs", each section's prose (the
issue's signature_notes and sign_notes) before its literal block. Signatures derived from the
symptoms are not listed: the importer derives them again from the literal blocks of
"Symptoms" (unless they are signs: the listed sign makes them one again).
"""

import re
from collections import Counter

from docutils.utils import column_width

from kb.rst.fields import field_names
from kb.rst.links import link_kind, status_from_text, tracker_label
from kb.rst.markdown import escape
from kb.rst.records import ParsedDocument, ParsedIssue
from kb.rst.signatures import signature_lines

from .markdown_to_rst import (
    BREAK,
    escape_block_start,
    escape_text,
    fits_before_fields,
    link,
    literal_texts,
    markdown_to_rst,
    title_reference,
    unescape,
)

HEADER = (
    ".. Written by `manage.py export_rst` from the kb database; `manage.py import_rst`\n"
    "   reads it back. Field lists set slug, status, components and the release with the\n"
    "   fix; an upstream link's status is the word before it; Log signatures are curated,\n"
    "   one per line; Log signs are signs, not proof (a lead, never confident alone)."
)
# The document the file was written from (its slug): importing the file from any path updates
# that document and its issues in place (kb/sync.py, `_document`) instead of making twins.
DOCUMENT_MARKER = ".. kb-document: {slug}"
_MARKER_READ = re.compile(r"^\.\. kb-document: (\S+)[ \t]*$", re.MULTILINE)
# (underline character, with overline) by section depth
TITLE_STYLES = [("=", True), ("=", False), ("-", False), ("~", False), ("^", False), ('"', False)]
PROSE_FIELDS = (("root_cause", "Root cause"), ("solution", "Solution"), ("workaround", "Workaround"))
LINK_STATUS_WORDS = {"fixed": "Fixed: ", "partially_fixed": "Partially fixed: ", "open": "Open: ",
                     "unknown": ""}
RELATION_WORDS = {"caused_by": "Caused by", "same_root_cause": "Same root cause as",
                  "related": "Related to"}
_DETAILS_LEAD = re.compile(r"\*\*((?:[^*\\]|\\.)+?):\*\*(?: |$)")


def exported_slug(content: str) -> str | None:
    """The slug of the document an exported file was written from (DOCUMENT_MARKER, in the
    file's opening lines), else None."""
    found = _MARKER_READ.search(content[:2000])
    return found.group(1) if found else None


def write_document(document: ParsedDocument) -> str:
    """The RST text of `document`: its title, then its issues in order."""
    writer = _Writer(document)
    return "\n".join(writer.lines()).rstrip("\n") + "\n"


class _Writer:
    def __init__(self, document: ParsedDocument):
        self.document = document
        self.titles = {issue.slug: issue.title for issue in document.issues}
        self.ambiguous = self._ambiguous_titles()
        self.referenced = {relation.target for issue in document.issues for relation in issue.relations}

    def lines(self) -> list[str]:
        out = [HEADER, "", DOCUMENT_MARKER.format(slug=self.document.path.removesuffix(".rst")), ""]
        issues = self.document.issues
        first = (issues[0].environment or issues[0].category or issues[0].title) if issues else ""
        if self.document.title and self.document.title != first:
            out += _title(self.document.title, 1) + [""]
        environment = category = None
        for issue in issues:
            env, cat = _context(issue)
            if env != environment:
                if env:
                    out += _title(env, 1) + [""]
                environment, category = env, None
            if cat != category:
                if cat:
                    out += _title(cat, 2) + [""]
                category = cat
            out += self._issue(issue, 1 + bool(env) + bool(cat))
        return out

    def _ambiguous_titles(self) -> set[str]:
        """Issue titles that `Title`_ cannot point at: another section has the same name."""
        names = [self.document.title] + [
            name for issue in self.document.issues
            for name in (*_context(issue), issue.title, *self._field_headings(issue))
        ]
        counts = Counter(_reference_name(name) for name in names if name)
        return {slug for slug, title in self.titles.items() if counts[_reference_name(title)] > 1}

    def _field_headings(self, issue: ParsedIssue) -> list[str]:
        return ["Symptoms", *(heading for _, heading in PROSE_FIELDS), "Details", "Upstream issues",
                "Log signatures", "Log signs", "Related issues",
                *(heading for heading, _ in _details_fields(issue.details) or [])]

    def _issue(self, issue: ParsedIssue, depth: int) -> list[str]:
        out = []
        if issue.slug in self.ambiguous and issue.slug in self.referenced:
            out += [f".. _{_target(issue.slug)}:", ""]
        out += _title(issue.title, depth) + [""]
        components = ", ".join(escape_text(name, breakable=False) for name in issue.components)
        out += [f":slug: {escape_text(issue.slug, breakable=False)}", f":status: {issue.status}",
                f":components: {components}".rstrip()]
        if issue.fixed_in:
            out.append(f":fixed-in: {escape_text(issue.fixed_in, breakable=False)}")
        if issue.structure not in ("field_headings", "editor"):
            # How the source stated it; its signatures came from that prose.
            out.append(f":structure: {issue.structure}")
        out.append("")
        intro, curated = _symptoms_placement(issue)
        if intro:
            out += [markdown_to_rst(issue.symptoms), ""]
        for heading, body in self._fields(issue, intro, curated):
            out += _title(heading, depth + 1) + [""]
            out += [body, ""] if body else []
        return out

    def _fields(self, issue: ParsedIssue, intro: bool, curated: list[str]) -> list[tuple[str, str]]:
        """(heading, RST body) of each field section of `issue`."""
        fields = [] if intro else [("Symptoms", markdown_to_rst(issue.symptoms))]
        fields += [(heading, markdown_to_rst(getattr(issue, name)))
                   for name, heading in PROSE_FIELDS if getattr(issue, name)]
        fields += _details(issue.details)
        if issue.upstream:
            fields.append(("Upstream issues", "\n".join(_link_line(item) for item in issue.upstream)))
        if curated or issue.signature_notes:
            fields.append(("Log signatures", _listed(issue.signature_notes, curated)))
        signs = list(dict.fromkeys(s.text for s in issue.signatures if s.sign))
        if signs or issue.sign_notes:
            fields.append(("Log signs", _listed(issue.sign_notes, signs)))
        related = [self._relation_line(relation) for relation in issue.relations
                   if relation.target in self.titles]
        if related:
            fields.append(("Related issues", "\n".join(related)))
        # A section is an issue only if it has a field, even an empty one.
        return fields or [("Root cause", "")]

    def _relation_line(self, relation) -> str:
        target = _target(relation.target) if relation.target in self.ambiguous else ""
        return f"- {RELATION_WORDS[relation.kind]} {title_reference(self.titles[relation.target], target)}"


def _context(issue: ParsedIssue) -> tuple[str, str]:
    # A category needs an environment around it; alone it becomes the environment.
    if not issue.environment:
        return issue.category, ""
    return issue.environment, issue.category


def _title(text: str, depth: int) -> list[str]:
    char, overline = TITLE_STYLES[depth - 1]
    rst = escape_block_start(escape_text(text, breakable=False))
    rule = char * max(column_width(rst), 4)
    return [rule, rst, rule] if overline else [rst, rule]


def _reference_name(title: str) -> str:
    return " ".join(title.lower().split())


def _target(slug: str) -> str:
    return f"kb-{slug}"


def _symptoms_placement(issue: ParsedIssue) -> tuple[bool, list[str]]:
    """Whether the symptoms go before the fields, and the signatures to list as curated.

    Log lines in the literal blocks of a Symptoms field become signatures on
    import. When the issue has none of those (an editor removed them, or the
    source had its symptoms before its fields) and the symptoms can stand
    there, they are written before the fields, where the importer reads them
    without deriving signatures.
    """
    if issue.structure not in ("field_headings", "editor") and fits_before_fields(issue.symptoms):
        # Read from prose: its signatures came from the prose, not from a
        # Symptoms field, so they are all listed and the symptoms derive none.
        return True, list(dict.fromkeys(s.text for s in issue.signatures if not s.sign))
    derived = list(dict.fromkeys(
        line for block in literal_texts(issue.symptoms) for line in signature_lines(block)
    ))
    from_symptoms = [s.text for s in issue.signatures if s.source == "symptom"]
    intro = bool(derived) and not from_symptoms and fits_before_fields(issue.symptoms)
    rederived = set() if intro else set(derived)
    curated = [s.text for s in issue.signatures
               if not s.sign and (s.source != "symptom" or s.text not in rederived)]
    return intro, list(dict.fromkeys(curated))


def _listed(notes: str, texts: list[str]) -> str:
    """A Log signatures or Log signs section: its prose, then its lines. The importer reads the
    prose back from the blocks that are not literal ones (a code block in the notes would be read
    as lines: the round-trip check names it), and a section of prose alone is written too."""
    return "\n\n".join([*([markdown_to_rst(notes)] if notes else []), *([_literal(texts)] if texts else [])])


def _literal(texts: list[str]) -> str:
    """A literal block of one signature per line."""
    return "::\n\n" + "\n".join(f"    {text}" for text in texts)


def _details(details: str) -> list[tuple[str, str]]:
    fields = _details_fields(details)
    if fields is None:
        # Not "**Driver/Module:** ..." fields: keep the text, under a heading that is no field.
        return [("Details", markdown_to_rst(details))] if details else []
    return [(heading, markdown_to_rst(body)) for heading, body in fields]


def _details_fields(details: str) -> list[tuple[str, str]] | None:
    """[(heading, Markdown body)] of "**Heading:** body" paragraphs, as the importer joins them."""
    leads = [
        match for match in _DETAILS_LEAD.finditer(details)
        if (match.start() == 0 or details[match.start() - 2: match.start()] == "\n\n")
        and _is_details_heading(match.group(1))
    ]
    if not details or not leads or leads[0].start() != 0:
        return None
    ends = [lead.start() - 2 for lead in leads[1:]] + [len(details)]
    return [(unescape(lead.group(1)), details[lead.end(): end])
            for lead, end in zip(leads, ends, strict=True)]


def _is_details_heading(markdown: str) -> bool:
    heading = unescape(markdown)
    return escape(heading) == markdown and heading == " ".join(heading.split()) \
        and field_names(heading) == ("details",)


def _link_line(item) -> str:
    text = item.label
    kind = link_kind(item.url)
    if kind != "other":
        # The importer names tracker links from their URL; the text only has to stay
        # clear of words that would change the status.
        text = item.label or tracker_label(item.url, kind)
        if status_from_text(text, ""):
            text = tracker_label(item.url, kind) if not status_from_text(
                tracker_label(item.url, kind), "") else "link"
    return f"- {LINK_STATUS_WORDS[item.status]}{link(text, item.url)}".replace(BREAK, " ")
