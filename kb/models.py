"""The knowledge kb holds: documents, issues and what hangs off an issue.

An Issue is one known incident. Its prose fields are Markdown (converted from
RST on import, or typed by an editor); signatures are the log text that
identifies it; upstream links and relations tie it to bugs and to other
issues. Every write bumps KnowledgeRevision so that each app process can
tell, with one cheap query, that its in-memory matcher is stale.
"""

import hashlib
import json
import logging
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from kb.editors import EditorField
from kb.matching.normalize import PLACEHOLDER_RE
from kb.matching.ordinary import too_generic
from kb.matching.signatures import unusable
from kb.prose import IMPORTED_FIELDS, PROSE_FIELDS, SIGNATURE_NOTES_FIELDS

logger = logging.getLogger(__name__)
SIGNATURE_MAX_LENGTH = 500
# A signature shorter than this (after stripping placeholders) would fire on
# ordinary log noise, which is worse than no signature at all.
SIGNATURE_MIN_LITERAL = 12


class Document(models.Model):
    """An RST document that issues were imported from."""

    path = models.CharField(max_length=500, unique=True, help_text="Path the document was imported from.")
    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=300, blank=True)
    sha256 = models.CharField(max_length=64)
    content = models.TextField(help_text="The RST source as last imported.")
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["path"]

    def __str__(self):
        return self.title or self.path

    def get_absolute_url(self):
        return reverse("kb:document", args=[self.slug])


class Component(models.Model):
    """A piece of software an issue involves (nova, kubedns, galera ...)."""

    name = models.CharField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class IssueQuerySet(models.QuerySet):
    def active(self):
        return self.filter(retired=False)

    def for_listing(self):
        return self.select_related("document").prefetch_related("components")

    def with_parts(self):
        """With what an issue's page and its export show of it: its document, components,
        upstream links, active signatures and relations (with the issues they point to)."""
        return self.select_related("document").prefetch_related(
            "components",
            "upstream_links",
            models.Prefetch("signatures", queryset=Signature.objects.filter(is_active=True)),
            models.Prefetch("relations", queryset=IssueRelation.objects.select_related("to_issue")),
        )

    def filter_by(self, *, component="", environment="", status="", q="", review=None):
        """The list filters shared by the browse pages and the API."""
        qs = self
        if component:
            qs = qs.filter(components__name=component)
        if environment:
            qs = qs.filter(environment=environment)
        if status:
            qs = qs.filter(status=status)
        if review is not None:
            qs = qs.filter(needs_review=review)
        for word in q.split()[:10]:
            qs = qs.filter(
                Q(title__icontains=word) | Q(symptoms__icontains=word) | Q(root_cause__icontains=word)
            )
        return qs.distinct() if component else qs


class Issue(models.Model):
    """A known incident: what it looks like, why it happens, what fixes it."""

    class Status(models.TextChoices):
        FIXED = "fixed", "Fixed upstream"
        PARTIALLY_FIXED = "partially_fixed", "Partially fixed upstream"
        WORKAROUND = "workaround", "Workaround only"
        INVESTIGATING = "investigating", "Under investigation"
        CONFIG_FIX = "config_fix", "Local configuration fix"
        UNKNOWN = "unknown", "Unknown"

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=300)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UNKNOWN)
    symptoms = models.TextField(blank=True, help_text="Markdown.")
    root_cause = models.TextField(blank=True, help_text="Markdown.")
    solution = models.TextField(blank=True, help_text="Markdown.")
    workaround = models.TextField(blank=True, help_text="Markdown.")
    details = models.TextField(blank=True, help_text="Markdown: other fields of the source.")
    signature_notes = models.TextField(
        blank=True, help_text="Markdown: the prose beside the Log signatures, e.g. where upstream each line "
                              "comes from and why it identifies the issue.")
    sign_notes = models.TextField(
        blank=True, help_text="Markdown: the prose beside the Log signs, e.g. which other failures log them.")
    components = models.ManyToManyField(Component, blank=True, related_name="issues")
    environment = models.CharField(max_length=200, blank=True, help_text="Where it was seen.")
    fixed_in = models.CharField(
        max_length=200, blank=True,
        help_text="Release or version that carries the fix, as the knowledge states it (e.g. Newton).",
    )
    category = models.CharField(max_length=200, blank=True, help_text="Section of the source.")
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="issues"
    )
    anchor = models.CharField(max_length=200, blank=True)
    line = models.PositiveIntegerField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0, help_text="Order within its document.")
    retired = models.BooleanField(default=False, help_text="No longer in its source document.")

    class Structure(models.TextChoices):
        FIELD_HEADINGS = "field_headings", "Field headings (Symptoms / Root cause / Solution)"
        QUESTION_HEADINGS = "question_headings", "Question headings (How did I get here? ...)"
        RUBRIC = "rubric", "Rubric field markers"
        TABLE = "table", "Table row (Signature / Issue / Steps)"
        PROSE = "prose", "Section of prose, read from cue phrases"
        DEFINITION_LIST = "definition_list", "Definition list of symptoms"
        KNOWN_ISSUES = "known_issues", "Known issues list or section"
        FAQ = "faq", "FAQ question and answer"
        LABELLED_PARAGRAPH = "labelled_paragraph", "Paragraph labelled 'Known limitation:'"
        EDITOR = "editor", "Written in kb"

    structure = models.CharField(
        # The importer always names the structure it read; anything else (admin,
        # API, a promoted unknown cluster) was written by a person in kb.
        max_length=20, choices=Structure.choices, default=Structure.EDITOR,
        help_text="How the importer recognised the issue in its document, or 'editor' if written in kb.",
    )
    needs_review = models.BooleanField(
        default=False, help_text="Recognised from prose: an editor should check its fields."
    )
    # Set when a paste, API call or chat question confidently matches the issue
    # (kb.learning.recording); they outlive the hit buckets, which are pruned.
    first_seen = models.DateTimeField(null=True, blank=True, editable=False)
    last_seen = models.DateTimeField(null=True, blank=True, editable=False)
    import_fingerprint = models.CharField(
        max_length=64, blank=True, help_text="Fingerprint of the content as last imported."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = EditorField(
        max_length=150, blank=True, editable=False,
        help_text="Who saved this version (kb.editors): a username, or the command that imported it.",
    )

    PROSE_FIELDS = PROSE_FIELDS

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["document__path", "position", "title"]
        indexes = [
            models.Index(fields=["environment"]), models.Index(fields=["status"]),
            models.Index(fields=["last_seen"], name="kb_issue_last_seen"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("kb:issue", args=[self.slug])

    @property
    def remedy(self) -> str:
        return self.solution or self.workaround

    def content_fingerprint(self) -> str:
        """A hash of what an import writes, to tell an editor's change from ours."""
        # The payload's shape predates IMPORTED_FIELDS; kept so stored fingerprints stay valid.
        payload = {name: getattr(self, name) for name in IMPORTED_FIELDS if name not in PROSE_FIELDS}
        payload["fields"] = [getattr(self, name) for name in PROSE_FIELDS
                             if name not in SIGNATURE_NOTES_FIELDS]
        # Fields added later count only when set, so issues imported before them keep their fingerprint.
        for name in ("fixed_in", *SIGNATURE_NOTES_FIELDS):
            if getattr(self, name):
                payload[name] = getattr(self, name)
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()

    @property
    def edited_since_import(self) -> bool:
        return bool(self.import_fingerprint) and self.import_fingerprint != self.content_fingerprint()

    def clean(self):
        if not (self.symptoms.strip() or self.title.strip()):
            raise ValidationError({"symptoms": "An issue needs at least a title and symptoms."})


class UpstreamLink(models.Model):
    """A bug, pull request or review upstream that tracks or fixes an issue."""

    class Kind(models.TextChoices):
        GITHUB_ISSUE = "github_issue", "GitHub issue"
        GITHUB_PR = "github_pr", "GitHub pull request"
        LAUNCHPAD_BUG = "launchpad_bug", "Launchpad bug"
        GERRIT_REVIEW = "gerrit_review", "Gerrit review"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        FIXED = "fixed", "Fixed"
        PARTIALLY_FIXED = "partially_fixed", "Partially fixed"
        OPEN = "open", "Open"
        UNKNOWN = "unknown", "Unknown"

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="upstream_links")
    url = models.URLField(max_length=500)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    label = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UNKNOWN)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["issue", "position"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "url"], name="kb_upstreamlink_unique_url"),
        ]

    def __str__(self):
        return self.label or self.url


class Signature(models.Model):
    """Log text that identifies an issue; may hold <*>, <NUM>, <IP>, <UUID>, <HEX>, <SLOW> (a slow
    request's time), <POS> (a number above 0: a counter that is 0 when all is well) and <KILO> (a
    number of 1,000 or more: a quantity that says the failure in the thousands)."""

    class Source(models.TextChoices):
        SYMPTOM = "symptom", "From the symptoms of the document"
        CURATED = "curated", "Curated in the document"
        EDITOR = "editor", "Added by an editor"

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="signatures")
    text = models.TextField()
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.EDITOR)
    is_active = models.BooleanField(default=True)
    # A sign, not proof: a message this issue logs that other, unrelated failures log too
    # (nova's PortBindingFailed at any spawn, not only after a live migration). A document
    # lists it under "Log signs" (README, Importing knowledge); matching makes it a weak lead,
    # never a confident answer on its own (kb.matching.signatures.compile_signature).
    is_sign = models.BooleanField(
        default=False, verbose_name="sign",
        help_text="A sign, not proof: other failures log this message too. A line holding it is a "
                  "lead, never a confident answer on its own.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = EditorField(max_length=150, blank=True, editable=False, help_text="Who saved this version.")

    class Meta:
        ordering = ["issue", "id"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "text"], name="kb_signature_unique_text"),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def from_document(self) -> bool:
        return self.source in (self.Source.SYMPTOM, self.Source.CURATED)

    def clean(self):
        self.text = self.text.strip()
        if "\n" in self.text or "\r" in self.text:
            raise ValidationError({"text": "A signature is one log line."})
        if len(self.text) > SIGNATURE_MAX_LENGTH:
            raise ValidationError({"text": f"A signature is at most {SIGNATURE_MAX_LENGTH} characters."})
        literal = PLACEHOLDER_RE.sub("", self.text)
        if len(literal.strip()) < SIGNATURE_MIN_LITERAL:
            raise ValidationError(
                {"text": f"Too generic: give at least {SIGNATURE_MIN_LITERAL} characters of fixed text."}
            )
        # What matching would leave out is not stored either: the importer warns of it, an
        # editor is told why (one rule, kb.matching.signatures.unusable)
        unused = unusable(self.text, self.source)
        if unused:
            raise ValidationError({"text": f"Too generic: {unused}."})
        # Nor what the importer drops from a document's prose (kb.matching.ordinary.too_generic):
        # an editor's `context deadline exceeded` was stored though any Go program logs it. A
        # curator who means such a message for a deployment writes it in the document's Log
        # signatures, where the matcher asks the line's service to agree (kb.matching.generic).
        if self.source == self.Source.EDITOR:
            why = too_generic(self.text)
            if why:
                raise ValidationError({"text": f"Too generic: {why}."})


class IssueRelation(models.Model):
    """A directed tie between two issues, e.g. A is caused by B."""

    class Kind(models.TextChoices):
        CAUSED_BY = "caused_by", "Caused by"
        SAME_ROOT_CAUSE = "same_root_cause", "Same root cause as"
        RELATED = "related", "Related to"

    from_issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="relations")
    to_issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="incoming_relations")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.RELATED)
    from_document = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["from_issue", "to_issue"], name="kb_relation_unique_pair"),
            models.CheckConstraint(condition=~Q(from_issue=F("to_issue")), name="kb_relation_not_self"),
        ]

    def __str__(self):
        return f"{self.from_issue} {self.get_kind_display().lower()} {self.to_issue}"


class KnowledgeRevision(models.Model):
    """A single counter bumped on every change to the knowledge.

    App processes keep a matcher built from the database in memory; they
    compare this number (one indexed read, at most every
    KB_MATCHER_REFRESH_SECONDS) to know when to rebuild it.
    """

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"revision {self.number}"

    @classmethod
    def bump(cls):
        from kb.api import readcache

        readcache.clear()  # this process's API lists; other processes expire theirs (KB_READ_CACHE_SECONDS)
        updated = cls.objects.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now())
        if not updated:
            cls.objects.get_or_create(pk=1, defaults={"number": 1})

    @classmethod
    def current(cls) -> int:
        return cls.objects.filter(pk=1).values_list("number", flat=True).first() or 0


class ApiToken(models.Model):
    """A key for the REST API (`Authorization: Token <key>`).

    Only the SHA-256 of the key is stored, plus its first characters so that
    a person can tell tokens apart; the key itself is shown once, when the
    token is made (admin or `manage.py create_token`). Writes need `write`
    and a staff user; an expired token is refused.
    """

    KEY_BYTES = 20
    PREFIX_LENGTH = 8
    # last_used_at is refreshed at most this often, so reads don't write each time.
    TOUCH_SECONDS = 60

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What uses it, e.g. 'slack bot' or 'import job'.")
    prefix = models.CharField(max_length=PREFIX_LENGTH, editable=False, help_text="Start of the key.")
    digest = models.CharField(max_length=64, unique=True, editable=False, help_text="SHA-256 of the key.")
    write = models.BooleanField(
        default=False, help_text="Allow creating, changing and deleting (the user must also be staff)."
    )
    expires_at = models.DateTimeField(null=True, blank=True, help_text="Empty: never expires.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["user", "name"]
        verbose_name = "API token"

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    def set_new_key(self) -> str:
        """Give the token a fresh random key; returns the key, which is not stored."""
        key = secrets.token_hex(self.KEY_BYTES)
        self.prefix = key[: self.PREFIX_LENGTH]
        self.digest = self.hash_key(key)
        return key

    @classmethod
    def create_for(cls, user, name: str, *, write=False, expires_at=None) -> tuple["ApiToken", str]:
        token = cls(user=user, name=name, write=write, expires_at=expires_at)
        key = token.set_new_key()
        token.save()
        return token, key

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    def touch(self):
        """Record the use; best effort: a read-only, full or restarting database must not fail the read."""
        now = timezone.now()
        if self.last_used_at and (now - self.last_used_at).total_seconds() < self.TOUCH_SECONDS:
            return
        self.last_used_at = now
        try:
            with transaction.atomic():  # a savepoint: a refused UPDATE leaves the connection usable
                ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
        except DatabaseError:
            logger.warning("could not record the last use of token %s…", self.prefix, exc_info=True)
