"""HTML pages of events (French paths)."""

from django.urls import path

from events.views import manage, public, registrants

app_name = "events"

urlpatterns = [
    path("evenements/", public.event_list, name="list"),
    path("evenements/nouveau/", manage.event_create, name="create"),
    path("evenements/agenda/", public.my_calendar, name="my_calendar"),
    path("evenements/agenda/nouveau-lien/", public.my_calendar_regenerate, name="my_calendar_regenerate"),
    path("evenements/agenda/<str:token>.ics", public.calendar_feed, name="feed"),
    path("evenements/<int:pk>/", public.event_detail, name="detail"),
    path("evenements/<int:pk>/calendar.ics", public.event_ics, name="ics"),
    path("evenements/<int:pk>/inscription/", public.event_register, name="register"),
    path("evenements/<int:pk>/desinscription/", public.event_unregister, name="unregister"),
    path("evenements/<int:pk>/modifier/", manage.event_edit, name="edit"),
    path("evenements/<int:pk>/publier/", manage.event_publish, name="publish"),
    path("evenements/<int:pk>/annuler/", manage.event_cancel, name="cancel"),
    path("evenements/<int:pk>/inscrits/", manage.registrants, name="registrants"),
    path("evenements/<int:pk>/pointage/", manage.check_in, name="check_in"),
    path("evenements/<int:pk>/pointage/annuler/", registrants.check_in_undo, name="check_in_undo"),
    path("evenements/<int:pk>/inscrits.csv", registrants.registrants_export, name="registrants_csv"),
    path("evenements/<int:pk>/inscrits/imprimer/", registrants.registrants_print, name="registrants_print"),
    path("evenements/<int:pk>/compte-rendu/", manage.activity_report, name="report"),
]
