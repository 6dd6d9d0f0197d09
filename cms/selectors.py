"""Reads of the cms app that are not a page's own (the pages build their context on the page model):
an author's reports with their workflow state, and the home page's latest activities. Each in a fixed
number of queries whatever the number of activities."""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from wagtail.models import Page, TaskState, WorkflowState

from cms.membership import member_association_ids
from cms.models import ActivityPage
from cms.models.pages import LIST_FIELDS
from config.pagecache import content_token


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


HOME_KEY = "cms:home-activities:{token}:{audience}:{limit}"


def audience_key(viewer) -> str:
    """Who sees the same activities: visitors alike, platform admins alike, members by their associations
    (ActivityPageQuerySet.visible_to reads nothing else of the viewer)."""
    if not getattr(viewer, "is_authenticated", False):
        return "public"
    if viewer.is_superuser:
        return "all"
    return "m" + "-".join(str(pk) for pk in sorted(member_association_ids(viewer)))


def home_activities(viewer, limit: int = 5) -> list[ActivityPage]:
    """The latest activities the viewer may read: the same list for everyone of one audience, so it is
    cached per audience under the content token (config/pagecache.py: forgotten when content changes)."""
    token = content_token()
    key = HOME_KEY.format(token=token, audience=audience_key(viewer), limit=limit)
    found = cache.get(key) if token else None
    if found is None:
        activities = ActivityPage.objects.visible_to(viewer).newest_first().with_comment_counts()
        found = list(activities.only(*LIST_FIELDS)[:limit])
        if token:
            cache.set(key, found, 300)
    return found
