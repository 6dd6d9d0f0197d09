"""Template helpers for apps that show member content: `{% load moderation_tags %}`.

`{% report_link item %}` beside any item of a registered type: a "Report" link for the members who may
report it (`moderation.report_item`), nothing for anyone else. The form sends the member back to the item.
"""

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from moderation.registry import item_label

register = template.Library()


@register.simple_tag
def report_url(item) -> str:
    """The report form of a moderated item ("" for anything else)."""
    if item is None or getattr(item, "pk", None) is None:
        return ""
    return reverse("moderation:report", args=[item_label(item)])


@register.inclusion_tag("moderation/includes/report_link.html", takes_context=True)
def report_link(context, item) -> dict:
    """The link, with the way back to this page at the item's anchor; empty when it may not be reported."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.has_perm("moderation.report_item", item):
        return {"url": ""}
    back = f"{request.path}#{item.moderation_anchor}"
    return {"url": f"{report_url(item)}?{urlencode({'next': back})}"}
