"""What kb records about its own use.

Nothing here holds pasted text as it was pasted: hit counts are numbers,
unknown lines and feedback lines are stored as masked templates (see
clustering.py), and a masked sample only when KB_STORE_UNKNOWN_SAMPLES is on.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator

from kb.matching.normalize import PLACEHOLDER_RE
from kb.models import Issue, Signature

# The longer of the two windows hits are counted over ("hits in 10 days").
HITS_WINDOW = timedelta(days=10)
# How long hourly buckets are kept: the issue page charts hits per day over 30 days.
HITS_RETENTION = timedelta(days=30)


class HitBucket(models.Model):
    """How many requests matched an issue (or one of its signatures) in one UTC hour.

    A row with no signature counts the issue; a row with a signature counts
    that signature. Rows are incremented in place (recording.py), so a busy
    issue costs one row per hour, not one per request.
    """

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="hit_buckets")
    signature = models.ForeignKey(
        Signature, null=True, blank=True, on_delete=models.CASCADE, related_name="hit_buckets"
    )
    hour = models.DateTimeField(help_text="Start of the hour (UTC).")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        # NULLs are distinct in a plain unique constraint (SQLite and
        # PostgreSQL alike), so the issue-level row gets its own partial one.
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "hour"], condition=Q(signature__isnull=True),
                name="learning_hitbucket_unique_issue_hour",
            ),
            models.UniqueConstraint(
                fields=["signature", "hour"], condition=Q(signature__isnull=False),
                name="learning_hitbucket_unique_signature_hour",
            ),
        ]
        indexes = [models.Index(fields=["hour"], name="learning_hitbucket_hour")]

    def __str__(self):
        return f"{self.issue_id}/{self.signature_id or '-'} @ {self.hour:%Y-%m-%d %H}h: {self.count}"


class UnknownClusterQuerySet(models.QuerySet):
    SORTS = {"count": ["-count", "-last_seen"], "last_seen": ["-last_seen", "-count"]}

    def listing(self, *, status="", sort="count"):
        """The filters of the /unknown/ page and GET /api/unknown/."""
        qs = self.filter(status=status) if status else self
        return qs.order_by(*self.SORTS.get(sort, self.SORTS["count"]), "id")

    def expired(self, days: int, now=None):
        """Clusters nobody promoted and nobody has seen for `days` days."""
        cutoff = (now or timezone.now()) - timedelta(days=days)
        return self.exclude(status=UnknownCluster.Status.PROMOTED).filter(last_seen__lt=cutoff)


class UnknownCluster(models.Model):
    """Log lines that matched no known issue, grouped by their masked template.

    `template` is the message with timestamps, ids, addresses, quoted values
    and numbers replaced by placeholders; two lines that differ only in those
    are one cluster. `sample` is empty unless KB_STORE_UNKNOWN_SAMPLES is on.
    """

    class Status(models.TextChoices):
        NEW = "new", "New"
        IGNORED = "ignored", "Ignored"
        PROMOTED = "promoted", "Promoted to a signature"

    template = models.TextField(help_text="The masked message.")
    template_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the template.")
    program = models.CharField(max_length=100, blank=True, help_text="Syslog tag or process, if known.")
    logger = models.CharField(max_length=200, blank=True, help_text="Python logger or source file, if known.")
    count = models.PositiveBigIntegerField(default=0, help_text="Lines seen.")
    first_seen = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    sample = models.TextField(blank=True, help_text="One masked line; only with KB_STORE_UNKNOWN_SAMPLES.")
    promoted_signature = models.ForeignKey(
        Signature, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = UnknownClusterQuerySet.as_manager()

    class Meta:
        ordering = ["-count", "id"]
        indexes = [
            models.Index(fields=["status", "-count"], name="learning_unknown_count"),
            models.Index(fields=["status", "-last_seen"], name="learning_unknown_last_seen"),
        ]

    def __str__(self):
        return self.template[:80]

    @property
    def source(self) -> str:
        return self.program or self.logger

    def suggested_title(self) -> str:
        """A starting title for a new issue: the template's fixed words."""
        words = " ".join(PLACEHOLDER_RE.sub(" ", self.template).split())
        return Truncator(words).chars(120)

    def suggested_symptoms(self) -> str:
        who = f" ({self.source})" if self.source else ""
        return f"Logged{who}:\n\n```\n{self.template}\n```\n"

    @transaction.atomic
    def promote_to(self, issue: Issue) -> Signature:
        """Add the template to `issue` as an editor's signature and mark the cluster promoted.

        Raises ValidationError when the template can not be a signature.
        """
        signature = issue.signatures.filter(text=self.template).first()
        if signature is None:
            signature = Signature(issue=issue, text=self.template, source=Signature.Source.EDITOR)
            signature.full_clean()
            signature.save()
        elif not signature.is_active:
            signature.is_active = True
            signature.save(update_fields=["is_active", "updated_at", "updated_by"])
        self.status = self.Status.PROMOTED
        self.promoted_signature = signature
        self.save(update_fields=["status", "promoted_signature"])
        return signature

    @transaction.atomic
    def promote_to_new_issue(self, issue: Issue) -> Signature:
        """Save the unsaved `issue` (validated) and promote the template to it."""
        issue.full_clean()
        issue.save()
        return self.promote_to(issue)

    def set_status(self, status: str) -> None:
        if status not in (self.Status.NEW, self.Status.IGNORED):
            raise ValidationError({"status": "Only new or ignored can be set; promote to promote."})
        self.status = status
        self.save(update_fields=["status"])


class Feedback(models.Model):
    """A reader's verdict on one answer: the issue kb gave helped, or was the wrong one."""

    class Verdict(models.TextChoices):
        HELPED = "helped", "This helped"
        WRONG = "wrong", "Wrong issue"

    class Source(models.TextChoices):
        WEB = "web", "Web"
        API = "api", "API"
        SLACK = "slack", "Slack"
        MATTERMOST = "mattermost", "Mattermost"

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="feedback")
    signature = models.ForeignKey(
        Signature, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.WEB)
    line_template = models.TextField(blank=True, help_text="The line it was about, masked.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "feedback"
        indexes = [models.Index(fields=["signature", "verdict"], name="learning_feedback_signature")]

    def __str__(self):
        return f"{self.get_verdict_display()}: {self.issue_id}"


class SignatureQuality(models.Model):
    """How a signature fared against logs known to be healthy (`manage.py check_signatures`).

    Like elastic-recheck's rule for its queries: a signature that fires on
    more than 10 % of healthy logs is too broad to identify an incident.
    """

    signature = models.OneToOneField(Signature, on_delete=models.CASCADE, related_name="quality")
    too_broad = models.BooleanField(default=False)
    healthy_hits = models.PositiveIntegerField(default=0, help_text="Healthy files it fired on.")
    checked_files = models.PositiveIntegerField(default=0)
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "signature quality"
        ordering = ["-too_broad", "-healthy_hits"]

    def __str__(self):
        return f"{self.signature}: {self.healthy_hits}/{self.checked_files}"

    @property
    def share(self) -> float:
        return self.healthy_hits / self.checked_files if self.checked_files else 0.0


def verdict_counts(path: str = "") -> dict[str, models.Count]:
    """Annotations `helped` and `wrong`; `path` leads from the annotated model to Feedback."""
    return {
        verdict: models.Count(f"{path}id", filter=Q(**{f"{path}verdict": verdict}))
        for verdict in Feedback.Verdict.values
    }
