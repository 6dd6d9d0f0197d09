"""Activity reports told by members: submit, rework after staff asked for changes.

The front-end form and the API call the same functions. A report is an unpublished ActivityPage owned by
its author; its revision enters the association's Wagtail workflow unless the author may publish directly
(staff; leaders when the association does not hold leaders' content; see moderation.services).
"""

import uuid
from dataclasses import dataclass, field
from datetime import date

import rules
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import WorkflowState
from wagtail.rich_text import RichText

from associations.audit import audit
from associations.models import Association, Membership, Section, User
from cms.images import CleanPhoto
from cms.models import ActivityPage, ActivityPhoto, Theme, Visibility
from cms.notices import notify_submitted
from cms.sanitize import html_to_text, text_to_html
from cms.selectors import submission_state
from cms.services.workflow import ensure_association_pages, ensure_collection, ensure_workflow
from config.errors import DomainError, Forbidden
from events.models import Event
from moderation.content import ModerationStatus
from moderation.services import initial_status

MAX_PHOTOS = 6
MAX_TITLE = 120
MAX_TEXT = 10_000


@dataclass
class ActivityInput:
    """What a member tells about an activity (already type-checked by a form or serializer)."""

    title: str
    date: date
    section: Section
    theme: str
    text: str
    participants: int | None = None
    event_id: int | None = None
    visibility: str = Visibility.MEMBERS
    captions: dict[int, str] = field(default_factory=dict)  # existing photo id -> caption (edits)


def _check(*, author: User, association: Association, data: ActivityInput, photo_count: int) -> None:
    if not rules.has_perm("cms.submit_activity", author, association):
        raise Forbidden(_("You cannot post activity reports for this association."), code="not_member")
    if data.section.association_id != association.pk:
        raise DomainError(_("Choose a section of the association."), code="section")
    if not data.title.strip() or len(data.title) > MAX_TITLE:
        raise DomainError(_("Give a title of at most 120 characters."), code="title")
    if data.theme not in Theme.values:
        raise DomainError(_("Choose a theme."), code="theme")
    if not data.text.strip() or len(data.text) > MAX_TEXT:
        raise DomainError(_("Tell what happened (at most 10,000 characters)."), code="text")
    if data.date > date.today():
        raise DomainError(_("The activity cannot be in the future."), code="date")
    if photo_count > MAX_PHOTOS:
        raise DomainError(_("At most 6 photos per activity."), code="photos")
    if data.event_id is not None and not Event.objects.filter(pk=data.event_id, association=association).exists():
        raise DomainError(_("This event is not one of the association's."), code="event")


def _summary(text: str) -> str:
    plain = " ".join(html_to_text(text_to_html(text)).split())
    return plain if len(plain) <= 280 else plain[:279].rsplit(" ", 1)[0] + "…"


def _apply(page: ActivityPage, *, author: User, association: Association, data: ActivityInput) -> None:
    page.title = data.title.strip()
    page.draft_title = page.title
    page.date, page.section, page.association = data.date, data.section, association
    page.theme, page.participants, page.event_id = data.theme, data.participants, data.event_id
    page.summary = _summary(data.text)
    page.body = [("paragraph", RichText(text_to_html(data.text)))]
    # Only staff decide that a report is public; members' reports stay inside the association.
    page.visibility = (
        data.visibility if rules.has_perm("cms.moderate_activity", author, association) else Visibility.MEMBERS
    )


def _photos(photos: list[CleanPhoto], *, author: User, association: Association, start: int) -> list[ActivityPhoto]:
    collection = ensure_collection(association)
    items = []
    for number, photo in enumerate(photos, start=start):
        image = get_image_model()(
            title=(photo.caption or "photo")[:255], file=photo.content, collection=collection, uploaded_by_user=author
        )
        image._ton_clean = True  # already re-encoded: the pre-save hook must not do it twice
        image.file_size = photo.content.size
        image.save()
        items.append(ActivityPhoto(image=image, caption=photo.caption[:200], sort_order=number))
    return items


def _submit_revision(page: ActivityPage, *, author: User, association: Association, text: str) -> str:
    """Publish directly or enter the workflow; returns the moderation status."""
    revision = page.save_revision(user=author, log_action=True)
    status, _flags = initial_status(author=author, association=association, text=f"{page.title}\n{text}")
    if status == ModerationStatus.PUBLISHED:
        revision.publish(user=author, skip_permission_checks=True)
        return status
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=author)
    else:
        if state is not None:
            state.cancel(user=author)
        ensure_workflow(association).start(page, author)
    staff = Membership.objects.staff_of(association, page.section).select_related("user")
    notify_submitted(page, [membership.user for membership in staff])
    return status


@transaction.atomic
def activity_submit(
    *, author: User, association: Association, data: ActivityInput, photos: list[CleanPhoto]
) -> ActivityPage:
    """Create the report as an unpublished page owned by `author` and submit it."""
    _check(author=author, association=association, data=data, photo_count=len(photos))
    _page, index = ensure_association_pages(association)
    slug = f"{slugify(data.title)[:50].strip('-') or 'activite'}-{uuid.uuid4().hex[:6]}"
    page = ActivityPage(slug=slug, live=False, owner=author, author=author)
    _apply(page, author=author, association=association, data=data)
    page.photos = _photos(photos, author=author, association=association, start=0)
    index.add_child(instance=page)
    status = _submit_revision(page, author=author, association=association, text=data.text)
    audit(page, "ton.activity.submit", user=author, status=status, photos=len(photos))
    return ActivityPage.objects.get(pk=page.pk)


@transaction.atomic
def activity_resubmit(
    *, author: User, page: ActivityPage, data: ActivityInput, photos: list[CleanPhoto], remove: set[int] = frozenset()
) -> ActivityPage:
    """Rework a report staff sent back (or that was withdrawn) and submit it again."""
    page = ActivityPage.objects.select_for_update().get(pk=page.pk)
    if page.author_id != author.pk or submission_state(page) != "changes":
        raise Forbidden(_("This report cannot be changed now."), code="not_editable")
    association = page.association
    draft = page.get_latest_revision_as_object()
    kept = [photo for photo in draft.photos.all() if photo.pk not in remove]
    _check(author=author, association=association, data=data, photo_count=len(kept) + len(photos))
    for photo in kept:
        if photo.pk in data.captions:
            photo.caption = data.captions[photo.pk][:200]
    _apply(draft, author=author, association=association, data=data)
    draft.photos = kept + _photos(photos, author=author, association=association, start=len(kept))
    draft.save()
    _submit_revision(draft, author=author, association=association, text=data.text)
    audit(draft, "ton.activity.resubmit", user=author, photos=len(kept) + len(photos))
    return ActivityPage.objects.get(pk=page.pk)
