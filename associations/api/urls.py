from django.urls import path

from associations.api.me import MeView

urlpatterns = [path("me/", MeView.as_view(), name="me")]
