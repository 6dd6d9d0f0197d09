from django.urls import path

from indicators import views

app_name = "indicators"

urlpatterns = [
    path("indicateurs/", views.indicators_page, name="page"),
    path("indicateurs/<slug:key>.csv", views.indicators_csv, name="csv"),
    path("parcours/", views.pathway_page, name="pathways"),
    path("mon-espace/parcours/", views.my_pathway, name="my-pathway"),
]
