"""Reads of the cms app, each in a fixed number of queries whatever the number of activities,
photos and comments. Every list is filtered by cms.policies, like the detail views."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import CharField, Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast
from wagtail.models import Page, TaskState, WorkflowState

from associations.models import Association, Section
from associations.selectors import staff_sections
from cms.models import ActivityPage, ActivityPhoto, Comment, Theme
from cms.photos import photo_sources
from cms.policies import can_comment, is_member, visible_activities_q
from moderation.content import ModerationStatus, visible_q

PER_PAGE = 12
LIST_FIELDS = ("id", "title", "slug", "url_path", "date", "theme", "summary", "section__name", "visibility")


def visible_activities(viewer, *, for_search: bool = False) -> QuerySet[ActivityPage]:
    public_ids = None
    if for_search:
        public_ids = list(Association.objects.filter(public_activities=True).values_list("pk", flat=True))
    return (
        ActivityPage.objects.filter(visible_activities_q(viewer, public_association_ids=public_ids))
        .select_related("section")
        .order_by("-date", "-pk")
    )


def _published_comments():
    return (
        Comment.objects.filter(page_id=OuterRef("pk"), status=ModerationStatus.PUBLISHED)
        .order_by()
        .values("page_id")
        .annotate(n=Count("pk"))
        .values("n")
    )


def with_counts(queryset):
    return queryset.annotate(comment_count=Subquery(_published_comments()))


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def filter_activities(queryset, params, sections) -> tuple[QuerySet, dict]:
    """Section slug, theme and year filters from query parameters (unknown values are ignored).

    Only plain comparisons on indexed fields, so the same filters apply to Wagtail search.
    """
    chosen = {"section": params.get("section", ""), "theme": params.get("theme", ""), "year": _int(params.get("year"))}
    section = next((s for s in sections if s.slug == chosen["section"]), None)
    if section is not None:
        queryset = queryset.filter(section_id=section.pk)
    else:
        chosen["section"] = ""
    if chosen["theme"] in Theme.values:
        queryset = queryset.filter(theme=chosen["theme"])
    else:
        chosen["theme"] = ""
    if chosen["year"] and 1900 < chosen["year"] < 3000:
        year = chosen["year"]
        queryset = queryset.filter(date__gte=datetime.date(year, 1, 1), date__lt=datetime.date(year + 1, 1, 1))
    else:
        chosen["year"] = None
    return queryset, chosen


def filter_activities_api(queryset, params) -> QuerySet:
    """The API's filters: the API spans associations, so a site slug matches that site in each of them
    (an unknown slug gives nothing)."""
    queryset, _chosen = filter_activities(queryset, params, [])
    slug = params.get("section", "")
    return queryset.filter(section__slug=slug) if slug else queryset


def activity_index_context(index, request) -> dict:
    """Filters, search and one page of the activities under `index` the viewer may read."""
    association_path = index.path[: -Page.steplen]
    sections = list(Section.objects.filter(association__page__path=association_path).only("slug", "name"))
    query = (request.GET.get("q") or "").strip()[:100]
    queryset = visible_activities(request.user, for_search=bool(query)).filter(path__startswith=index.path)
    queryset, chosen = filter_activities(queryset, request.GET, sections)
    results = queryset.search(query) if query else with_counts(queryset).only(*LIST_FIELDS)
    page = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
    years = [d.year for d in ActivityPage.objects.child_of(index).filter(live=True).dates("date", "year", order="DESC")]
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "activities": page,
        "filters": chosen,
        "query": query,
        "sections": sections,
        "themes": Theme.choices,
        "years": years,
        "querystring": params.urlencode(),
    }


def visible_photos(page: ActivityPage, viewer) -> list:
    """Gallery photos the viewer may see (one query), with their sources."""
    photos = list(ActivityPhoto.objects.filter(page=page).select_related("image").order_by("sort_order", "pk"))
    if not is_member(viewer, page.association_id):
        photos = [photo for photo in photos if photo.may_be_public]
    for photo in photos:
        photo.sources = photo_sources(page.pk, photo.image)
    return photos


def comments_for(page: ActivityPage, viewer) -> QuerySet[Comment]:
    staff_of = list(staff_sections(viewer)) if getattr(viewer, "is_authenticated", False) else []
    return (
        Comment.objects.filter(page=page)
        .filter(visible_q(viewer, staff_association_ids=staff_of))
        .select_related("author")
        .order_by("created_at", "pk")
    )


def activity_detail_context(page: ActivityPage, request) -> dict:
    viewer = request.user
    comments = list(comments_for(page, viewer)[:200])
    return {
        "photos": visible_photos(page, viewer),
        "comments": comments,
        "published_comment_count": sum(1 for c in comments if c.status == ModerationStatus.PUBLISHED),
        "can_comment": can_comment(viewer, page),
        # A refused comment comes back as typed (set by the comment view).
        "comment_draft": getattr(request, "comment_draft", ""),
        "comment_error": getattr(request, "comment_error", ""),
        "section_name": Section.objects.filter(pk=page.section_id).values_list("name", flat=True).first(),
    }


def submission_state(page: ActivityPage) -> str:
    """published / pending / changes (staff asked for changes, or the report was withdrawn)."""
    if page.live:
        return "published"
    status = getattr(page, "workflow_status", None)
    if not hasattr(page, "workflow_status"):
        state = (
            WorkflowState.objects.filter(
                base_content_type=ContentType.objects.get_for_model(Page), object_id=str(page.pk)
            )
            .order_by("-created_at", "-pk")
            .first()
        )
        status = state.status if state else None
    return "pending" if status == WorkflowState.STATUS_IN_PROGRESS else "changes"


def my_submissions(user) -> list[ActivityPage]:
    """The author's reports with their state and the last rejection comment (one query)."""
    page_type = ContentType.objects.get_for_model(Page)
    object_id = Cast(OuterRef("pk"), CharField())
    states = WorkflowState.objects.filter(base_content_type=page_type, object_id=object_id).order_by(
        "-created_at", "-pk"
    )
    rejections = TaskState.objects.filter(
        workflow_state__base_content_type=page_type,
        workflow_state__object_id=object_id,
        status=TaskState.STATUS_REJECTED,
    ).order_by("-finished_at", "-pk")
    pages = list(
        ActivityPage.objects.filter(author=user)
        .annotate(
            workflow_status=Subquery(states.values("status")[:1]),
            rejection_comment=Subquery(rejections.values("comment")[:1]),
        )
        .select_related("section")
        .order_by("-latest_revision_created_at", "-pk")
    )
    for page in pages:
        page.state = submission_state(page)
    return pages


def awaiting_approval(user) -> list[ActivityPage]:
    """The author's reports that staff have not approved yet (one query; none for visitors)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [page for page in my_submissions(user) if page.state == "pending"]


def home_activities(viewer, limit: int = 5) -> list[ActivityPage]:
    return list(with_counts(visible_activities(viewer)).only(*LIST_FIELDS)[:limit])


def event_reports(viewer, event_id: int, request=None) -> list[dict]:
    """Published activity reports written after an event, as the viewer may see them (title and URL)."""
    from cms.models import ActivityPage
    from cms.policies import visible_activities_q

    pages = ActivityPage.objects.filter(visible_activities_q(viewer), event_id=event_id).order_by("-date", "pk")
    return [{"title": page.title, "url": page.get_url(request)} for page in pages[:5]]
