"""HTML pages of the members side."""

from django.urls import include, path

urlpatterns: list = [
    path("", include("associations.onboarding_urls")),
]
