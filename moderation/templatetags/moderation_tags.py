"""Template helpers for apps that show member content: `{% load moderation_tags %}`.

<a href="{% report_url comment %}?next={{ request.get_full_path|urlencode }}">{% translate "Report" %}</a>
"""

from django import template
from django.urls import reverse

from moderation.registry import item_label

register = template.Library()


@register.simple_tag
def report_url(item) -> str:
    """The report form of a moderated item ("" for anything else)."""
    if item is None or getattr(item, "pk", None) is None:
        return ""
    return reverse("moderation:report", args=[item_label(item)])
