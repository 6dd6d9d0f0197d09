"""Short addresses people type or were told ("/activites/") that lead to the real page."""

from django.http import Http404
from django.shortcuts import redirect
from wagtail.models import Site

from cms.models import ActivityIndexPage


def activities(request):
    """The activity list of this site's association (the first one in the tree if it has several)."""
    site = Site.find_for_request(request)
    pages = ActivityIndexPage.objects.live()
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    index = pages.order_by("path").first()
    if index is None:
        raise Http404
    return redirect(index.get_url(request=request))
