from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from cms.views.serve import serve as serve_page
from config import health, views
from config.api.exceptions import json_not_found, json_server_error
from config.forms import BoundedLoginForm
from config.unavailable import unavailable_response

urlpatterns = [
    path("healthz/", health.healthz, name="healthz"),
    path("readyz/", health.readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include(("config.api.urls", "api"), namespace="api")),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", views.LoginView.as_view(authentication_form=BoundedLoginForm), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("", include("associations.urls")),
    path("", include("cms.urls")),
    path("", include("votes.urls")),
    path("", include("events.urls")),
    path("", include("moderation.urls")),
    path("", include("indicators.urls")),
]

if settings.BENCH_ENDPOINTS:
    urlpatterns.append(path("_bench/bare/", views.bare, name="bench-bare"))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page tree catches everything else, so it comes last; its page view goes through cms.routing
# first (same name, so reverse("wagtail_serve") is unchanged).
urlpatterns.append(re_path(serve_pattern, serve_page, name="wagtail_serve"))
urlpatterns.append(path("", include(wagtail_urls)))


handler400 = views.bad_request
handler403 = views.permission_denied


def handler404(request, exception=None):
    if request.path.startswith("/api/"):
        return json_not_found(request, exception)
    return views.page_not_found(request, exception)


def handler500(request):
    unavailable = unavailable_response(request)
    if unavailable is not None:
        return unavailable
    if request.path.startswith("/api/"):
        return json_server_error(request)
    return views.server_error(request)
