"""Wagtail's site lookup and page routing without walking the tree on every request.

Wagtail finds the site with one query per request (also on pages that are not Wagtail pages: the header
names the site) and routes `/imaj-mali/activites/x/` with one query per tree level, then two for view
restrictions. Here (profiles: bench/results/profile-activity-page-youth-before.txt):

- the sites are read once into the cache (invalidated when a site is saved or deleted);
- a path that Wagtail routed once to a page is remembered as (model, id); the next request loads that page
  in one query and checks it still answers that path (same url_path, live), else Wagtail routes as usual —
  so a moved, renamed, unpublished or deleted page never needs an invalidation;
- view restrictions are asked only when some page has one (cms.models.pages.CachedViewRestrictions).
"""

from django.apps import apps
from django.core.cache import cache
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

SITES_KEY = "cms:sites"
RESTRICTED_KEY = "cms:restricted-pages"
ROUTE_KEY = "cms:route:{site}:{path}"
ROUTE_SECONDS = 3600
SITE_FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")


def _site_rows() -> list[dict]:
    rows = cache.get(SITES_KEY)
    if rows is None:
        rows = list(Site.objects.values(*SITE_FIELDS))
        cache.set(SITES_KEY, rows, ROUTE_SECONDS)
    return rows


def _choose(rows: list[dict], hostname: str, port: int) -> dict | None:
    """Wagtail's choice (wagtail.models.sites.get_site_for_hostname) over rows already in memory."""
    exact = [r for r in rows if r["hostname"] == hostname and r["port"] == port]
    if exact:
        return exact[0]
    default_same_host = [r for r in rows if r["hostname"] == hostname and r["is_default_site"]]
    if default_same_host:
        return default_same_host[0]
    same_host = [r for r in rows if r["hostname"] == hostname]
    if len(same_host) == 1:
        return same_host[0]
    defaults = [r for r in rows if r["is_default_site"]]
    return defaults[0] if defaults else None


def site_for_request(request) -> Site | None:
    """The request's Wagtail site, set where Wagtail looks for it (`request._wagtail_site`)."""
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        row = _choose(_site_rows(), hostname, int(request.get_port()))
        request._wagtail_site = Site(**row) if row else None
    return request._wagtail_site


def forget_sites(**kwargs) -> None:
    cache.delete(SITES_KEY)


def restricted_page_ids() -> list[int]:
    ids = cache.get(RESTRICTED_KEY)
    if ids is None:
        ids = list(PageViewRestriction.objects.values_list("page_id", flat=True))
        cache.set(RESTRICTED_KEY, ids, ROUTE_SECONDS)
    return ids


def forget_restrictions(**kwargs) -> None:
    cache.delete(RESTRICTED_KEY)


def _plainly_routed(page: Page) -> bool:
    """A page whose class routes like Wagtail's Page (no sub-routes): its path alone names it."""
    return type(page).route is Page.route


def route(request, path: str) -> None:
    """Route `path` into `request._wagtail_route_for_request` (where Wagtail's serve view reads it)."""
    site = site_for_request(request)
    if site is None or hasattr(request, "_wagtail_route_for_request"):
        return
    components = [c for c in path.split("/") if c]
    key = ROUTE_KEY.format(site=site.pk, path="/".join(components))
    known = cache.get(key)
    if known is not None:
        label, page_id, url_path = known
        model = apps.get_model(label)
        page = model.objects.filter(pk=page_id, url_path=url_path, live=True).first()
        if page is not None and _plainly_routed(page):
            request._wagtail_route_for_request = RouteResult(page)
            return
    result = Page.route_for_request(request, path)
    if result is None:
        return
    page, args, kwargs = result
    if not args and not kwargs and _plainly_routed(page):
        cache.set(key, (page._meta.label, page.pk, page.url_path), ROUTE_SECONDS)


class CachedViewRestrictions:
    """Page mixin: Wagtail asks every served page for the view restrictions of it and its ancestors (two
    queries); most sites have none at all, which the cached list of restricted pages says for free."""

    def get_view_restrictions(self):
        if not restricted_page_ids():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
