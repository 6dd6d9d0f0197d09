"""Activity reports waiting in Wagtail's workflow, as the moderation queue shows them (see
moderation/approvals.py): the version under review, its photos and consent flags, in four queries.

Staff see the reports of their own section (the staff `notify_submitted` told); platform admins all.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, TaskState, WorkflowState

from associations.predicates import active_staff_memberships, is_platform_admin
from cms.models import ActivityPage
from cms.photos import photo_url
from cms.sanitize import html_to_text
from cms.services.review import APPROVE, CHANGES, REJECT, activity_review
from moderation.approvals import ACTIONS, Approval, ApprovalPhoto, ApprovalSource
from moderation.detect import PERSONAL_INFO, personal_info_found

LABEL = "cms.activitypage"
THUMB_WIDTH = 320


def _scope(viewer) -> Q | None:
    if is_platform_admin(viewer):
        return Q()
    scope = None
    for membership in active_staff_memberships(viewer):
        own = Q(association_id=membership.association_id, section_id=membership.section_id)
        scope = own if scope is None else scope | own
    return scope


def _in_review(viewer) -> QuerySet[ActivityPage]:
    """Reports with a workflow in progress (not those sent back for changes), in the viewer's scope."""
    scope = _scope(viewer)
    if scope is None:
        return ActivityPage.objects.none()
    page_type = ContentType.objects.get_for_model(Page)
    current = TaskState.objects.filter(
        workflow_state__base_content_type=page_type,
        workflow_state__object_id=Cast(OuterRef("pk"), CharField()),
        workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
        status=TaskState.STATUS_IN_PROGRESS,
    )
    return (
        ActivityPage.objects.filter(scope)
        .filter(Exists(current))
        .annotate(review_revision_id=Subquery(current.order_by("-started_at", "-pk").values("revision_id")[:1]))
    )


def count(viewer) -> int:
    return _in_review(viewer).count()


def pending(viewer, limit: int) -> tuple[list[Approval], int]:
    found = _in_review(viewer)
    total = found.count()
    if not total:
        return [], 0
    pages = list(found.select_related("section", "author").order_by("latest_revision_created_at", "pk")[:limit])
    revisions = Revision.objects.in_bulk([page.review_revision_id for page in pages if page.review_revision_id])
    drafts = {}
    for page in pages:
        revision = revisions.get(page.review_revision_id)
        # The version under review (an edit in the admin makes a revision, not a change of the row).
        drafts[page.pk] = page.with_content_json(revision.content) if revision else page
    image_ids = {photo.image_id for draft in drafts.values() for photo in draft.photos.all()}
    images = get_image_model().objects.in_bulk(image_ids) if image_ids else {}
    return [_approval(page, drafts[page.pk], images) for page in pages], total


def _text(draft: ActivityPage) -> str:
    parts = []
    for block in draft.body or []:
        if block.block_type == "paragraph":
            parts.append(html_to_text(block.value.source))
        elif block.block_type == "quote":
            parts.append(block.value.get("text", ""))
    return "\n\n".join(part.strip() for part in parts if part.strip()) or draft.summary


def _approval(page: ActivityPage, draft: ActivityPage, images: dict) -> Approval:
    text = _text(draft)
    photos = []
    for photo in sorted(draft.photos.all(), key=lambda p: (p.sort_order or 0, p.pk or 0)):
        image = images.get(photo.image_id)
        if image is None:
            continue
        width = min(THUMB_WIDTH, image.width or THUMB_WIDTH)
        height = max(1, round((image.height or width) * width / (image.width or width)))
        photos.append(
            ApprovalPhoto(
                src=photo_url(page.pk, image.pk, THUMB_WIDTH, "jpg"),
                width=width,
                height=height,
                caption=photo.caption,
                shows_people=photo.shows_people,
                consent_recorded=photo.consent_recorded,
            )
        )
    details = [(str(_("date")), draft.date.strftime("%d/%m/%Y")), (str(_("theme")), str(draft.get_theme_display()))]
    if draft.participants:
        details.append((str(_("participants")), str(draft.participants)))
    details.append((str(_("visible to")), str(draft.get_visibility_display())))
    return Approval(
        id=f"{LABEL}:{page.pk}",
        kind="activity",
        kind_label=str(_("Activity report")),
        title=draft.title,
        text=text,
        author={"id": page.author_id, "name": page.author.public_name} if page.author else None,
        section=page.section.name if page.section_id else None,
        created_at=page.latest_revision_created_at,
        actions=[ACTIONS[APPROVE], ACTIONS[CHANGES], ACTIONS[REJECT]],
        url=reverse("cms:preview", args=[page.pk]),
        admin_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
        details=details,
        flags=[PERSONAL_INFO] if personal_info_found(f"{draft.title}\n{text}") else [],
        photos=photos,
    )


MESSAGES = {
    APPROVE: _("The report is published."),
    CHANGES: _("The author was asked for changes."),
    REJECT: _("The report was rejected."),
}


def decide(*, actor, pk: int, action: str, comment: str = "") -> str:
    activity_review(actor=actor, page_id=pk, action=action, comment=comment)
    return str(MESSAGES[action])


APPROVALS = [
    ApprovalSource(
        label=LABEL,
        heading=_("Activity reports to approve"),
        pending=pending,
        count=count,
        decide=decide,
        actions=(APPROVE, CHANGES, REJECT),
        more_url="/admin/",
    )
]
