"""Activity reports waiting in Wagtail's workflow, as the moderation queue shows them (see
moderation/approvals.py): the version under review, its photos and consent flags, in four queries.

Staff see the reports of their own section (the staff `notify_submitted` told); platform admins all.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, TaskState, WorkflowState

from associations.predicates import active_staff_memberships, is_platform_admin
from cms.models import ActivityPage, Theme, Visibility
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
    # The version under review (an edit in the admin makes a revision, not a change of the row), read from
    # the revision's stored content: building page objects from it costs queries per page.
    versions = {page.pk: _version(page, revisions.get(page.review_revision_id)) for page in pages}
    image_ids = {photo["image"] for version in versions.values() for photo in version["photos"]}
    images = get_image_model().objects.in_bulk(image_ids) if image_ids else {}
    return [_approval(page, versions[page.pk], images) for page in pages], total


def _version(page: ActivityPage, revision: Revision | None) -> dict:
    content = revision.content if revision is not None else {}
    body = content.get("body", "[]")
    try:
        blocks = json.loads(body) if isinstance(body, str) else list(body or [])
    except ValueError:
        blocks = []
    photos = [photo for photo in content.get("photos", []) if isinstance(photo, dict) and photo.get("image")]
    return {
        "title": content.get("title") or page.title,
        "date": content.get("date") or page.date.isoformat(),
        "theme": content.get("theme", page.theme),
        "participants": content.get("participants", page.participants),
        "visibility": content.get("visibility", page.visibility),
        "text": _text(blocks) or content.get("summary", page.summary),
        "photos": sorted(photos, key=lambda photo: (photo.get("sort_order") or 0, photo.get("pk") or 0)),
    }


def _text(blocks: list) -> str:
    parts = []
    for block in blocks:
        value = block.get("value") if isinstance(block, dict) else None
        if block.get("type") == "paragraph" and isinstance(value, str):
            parts.append(html_to_text(value))
        elif block.get("type") == "quote" and isinstance(value, dict):
            parts.append(str(value.get("text", "")))
    return "\n\n".join(part.strip() for part in parts if part.strip())


def _photo(page_id: int, photo: dict, image) -> ApprovalPhoto:
    width = min(THUMB_WIDTH, image.width or THUMB_WIDTH)
    return ApprovalPhoto(
        src=photo_url(page_id, image.pk, THUMB_WIDTH, "jpg"),
        width=width,
        height=max(1, round((image.height or width) * width / (image.width or width))),
        caption=photo.get("caption") or "",
        shows_people=bool(photo.get("shows_people", True)),
        consent_recorded=bool(photo.get("consent_recorded", False)),
    )


def _label(choices, value) -> str:
    return str(dict(choices).get(value, value or ""))


def _approval(page: ActivityPage, version: dict, images: dict) -> Approval:
    day = version["date"]
    details = [
        (str(_("date")), f"{day[8:10]}/{day[5:7]}/{day[:4]}" if len(day) == 10 else day),
        (str(_("theme")), _label(Theme.choices, version["theme"])),
    ]
    if version["participants"]:
        details.append((str(_("participants")), str(version["participants"])))
    details.append((str(_("visible to")), _label(Visibility.choices, version["visibility"])))
    photos = [_photo(page.pk, photo, images[photo["image"]]) for photo in version["photos"] if photo["image"] in images]
    return Approval(
        id=f"{LABEL}:{page.pk}",
        kind="activity",
        kind_label=str(_("Activity report")),
        title=version["title"],
        text=version["text"],
        author={"id": page.author_id, "name": page.author.public_name} if page.author else None,
        section=page.section.name if page.section_id else None,
        created_at=page.latest_revision_created_at,
        actions=[ACTIONS[APPROVE], ACTIONS[CHANGES], ACTIONS[REJECT]],
        url=reverse("cms:preview", args=[page.pk]),
        admin_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
        details=details,
        flags=[PERSONAL_INFO] if personal_info_found(f"{version['title']}\n{version['text']}") else [],
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
