"""Plain input and output records of the matcher (no Django: the loader builds these)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SignatureSpec:
    id: int | str
    text: str  # exact log text or template; may contain <*>, <NUM>, <IP>, <UUID>, <HEX>
    source: str = "curated"  # "symptom" (from a Symptoms literal block) | "curated" | "api"
    # A sign, not proof (Signature.is_sign): other failures log it too, so a hit is a weak lead.
    sign: bool = False


@dataclass(frozen=True)
class IssueSpec:
    slug: str
    title: str
    status: str = ""  # fixed / partially_fixed / workaround / investigating / config_fix / unknown
    components: tuple[str, ...] = ()
    environment: str = ""
    symptoms: str = ""  # Markdown
    root_cause: str = ""
    solution: str = ""
    workaround: str = ""
    signatures: tuple[SignatureSpec, ...] = ()
    related: tuple[
        tuple[str, str], ...
    ] = ()  # (other_slug, kind): caused_by | same_root_cause | related
    url: str = ""
    needs_review: bool = False  # read from prose and not yet checked by an editor (Issue.needs_review)


@dataclass(frozen=True)
class SearchHit:
    slug: str
    title: str
    url: str
    score: float
    snippet_html: str  # HTML-escaped text with <mark> around the matched words
    why: str
