"""`{% member_name user %}`: a member's name as the person viewing the page may see it."""

from django import template

from associations.presenters import member_name as name_for

register = template.Library()


@register.simple_tag(takes_context=True)
def member_name(context, user) -> str:
    request = context.get("request")
    viewer = getattr(request, "user", None) if request is not None else context.get("user")
    return name_for(viewer, user)
