"""Wagtail's page view, with the site and the route found through cms.routing first (one query for the
page instead of one per tree level)."""

from wagtail import views as wagtail_views

from cms.routing import route


def serve(request, path):
    route(request, path)
    return wagtail_views.serve(request, path)
