"""Project-wide views: the bench baseline, the login pages and the error pages in the site's layout."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import FileResponse, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template import loader
from django.views import defaults
from django.views import i18n as i18n_views
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from associations.services.profile import language_set

FAVICON = Path(settings.BASE_DIR) / "static" / "favicon.ico"


def bare(request):
    """The baseline every benchmark is a ratio of: Django's full middleware stack and nothing else."""
    return HttpResponse("ok", content_type="text/plain")


class _SiteNameFromContext:
    """Django's auth views put the request's host in `site_name`; the header shows the association's name
    from the context processor instead."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.pop("site_name", None)
        context.pop("site", None)
        return context


class LoginView(_SiteNameFromContext, auth_views.LoginView):
    redirect_authenticated_user = True


class LogoutView(_SiteNameFromContext, auth_views.LogoutView):
    pass


@csrf_exempt
def set_language(request):
    """The header's language button: Django's view sets the cookie; a member's profile keeps the choice too,
    so "Mon espace" shows it and their notifications come in it.

    A visitor's pages are cached and shared (config/pagecache.py), so their language form carries no CSRF
    token: for a visitor the switch only sets a cookie, and a forged one changes nothing but the language.
    A member's switch also writes their profile: it keeps Django's CSRF check."""
    if request.user.is_authenticated:
        return _member_set_language(request)
    return i18n_views.set_language(request)


@csrf_protect
def _member_set_language(request):
    response = i18n_views.set_language(request)
    chosen = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen is not None and request.user.is_authenticated:
        language_set(request.user, chosen.value)
    return response


@cache_control(public=True, max_age=60 * 60 * 24 * 30)
def favicon(request):
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")


def _error_page(request, template: str, status: int, reason: str = ""):
    return render(request, template, {"reason": reason}, status=status)


def bad_request(request, exception=None):
    # Rendered without the request: a 400 is often a bad Host header, which the header's lookups would
    # raise again.
    return HttpResponseBadRequest(loader.render_to_string("400.html"))


def permission_denied(request, exception=None):
    """403 in the site's layout, with the refusal's own words when the code gave some (a suspended
    member also reads their suspension in the banner of every page)."""
    reason = str(exception) if exception is not None and exception.args else ""
    return _error_page(request, "403.html", 403, reason)


def page_not_found(request, exception=None):
    return _error_page(request, "404.html", 404)


def server_error(request):
    # No context processors here: the page must render even when the database is what failed.
    return defaults.server_error(request)
