from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


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
