"""/api/v1/ endpoints of events."""

from django.urls import path

from events.api import views

urlpatterns = [
    path("events/", views.EventListView.as_view(), name="events"),
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="event"),
    path("events/<int:pk>/registration/", views.RegistrationView.as_view(), name="event-registration"),
    path("events/<int:pk>/registrations/", views.RegistrantsView.as_view(), name="event-registrations"),
    path("events/<int:pk>/checkin/", views.CheckInView.as_view(), name="event-checkin"),
]
