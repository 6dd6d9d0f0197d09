from django.conf import settings
from wagtail.models import Site


def site_header(request):
    """Name shown in every page header: the Wagtail site's name (the association)."""
    site = Site.find_for_request(request) if request is not None else None
    name = site.site_name if site is not None and site.site_name else settings.WAGTAIL_SITE_NAME
    return {"site_name": name}
