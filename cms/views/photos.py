"""The only way pages fetch photos: visibility is checked on every request (see cms.photos)."""

import rules
from django.contrib.auth.models import AnonymousUser
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.models import ActivityPage, ActivityPhoto
from cms.photos import CONTENT_TYPES, WIDTHS, filter_spec
from cms.rules import photo_visible_to

PUBLIC_MAX_AGE = 7 * 24 * 3600
PRIVATE_MAX_AGE = 3600


def _body_consent(page, image_id: int) -> bool | None:
    """Consent flag of `image_id` in the page's body, or None if the body does not show it."""
    for block in getattr(page, "body", None) or []:
        if block.block_type == "image" and block.value["image"] and block.value["image"].pk == image_id:
            return bool(block.value.get("consent_recorded"))
    return None


def _may_be_public(page, image_id: int) -> bool | None:
    if isinstance(page, ActivityPage):
        photo = ActivityPhoto.objects.filter(page=page, image_id=image_id).first()
        if photo is not None:
            return photo.may_be_public
    return _body_consent(page, image_id)


@require_GET
def photo(request, page_id: int, image_id: int, width: int, fmt: str):
    if width not in WIDTHS or fmt not in CONTENT_TYPES:
        raise Http404
    page = Page.objects.filter(pk=page_id).specific().first()
    if page is None:
        raise Http404
    if not page.live and isinstance(page, ActivityPage) and rules.has_perm("cms.preview_activity", request.user, page):
        # The author's and staff's preview of a pending report: the draft decides which photos exist.
        page = page.get_latest_revision_as_object()
        may_be_public = _may_be_public_draft(page, image_id)
        allowed = may_be_public is not None
    else:
        may_be_public = _may_be_public(page, image_id)
        allowed = may_be_public is not None and photo_visible_to(request.user, page, may_be_public=may_be_public)
    if not allowed:
        raise Http404
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        raise Http404
    rendition = image.get_rendition(filter_spec(width, fmt))
    response = FileResponse(rendition.file.open("rb"), content_type=CONTENT_TYPES[fmt])
    anyone = page.live and photo_visible_to(AnonymousUser(), page, may_be_public=bool(may_be_public))
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}" if anyone else f"private, max-age={PRIVATE_MAX_AGE}"
    response["Vary"] = "Cookie"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _may_be_public_draft(draft, image_id: int) -> bool | None:
    for photo in draft.photos.all():
        if photo.image_id == image_id:
            return photo.may_be_public
    return _body_consent(draft, image_id)
