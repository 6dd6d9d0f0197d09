"""HTML pages of events (French paths)."""

from django.urls import path

from events import views, views_manage

app_name = "events"

urlpatterns = [
    path("evenements/", views.event_list, name="list"),
    path("evenements/nouveau/", views_manage.event_create, name="create"),
    path("evenements/agenda/", views.my_calendar, name="my_calendar"),
    path("evenements/agenda/nouveau-lien/", views.my_calendar_regenerate, name="my_calendar_regenerate"),
    path("evenements/agenda/<str:token>.ics", views.calendar_feed, name="feed"),
    path("evenements/<int:pk>/", views.event_detail, name="detail"),
    path("evenements/<int:pk>/calendar.ics", views.event_ics, name="ics"),
    path("evenements/<int:pk>/inscription/", views.event_register, name="register"),
    path("evenements/<int:pk>/desinscription/", views.event_unregister, name="unregister"),
    path("evenements/<int:pk>/modifier/", views_manage.event_edit, name="edit"),
    path("evenements/<int:pk>/publier/", views_manage.event_publish, name="publish"),
    path("evenements/<int:pk>/annuler/", views_manage.event_cancel, name="cancel"),
    path("evenements/<int:pk>/inscrits/", views_manage.registrants, name="registrants"),
    path("evenements/<int:pk>/pointage/", views_manage.check_in, name="check_in"),
    path("evenements/<int:pk>/compte-rendu/", views_manage.activity_report, name="report"),
]
