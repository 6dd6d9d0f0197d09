"""The one shape of member-written content: a model joins moderation by inheriting `ModeratedContent`
and calling `moderation.registry.register` — the queue, reports and leak rules then apply to it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ModerationStatus(models.TextChoices):
    PENDING = "pending", _("pending review")
    PUBLISHED = "published", _("published")
    HIDDEN = "hidden", _("hidden")
    REJECTED = "rejected", _("rejected")


class ModeratedContent(models.Model):
    """Abstract base: author, association, section, status, automatic flags."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    association = models.ForeignKey("associations.Association", on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey(
        "associations.Section", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ModerationStatus.choices, default=ModerationStatus.PENDING, db_index=True
    )
    flags = models.JSONField(_("automatic flags"), default=list, blank=True)
    moderation_reason = models.CharField(_("moderation reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    moderated_at = models.DateTimeField(_("moderated on"), null=True, blank=True)

    # Name of the field holding the text that is scanned and shown in the queue.
    moderation_text_field = "text"
    # Name of the relation that gives the item its context in the queue ("on page X", "in poll Y").
    moderation_context_field = "page"

    class Meta:
        abstract = True

    @property
    def moderation_text(self) -> str:
        return getattr(self, self.moderation_text_field, "") or ""

    @property
    def moderation_context(self) -> str:
        """What the item belongs to, shown beside it in the queue ("" when the type has no context)."""
        field = self.moderation_context_field
        if not field or not any(f.name == field for f in self._meta.get_fields()):
            return ""
        return str(getattr(self, field, "") or "")

    @property
    def moderation_anchor(self) -> str:
        """The id of the element showing the item on its page ("comment-12"): links and reports return there."""
        return f"{self._meta.model_name}-{self.pk}"

    def context_url(self) -> str:
        """Where the item is shown: its page and anchor ("" when no page shows it). A type whose page is not
        `get_absolute_url` overrides this; links from notifications and the queue go through
        `moderation:item`, which checks visibility before sending the member here."""
        absolute = getattr(self, "get_absolute_url", None)
        return absolute() if absolute else ""

    @property
    def is_published(self) -> bool:
        return self.status == ModerationStatus.PUBLISHED


def visible_q(viewer, *, staff_association_ids=()) -> Q:
    """Filter for content a viewer may see: published, their own, or anything in associations they staff."""
    condition = Q(status=ModerationStatus.PUBLISHED)
    if getattr(viewer, "is_authenticated", False):
        if viewer.is_superuser:
            return Q()
        condition |= Q(author=viewer)
        if staff_association_ids:
            condition |= Q(association_id__in=list(staff_association_ids))
    return condition
