"""Everything under /api/v1/: one include per app, plus the schema, docs and token endpoint."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from associations.api.auth import ObtainTokenView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("auth/token/", ObtainTokenView.as_view(), name="token"),
    path("", include("associations.api.urls")),
    path("", include("cms.api_urls")),
    path("", include("votes.api_urls")),
    path("", include("events.api_urls")),
    path("", include("moderation.api_urls")),
    path("", include("indicators.api_urls")),
]
