"""The home page's "latest activities" section, filtered by what the viewer may read."""

import rules
from django.core.cache import cache
from django.utils.translation import gettext as _

from associations.selectors import primary_membership
from cms.models import ActivityIndexPage
from cms.selectors import awaiting_approval, home_activities

INDEX_URL_KEY = "cms:activity-index-url"


def activity_index_url() -> str:
    """URL of the first activity index, cached (the header shows it on every page)."""
    url = cache.get(INDEX_URL_KEY)
    if url is None:
        index = ActivityIndexPage.objects.live().order_by("path").first()
        url = index.url if index else ""
        cache.set(INDEX_URL_KEY, url, 300)
    return url


def home_section(request) -> dict | None:
    membership = primary_membership(request.user)
    return {
        "title": _("Latest activities"),
        "template": "cms/includes/home_activities.html",
        "context": {
            "activities": home_activities(request.user),
            "awaiting": awaiting_approval(request.user),
            "index_url": activity_index_url(),
            "can_submit": membership is not None
            and rules.has_perm("cms.submit_activity", request.user, membership.association),
        },
    }
