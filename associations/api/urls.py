from django.urls import path
from rest_framework.routers import SimpleRouter

from associations.api.me import MeView
from associations.api.views import AssociationViewSet, MemberViewSet, NotificationViewSet, SectionViewSet

router = SimpleRouter()
router.register("associations", AssociationViewSet, basename="association")
router.register("sections", SectionViewSet, basename="section")
router.register("members", MemberViewSet, basename="member")
router.register("notifications", NotificationViewSet, basename="notification")

urlpatterns = [path("me/", MeView.as_view(), name="me"), *router.urls]
