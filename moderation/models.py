"""Reports by members and the queue of items that need (or needed) staff attention.

The queue reads one table (`QueueEntry`) whatever the content type, so a new moderated type joins it by
registering itself (`moderation.registry.register`); entries are kept in step with the items by the
registry's save signal and by the services.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moderation.content import ModerationStatus


class ReportReason(models.TextChoices):
    SPAM = "spam", _("spam")
    INSULT = "insult", _("insult or harassment")
    PERSONAL_INFO = "personal_info", _("personal information")
    MINORS = "minors", _("inappropriate for minors")
    FALSE_INFO = "false_info", _("false information")
    CHILD_PROTECTION = "child_protection", _("child-protection concern")
    OTHER = "other", _("other")


class QueueEntry(models.Model):
    """One moderated item that is, or was, in the staff queue: pending, reported or flagged.

    Denormalised (association, section, author, status, flags, report counters) so the queue, its count and
    its ordering are one query across content types. Counters only change under a row lock
    (`select_for_update`) in the services, so concurrent reports are counted exactly.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    association = models.ForeignKey("associations.Association", on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey(
        "associations.Section", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=ModerationStatus.choices)
    flags = models.JSONField(_("automatic flags"), default=list, blank=True)
    item_created_at = models.DateTimeField(_("written on"), default=timezone.now)
    is_open = models.BooleanField(_("awaiting a decision"), default=True)
    # Reports since the last decision: ordinary ones, and child-protection concerns (seen by safeguarding
    # leads only). Their sum is compared with the association's threshold.
    reports = models.PositiveIntegerField(_("open reports"), default=0)
    urgent_reports = models.PositiveIntegerField(_("open child-protection reports"), default=0)
    last_reported_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("moderation queue entry")
        verbose_name_plural = _("moderation queue entries")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="queue_entry_unique_item"),
        ]
        indexes = [models.Index(fields=["association", "is_open", "section"])]

    def __str__(self) -> str:
        return self.item_id

    @property
    def item_id(self) -> str:
        """The public id of the item: "<app_label>.<model>:<pk>", e.g. "cms.comment:12"."""
        return f"{self.content_type.app_label}.{self.content_type.model}:{self.object_id}"


class Report(models.Model):
    """A member's report of one item, with a reason. One per member and item (a database constraint)."""

    entry = models.ForeignKey(QueueEntry, on_delete=models.CASCADE, related_name="report_set")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_reports")
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("reported on"), default=timezone.now)
    # Set when staff decide on the item: the report no longer counts towards the threshold.
    reviewed_at = models.DateTimeField(_("reviewed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["reporter", "content_type", "object_id"], name="report_unique_reporter"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.content_type.model}:{self.object_id})"

    @property
    def is_urgent(self) -> bool:
        return self.reason == ReportReason.CHILD_PROTECTION
