"""Who may see and do what with activities: the one place the cms decides it.

Used by the page's own `serve`, listings, home, search, API, photo URLs, comments and notifications,
so every channel answers the same way. Rules:
- a page that is not live is never shown (authors follow their own drafts in "Mes récits");
- a `public` activity of an association that allows public activities is shown to everyone;
- otherwise only to members of its association (and platform admins);
- a photo showing people without recorded consent is shown only to members of the association.
"""

from django.db.models import Q

from associations.rules import can_participate, is_staff_of
from associations.selectors import user_memberships
from cms.models import ActivityPage, Visibility


def member_association_ids(viewer) -> list[int]:
    return list(user_memberships(viewer)) if getattr(viewer, "is_authenticated", False) else []


def is_member(viewer, association_id: int) -> bool:
    if not getattr(viewer, "is_authenticated", False):
        return False
    return viewer.is_superuser or association_id in user_memberships(viewer)


def is_public_activity(page: ActivityPage) -> bool:
    return bool(page.live and page.visibility == Visibility.PUBLIC and page.association.public_activities)


def visible_activities_q(viewer, *, public_association_ids: list[int] | None = None) -> Q:
    """Filter on ActivityPage querysets: what `viewer` may read (no extra query beyond memberships).

    Wagtail search filters only on indexed fields: it passes the ids of associations that allow
    public activities instead of joining the association.
    """
    if public_association_ids is None:
        public = Q(visibility=Visibility.PUBLIC, association__public_activities=True)
    else:
        public = Q(visibility=Visibility.PUBLIC, association_id__in=public_association_ids)
    live = Q(live=True)
    if not getattr(viewer, "is_authenticated", False):
        return live & public
    if viewer.is_superuser:
        return live
    return live & (public | Q(association_id__in=member_association_ids(viewer)))


def can_view_activity(viewer, page: ActivityPage) -> bool:
    if not page.live:
        return False
    return is_public_activity(page) or is_member(viewer, page.association_id)


def can_view_page(viewer, page) -> bool:
    """Any live page: activities follow their visibility, other page types are public once live."""
    if isinstance(page, ActivityPage):
        return can_view_activity(viewer, page)
    return bool(page.live)


def comment_visible_to(viewer, comment) -> bool:
    """A comment is seen by whoever may see its page (moderation's report page and API ask this)."""
    return comment.page is not None and can_view_page(viewer, comment.page.specific)


def photo_visible_to(viewer, page, *, may_be_public: bool) -> bool:
    """A photo follows its page, and without consent stays inside the association."""
    if not can_view_page(viewer, page):
        return False
    if may_be_public:
        return True
    association_id = getattr(page, "association_id", None)
    return association_id is not None and is_member(viewer, association_id)


def can_comment(viewer, page: ActivityPage) -> bool:
    return can_view_activity(viewer, page) and can_participate(viewer, page.association_id)


def can_submit(viewer, association) -> bool:
    return getattr(viewer, "is_authenticated", False) and can_participate(viewer, association)


def can_moderate(viewer, association) -> bool:
    return is_staff_of(viewer, association)


def can_edit_submission(viewer, page: ActivityPage, state: str) -> bool:
    """Authors rework their own report once staff asked for changes."""
    return getattr(viewer, "is_authenticated", False) and page.author_id == viewer.pk and state == "changes"


def can_preview(viewer, page: ActivityPage) -> bool:
    """Drafts and pending reports: their author and the association's staff only."""
    if not getattr(viewer, "is_authenticated", False):
        return False
    return page.author_id == viewer.pk or is_staff_of(viewer, page.association_id)
