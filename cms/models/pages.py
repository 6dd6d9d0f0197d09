"""Wagtail page types of an association's site.

Tree: HomePage (/) → AssociationPage (one per association) → ActivityIndexPage → ActivityPage;
StandardPage (charter, about) under the home or association page.

Pages build their own context (as bakerydemo's do). Who may read an activity is decided here, on the page
and on its queryset, so cms/rules.py's permission names and every list ask the same question.
"""

import datetime

import rules
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from associations.models import Association, Section
from cms.blocks import BodyBlock
from cms.choices import Theme, Visibility
from cms.filters import ActivityFilters
from cms.home_sections import home_sections
from cms.membership import is_member, member_association_ids, staff_association_ids
from cms.models.comments import Comment
from cms.photos import photo_sources
from cms.routing import CachedViewRestrictions
from moderation.content import ModerationStatus, visible_q
from moderation.registry import register as register_moderated

PER_PAGE = 12
LIST_FIELDS = ("id", "title", "slug", "url_path", "date", "theme", "summary", "section__name", "visibility")
MAX_COMMENTS_SHOWN = 200


class HomePage(CachedViewRestrictions, Page):
    """The root of a site: the association's front page, linking to its activities, events and polls."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.AssociationPage", "cms.StandardPage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["home_sections"] = home_sections(request)
        return context

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class AssociationPage(CachedViewRestrictions, Page):
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


class ActivityIndexPage(CachedViewRestrictions, Page):
    """The list of an association's activities, filtered by section, theme and year, paginated."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.AssociationPage"]
    subpage_types = ["cms.ActivityPage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        """Filters, search and one page of the activities under this index that the viewer may read."""
        context = super().get_context(request, *args, **kwargs)
        chosen = ActivityFilters(request.GET).chosen()
        query = chosen.pop("query")
        association_path = self.path[: -Page.steplen]
        sections = list(Section.objects.filter(association__page__path=association_path).only("slug", "name"))
        section = next((s for s in sections if s.slug == chosen["section"]), None)
        chosen["section"] = section.slug if section else ""
        activities = (
            ActivityPage.objects.visible_to(request.user, for_search=bool(query))
            .filter(path__startswith=self.path)
            .filtered(section=section, theme=chosen["theme"], year=chosen["year"])
            .newest_first()
        )
        results = activities.search(query) if query else activities.with_comment_counts().only(*LIST_FIELDS)
        years = ActivityPage.objects.child_of(self).filter(live=True).dates("date", "year", order="DESC")
        context.update(
            activities=Paginator(results, PER_PAGE).get_page(request.GET.get("page")),
            filters=chosen,
            query=query,
            sections=sections,
            themes=Theme.choices,
            years=[d.year for d in years],
        )
        return context

    class Meta:
        verbose_name = _("activity index")
        verbose_name_plural = _("activity indexes")


class ActivityPageQuerySet(PageQuerySet):
    def visible_to(self, viewer, *, for_search: bool = False) -> "ActivityPageQuerySet":
        """What `viewer` may read, with no query beyond the viewer's memberships: live, and public or of one
        of the viewer's associations (the rule of `ActivityPage.is_visible_to`).

        Wagtail search filters only on indexed fields: `for_search` names the associations that allow public
        activities instead of joining the association.
        """
        if for_search:
            ids = list(Association.objects.filter(public_activities=True).values_list("pk", flat=True))
            public = Q(visibility=Visibility.PUBLIC, association_id__in=ids)
        else:
            public = Q(visibility=Visibility.PUBLIC, association__public_activities=True)
        # Hidden or rejected after reports: only its author and the association's staff still see it (search
        # filters on indexed fields only: it finds published activities).
        live = self.filter(live=True)
        if for_search:
            live = live.filter(status=ModerationStatus.PUBLISHED)
        else:
            live = live.filter(visible_q(viewer, staff_association_ids=staff_association_ids(viewer)))
        if not getattr(viewer, "is_authenticated", False):
            return live.filter(public)
        if viewer.is_superuser:
            return live
        return live.filter(public | Q(association_id__in=member_association_ids(viewer)))

    def filtered(self, *, section=None, theme: str = "", year: int | None = None) -> "ActivityPageQuerySet":
        """Section (a Section or its id), theme and year, already read from the request. Plain comparisons on
        indexed fields only, so the same filters apply to Wagtail search."""
        queryset = self
        if section is not None:
            queryset = queryset.filter(section_id=getattr(section, "pk", section))
        if theme:
            queryset = queryset.filter(theme=theme)
        if year:
            queryset = queryset.filter(date__gte=datetime.date(year, 1, 1), date__lt=datetime.date(year + 1, 1, 1))
        return queryset

    def newest_first(self) -> "ActivityPageQuerySet":
        return self.select_related("section").order_by("-date", "-pk")

    def with_comment_counts(self) -> "ActivityPageQuerySet":
        published = (
            Comment.objects.filter(page_id=OuterRef("pk"), status=ModerationStatus.PUBLISHED)
            .order_by()
            .values("page_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(comment_count=Subquery(published))


@register_moderated(visible_to="cms.view_activity", queue_pending=False)
class ActivityPage(CachedViewRestrictions, Page):
    """A report of something the association did, usually told by a youth and approved by staff.

    `visibility` decides who may read it once live (`is_visible_to`, named `cms.view_activity` in
    cms/rules.py); photos showing people are shown outside the association only once staff record consent.

    Members may report a live activity like any member content (moderation's registry): `status` is its
    moderation status (Wagtail's workflow approves it before it goes live; reports may hide it afterwards).
    """

    moderation_context_field = ""

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
    status = models.CharField(
        _("moderation status"),
        max_length=10,
        choices=ModerationStatus.choices,
        default=ModerationStatus.PUBLISHED,
        db_index=True,
    )
    moderation_reason = models.CharField(_("moderation reason"), max_length=500, blank=True)
    moderated_at = models.DateTimeField(_("moderated on"), null=True, blank=True)

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
        index.FilterField("status"),
    ]
    parent_page_types = ["cms.ActivityIndexPage"]
    subpage_types: list[str] = []

    objects = PageManager.from_queryset(ActivityPageQuerySet)()

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

    # What moderation reads of every reportable item (moderation.content.ModeratedContent's shape).
    flags: tuple = ()

    def with_content_json(self, content):
        """Moderation's decision is not under revision control: publishing an older revision keeps it."""
        page = super().with_content_json(content)
        page.status, page.moderation_reason, page.moderated_at = self.status, self.moderation_reason, self.moderated_at
        return page

    @property
    def created_at(self):
        return self.first_published_at or self.latest_revision_created_at or datetime.datetime.now(datetime.UTC)

    @property
    def moderation_text(self) -> str:
        return f"{self.title}\n{self.summary}".strip()

    @property
    def moderation_context(self) -> str:
        return ""

    @property
    def moderation_anchor(self) -> str:
        return "activity"

    def context_url(self) -> str:
        return self.url or ""

    @property
    def is_published(self) -> bool:
        return self.status == ModerationStatus.PUBLISHED

    def is_public(self) -> bool:
        return bool(
            self.live
            and self.status == ModerationStatus.PUBLISHED
            and self.visibility == Visibility.PUBLIC
            and self.association.public_activities
        )

    def is_visible_to(self, viewer) -> bool:
        if not self.live:
            return False
        if self.status != ModerationStatus.PUBLISHED and not self._moderation_insider(viewer):
            return False
        return self.is_public() or is_member(viewer, self.association_id)

    def _moderation_insider(self, viewer) -> bool:
        """The author and the association's staff still see a hidden activity (to explain, to restore)."""
        if not getattr(viewer, "is_authenticated", False):
            return False
        return (
            viewer.is_superuser or self.author_id == viewer.pk or self.association_id in staff_association_ids(viewer)
        )

    def visible_photos(self, viewer) -> list:
        """Gallery photos the viewer may see (one query), each with its `sources`: a photo showing people
        without recorded consent stays inside the association."""
        photos = list(ActivityPhoto.objects.filter(page=self).select_related("image").order_by("sort_order", "pk"))
        if not is_member(viewer, self.association_id):
            photos = [photo for photo in photos if photo.may_be_public]
        for photo in photos:
            photo.sources = photo_sources(self.pk, photo.image)
        return photos

    def visible_comments(self, viewer):
        """Published comments, the viewer's own, and all of them for the association's staff."""
        comments = Comment.objects.filter(page=self).visible_to(viewer)
        return comments.select_related("author").order_by("created_at", "pk")

    def serve(self, request, *args, **kwargs):
        # Wagtail serves any live page to anyone: the visibility rule is enforced here too.
        if not self.is_visible_to(request.user):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        viewer = request.user
        context = super().get_context(request, *args, **kwargs)
        comments = list(self.visible_comments(viewer)[:MAX_COMMENTS_SHOWN])
        context.update(
            photos=self.visible_photos(viewer),
            comments=comments,
            published_comment_count=sum(1 for c in comments if c.status == ModerationStatus.PUBLISHED),
            can_comment=rules.has_perm("cms.comment_activity", viewer, self),
            # A refused comment comes back as typed (set by the comment view).
            comment_draft=getattr(request, "comment_draft", ""),
            comment_error=getattr(request, "comment_error", ""),
            section_name=Section.objects.filter(pk=self.section_id).values_list("name", flat=True).first(),
            # The index is the parent: its URL from this page's, not one more query for the parent page.
            index_url=self.url.rstrip("/").rsplit("/", 1)[0] + "/" if self.url else "",
        )
        return context

    def get_sitemap_urls(self, request=None):
        # Only pages everyone may read belong in a sitemap.
        return super().get_sitemap_urls(request) if self.is_public() else []


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


class StandardPage(CachedViewRestrictions, Page):
    """A plain page: the association's charter, an about page."""

    body = StreamField(BodyBlock(), verbose_name=_("text"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.AssociationPage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
