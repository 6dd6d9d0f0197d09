"""Members' comments on pages (activity reports), moderated like all member content."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.membership import staff_association_ids
from moderation.content import ModeratedContent, visible_q
from moderation.registry import register as register_moderated


class CommentQuerySet(models.QuerySet):
    def visible_to(self, viewer) -> "CommentQuerySet":
        """Published comments, the viewer's own, and every comment of the associations the viewer staffs."""
        return self.filter(visible_q(viewer, staff_association_ids=staff_association_ids(viewer)))


@register_moderated(visible_to="cms.rules.comment_visible_to")
class Comment(ModeratedContent):
    """A member's comment on a page (activity reports): plain text, moderated like all member content."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="comments_ton")
    text = models.TextField(_("comment"), max_length=1000)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["page", "status", "created_at"])]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return f"{self.page.url}#{self.moderation_anchor}"

    def context_url(self) -> str:
        # Only activity pages list their comments: on any other page the anchor would lead nowhere.
        from django.contrib.contenttypes.models import ContentType

        page_type = ContentType.objects.get_for_id(self.page.content_type_id)
        if (page_type.app_label, page_type.model) != ("cms", "activitypage"):
            return ""
        return self.get_absolute_url()
