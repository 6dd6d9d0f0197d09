"""/api/v1/ endpoints of the cms app."""

from django.urls import path

from cms.api.views import ActivityCommentsView, ActivityDetailView, ActivityListView

urlpatterns: list = [
    path("activities/", ActivityListView.as_view(), name="activities"),
    path("activities/<int:pk>/", ActivityDetailView.as_view(), name="activity"),
    path("activities/<int:pk>/comments/", ActivityCommentsView.as_view(), name="activity-comments"),
]
