"""/api/v1/ endpoints of indicators: the report and pathway records."""

from django.urls import path

from indicators.api import views

urlpatterns = [
    path("indicators/", views.IndicatorsView.as_view(), name="indicators"),
    path("pathways/", views.PathwayListView.as_view(), name="pathways"),
    path("pathways/<int:pk>/", views.PathwayDetailView.as_view(), name="pathway"),
]
