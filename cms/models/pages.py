"""Wagtail page types of an association's site.

Tree: HomePage (/) → AssociationPage (one per association) → ActivityIndexPage → ActivityPage;
StandardPage (charter, about) under the home or association page.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BodyBlock


class Theme(models.TextChoices):
    SOCIAL = "social", _("social integration")
    INSERTION = "insertion", _("professional insertion")
    TRAINING = "training", _("training")
    CULTURE = "culture", _("culture & sport")
    ENVIRONMENT = "environment", _("environment")
    CITIZENSHIP = "citizenship", _("citizenship")
    OTHER = "other", _("other")


class Visibility(models.TextChoices):
    MEMBERS = "members", _("members of the association")
    PUBLIC = "public", _("everyone")


class HomePage(Page):
    """The root of a site: the association's front page, linking to its activities, events and polls."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.AssociationPage", "cms.StandardPage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        from cms.home_sections import home_sections

        context = super().get_context(request, *args, **kwargs)
        context["home_sections"] = home_sections(request)
        return context

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class AssociationPage(Page):
    """The public page of one association (exactly one per association), parent of its activities."""

    association = models.OneToOneField(
        "associations.Association", on_delete=models.PROTECT, related_name="page", verbose_name=_("association")
    )
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("association"), FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ActivityIndexPage", "cms.StandardPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().public().only("title", "url_path")
        return context

    class Meta:
        verbose_name = _("association page")
        verbose_name_plural = _("association pages")


class ActivityIndexPage(Page):
    """The list of an association's activities, filtered by section, theme and year, paginated."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.AssociationPage"]
    subpage_types = ["cms.ActivityPage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import activity_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(activity_index_context(self, request))
        return context

    class Meta:
        verbose_name = _("activity index")
        verbose_name_plural = _("activity indexes")


class ActivityPage(Page):
    """A report of something the association did, usually told by a youth and approved by staff.

    `visibility` decides who may read it once live (cms.policies); photos showing people are shown
    outside the association only once staff record consent.
    """

    association = models.ForeignKey(
        "associations.Association", on_delete=models.PROTECT, related_name="+", verbose_name=_("association")
    )
    date = models.DateField(_("date"))
    section = models.ForeignKey(
        "associations.Section", on_delete=models.PROTECT, related_name="+", verbose_name=_("section")
    )
    theme = models.CharField(_("theme"), max_length=16, choices=Theme.choices, default=Theme.OTHER)
    summary = models.TextField(_("summary"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("text"), blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    event = models.ForeignKey(
        "events.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activity_reports",
        verbose_name=_("event"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    visibility = models.CharField(_("visible to"), max_length=8, choices=Visibility.choices, default=Visibility.MEMBERS)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("section"), FieldPanel("theme"), FieldPanel("participants")],
            heading=_("activity"),
        ),
        FieldPanel("visibility"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("photos", label=_("photos"), max_num=12),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("visibility"),
        index.FilterField("association"),
        index.FilterField("section"),
        index.FilterField("theme"),
        index.FilterField("date"),
        index.FilterField("path"),
    ]
    parent_page_types = ["cms.ActivityIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["association", "visibility", "date"])]

    def save(self, *args, **kwargs):
        # The association follows the section, so filters never need the page tree.
        if self.section_id and not self.association_id:
            self.association_id = self.section.association_id
        if self.author_id is None and self.owner_id is not None:
            self.author_id = self.owner_id
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        # A report belongs to one association: its section cannot be another association's.
        if self.section_id and self.association_id and self.section.association_id != self.association_id:
            raise ValidationError({"section": _("Choose a section of the association.")})

    def serve(self, request, *args, **kwargs):
        # Wagtail serves any live page to anyone: the visibility policy is enforced here too.
        from cms.policies import can_view_activity

        if not can_view_activity(request.user, self):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import activity_detail_context

        context = super().get_context(request, *args, **kwargs)
        context.update(activity_detail_context(self, request))
        return context

    def get_sitemap_urls(self, request=None):
        # Only pages everyone may read belong in a sitemap.
        from cms.policies import is_public_activity

        return super().get_sitemap_urls(request) if is_public_activity(self) else []


class ActivityPhoto(Orderable):
    """One photo of an activity's gallery. Staff tick `consent_recorded` once the people shown agreed."""

    page = ParentalKey(ActivityPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("image")
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    shows_people = models.BooleanField(_("shows people"), default=True)
    consent_recorded = models.BooleanField(
        _("consent recorded"),
        default=False,
        help_text=_("The people shown (or their guardians) agreed to publication."),
    )

    panels = [FieldPanel("image"), FieldPanel("caption"), FieldPanel("shows_people"), FieldPanel("consent_recorded")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    @property
    def may_be_public(self) -> bool:
        return not self.shows_people or self.consent_recorded


class StandardPage(Page):
    """A plain page: the association's charter, an about page."""

    body = StreamField(BodyBlock(), verbose_name=_("text"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.AssociationPage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
