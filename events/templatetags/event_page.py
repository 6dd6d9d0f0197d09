"""`{% event_sections event %}`: the sections other apps add to an event page.

An app contributes one by an `event_page.py` module with `event_section(request, event) -> dict | None`,
shaped like a home section ({"id", "title", "template", "context"}) and filtered by what the viewer may
see. cms adds the activity reports written after the event this way, so events never imports cms.
"""

from django import template

from config.plugins import app_modules

register = template.Library()


@register.inclusion_tag("events/includes/event_sections.html", takes_context=True)
def event_sections(context, event) -> dict:
    request = context["request"]
    sections = [module.event_section(request, event) for module in app_modules("event_page")]
    return {"sections": [section for section in sections if section]}
