"""Who may see and do what with activities: the one place the cms names it.

Pages, listings, home, search, API, photo URLs, comments and notifications all ask these, so every channel
answers the same way. Code asks `rules.has_perm(name, user, obj)` (templates `{% has_perm %}`): unlike
`user.has_perm`, it does not wave platform admins through, and an admin who is not a member of an
association does not comment or tell in its name.

- a page that is not live is never shown (authors follow their own drafts in "Mes récits");
- a `public` activity of an association that allows public activities is shown to everyone;
- otherwise only to members of its association (and platform admins);
- a photo showing people without recorded consent is shown only to members of the association.
"""

import rules

from associations.rules import can_participate, is_staff_of
from cms.membership import is_member
from cms.models import ActivityPage


@rules.predicate
def can_view_activity(viewer, page: ActivityPage | None) -> bool:
    return page is not None and page.is_visible_to(viewer)


@rules.predicate
def participates_in_page_association(viewer, page: ActivityPage | None) -> bool:
    return page is not None and can_participate(viewer, page.association_id)


@rules.predicate
def is_author(viewer, page: ActivityPage | None) -> bool:
    return page is not None and viewer.is_authenticated and page.author_id == viewer.pk


@rules.predicate
def is_page_staff(viewer, page: ActivityPage | None) -> bool:
    return page is not None and is_staff_of(viewer, page.association_id)


@rules.predicate
def participates(viewer, association) -> bool:
    """The object is an association (or its id): telling an activity is done in one's own association."""
    return association is not None and viewer.is_authenticated and can_participate(viewer, association)


@rules.predicate
def is_association_staff(viewer, association) -> bool:
    return association is not None and is_staff_of(viewer, association)


rules.add_perm("cms.view_activity", can_view_activity)
rules.add_perm("cms.comment_activity", can_view_activity & participates_in_page_association)
rules.add_perm("cms.submit_activity", participates)
# Drafts and pending reports: their author and the association's staff only.
rules.add_perm("cms.preview_activity", is_author | is_page_staff)
# Staff choose who may read a report (members or everyone) and approve it.
rules.add_perm("cms.moderate_activity", is_association_staff)


def can_view_page(viewer, page) -> bool:
    """Any live page: activities follow their visibility, other page types are public once live."""
    if isinstance(page, ActivityPage):
        return page.is_visible_to(viewer)
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
