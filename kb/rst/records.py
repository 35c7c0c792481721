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
    components: list[str] = field(default_factory=list)
    upstream: list[ParsedLink] = field(default_factory=list)
    signatures: list[ParsedSignature] = field(default_factory=list)
    relations: list[ParsedRelation] = field(default_factory=list)

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

    def as_dict(self) -> dict:
        data = asdict(self)
        del data["content"]
        return data
