"""Poll pages (French paths, like the rest of the site)."""

from django.urls import path

from votes import views

app_name = "votes"

urlpatterns = [
    path("sondages/", views.poll_list, name="list"),
    path("sondages/nouveau/", views.poll_new, name="new"),
    path("sondages/<int:poll_id>/", views.poll_detail, name="detail"),
    path("sondages/<int:poll_id>/modifier/", views.poll_edit, name="edit"),
    path("sondages/<int:poll_id>/publier/", views.poll_publish, name="publish"),
    path("sondages/<int:poll_id>/voter/", views.poll_vote, name="vote"),
    path("sondages/<int:poll_id>/recus/", views.poll_receipts, name="receipts"),
    path("sondages/<int:poll_id>/decision/", views.poll_outcome, name="outcome"),
    path("sondages/<int:poll_id>/propositions/", views.poll_propose, name="propose"),
]
