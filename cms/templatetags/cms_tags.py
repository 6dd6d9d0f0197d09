from django import template

from cms.membership import is_member
from cms.photos import photo_sources

register = template.Library()


@register.simple_tag(takes_context=True)
def body_photo(context, value):
    """Sources of an image placed in a page's body, through the checked photo URL of that page;
    None when the viewer may not see it (no recorded consent and not a member of the association)."""
    page = context.get("page")
    image = value.get("image") if value else None
    if page is None or image is None:
        return None
    if not value.get("consent_recorded"):
        request = context.get("request")
        association_id = getattr(page, "association_id", None)
        if request is None or association_id is None or not is_member(request.user, association_id):
            return None
    return photo_sources(page.pk, image)
