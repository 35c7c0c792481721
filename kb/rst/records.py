"""Plain records the RST parser produces; nothing here knows about Django."""

from dataclasses import asdict, dataclass, field

from kb.prose import PROSE_FIELDS

FIELDS = PROSE_FIELDS


@dataclass
class ParsedLink:
    url: str
    kind: str  # github_issue | github_pr | launchpad_bug | gerrit_review | other
    label: str
    status: str  # fixed | partially_fixed | open | unknown


@dataclass
class ParsedSignature:
    text: str
    source: str  # symptom | curated
    # Listed under "Log signs": a message the issue logs that other failures log too (a lead,
    # never a confident answer alone; kb.models.Signature.is_sign).
    sign: bool = False


@dataclass
class ParsedRelation:
    target: str  # slug of the other issue in the same document
    kind: str  # caused_by | same_root_cause | related


@dataclass
class ParsedIssue:
    slug: str
    title: str
    environment: str = ""
    category: str = ""
    anchor: str = ""
    line: int | None = None
    status: str = "unknown"
    symptoms: str = ""
    root_cause: str = ""
    solution: str = ""
    workaround: str = ""
    details: str = ""
    # The prose of the "Log signatures" and of the "Log signs" sections, their literal blocks left
    # out (those are the signatures): where each message comes from, why it is a signature or a sign.
    signature_notes: str = ""
    sign_notes: str = ""
    components: list[str] = field(default_factory=list)
    upstream: list[ParsedLink] = field(default_factory=list)
    # The release that carries the fix, when the document states it (kb.releases).
    fixed_in: str = ""
    signatures: list[ParsedSignature] = field(default_factory=list)
    relations: list[ParsedRelation] = field(default_factory=list)
    # How the issue was recognised (field_headings, question_headings, prose,
    # table, definition_list, known_issues, faq, rubric, labelled_paragraph);
    # issues read from prose cues are for an editor to review.
    structure: str = "field_headings"
    needs_review: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class ParsedDocument:
    path: str
    title: str
    sha256: str
    content: str
    issues: list[ParsedIssue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Per section: did it become an issue, and why not (the dry run shows it).
    sections: list[dict] = field(default_factory=list)

    @property
    def why_no_issue(self) -> str:
        """For a document with no issue: what was seen, in one sentence."""
        titles = [s["title"] for s in self.sections][:12]
        more = len(self.sections) - len(titles)
        listed = ", ".join(titles) + (f" and {more} more" if more > 0 else "")
        # Why each was passed over, the commonest first ("its title names a procedure ... (4)"),
        # so that the reader knows what kb would need to see.
        reasons: dict[str, int] = {}
        for section in self.sections:
            if section.get("reason"):
                reasons[section["reason"]] = reasons.get(section["reason"], 0) + 1
        why = " ".join(f"{count} section(s): {reason}." for reason, count in
                       sorted(reasons.items(), key=lambda item: -item[1])[:4])
        return (f"no issue recognised in {len(self.sections)} section(s), none with a symptom and a "
                f"cause or fix: {listed}." + (f" Why: {why}" if why else ""))

    @property
    def passed_over(self) -> int:
        """How many sections with text of their own became no issue: what an editor may want to
        look at (the dry run's JSON says why each). A heading over other sections, or a section
        read as part of an issue, is not one."""
        return sum(1 for s in self.sections if not s.get("issue") and s.get("reason")
                   and not s["reason"].startswith(_NOT_PASSED_OVER)
                   and not s["reason"].endswith("its sections are read on their own"))

    def as_dict(self) -> dict:
        data = asdict(self)
        del data["content"]
        return data


# a heading over other sections, and a field or part of an issue (the reasons of kb.rst.decisions
# and kb.rst.prose_issue)
_NOT_PASSED_OVER = ("a heading over other sections", "part of the issue")
