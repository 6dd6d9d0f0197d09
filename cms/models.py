from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from moderation.content import ModeratedContent
from moderation.registry import register as register_moderated


class HomePage(Page):
    """The root of a site: the association's front page, linking to its activities, events and polls."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        from cms.home_sections import home_sections

        context = super().get_context(request, *args, **kwargs)
        context["home_sections"] = home_sections(request)
        return context

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


@register_moderated
class Comment(ModeratedContent):
    """A member's comment on a page (activity reports): plain text, moderated like all member content."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="comments_ton")
    text = models.TextField(_("comment"), max_length=1000)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["page", "status", "created_at"])]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return f"{self.page.url}#comment-{self.pk}"
