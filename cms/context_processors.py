from django.conf import settings

from cms.routing import site_for_request


def site_header(request):
    """Name shown in every page header: the Wagtail site's name (the association), from the cached sites
    rather than one query per request."""
    site = site_for_request(request)
    name = site.site_name if site is not None and site.site_name else settings.WAGTAIL_SITE_NAME
    return {"site_name": name}
