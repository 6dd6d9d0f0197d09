"""Associations, sections, members and notifications under /api/v1/ (same rules as the pages)."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from associations.api.serializers import (
    AssociationSerializer,
    MarkedReadSerializer,
    MemberSerializer,
    NotificationSerializer,
    SectionSerializer,
)
from associations.directory import AGE_BANDS, DirectoryQuery, search
from associations.models import Association, Membership, Notification, Section
from associations.selectors import inbox
from associations.services.notifications import notification_mark_read


class AssociationViewSet(viewsets.ReadOnlyModelViewSet):
    """Associations hosted on this installation (names only: public)."""

    queryset = Association.objects.all()
    serializer_class = AssociationSerializer
    permission_classes = [AllowAny]


class SectionViewSet(viewsets.ReadOnlyModelViewSet):
    """Sites of the associations (public names)."""

    queryset = Section.objects.select_related("association").order_by("association__name", "name")
    serializer_class = SectionSerializer
    permission_classes = [AllowAny]
    filterset_fields = ["association"]


@extend_schema(
    parameters=[
        OpenApiParameter("q", str, description="name (username too, for staff of the member's site)"),
        OpenApiParameter("section", str, description="leaders and staff: one site (id); default every site"),
        OpenApiParameter("role", str, enum=["youth", "leader", "staff"], description="leaders and staff"),
        OpenApiParameter("age", str, enum=list(AGE_BANDS), description="staff, within their own site"),
        OpenApiParameter("status", str, enum=["active", "suspended"], description="staff, within their own site"),
    ]
)
class MemberViewSet(viewsets.ReadOnlyModelViewSet):
    """Members the caller may see: their own association only; fields depend on the caller's role."""

    queryset = Membership.objects.none()  # the real one is per caller, see get_queryset
    serializer_class = MemberSerializer
    permission_classes = [IsAuthenticated]
    filter_backends: list = []
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        # The same search as the page; the API lists every site unless one is asked (the page: the viewer's).
        params = self.request.query_params if self.action == "list" else {}
        query = DirectoryQuery.from_params(self.request.user, params, default_own_site=False)
        return search(self.request.user, query)

    def get_object(self):
        try:
            return self.get_queryset().get(pk=int(self.kwargs["pk"]))
        except Membership.DoesNotExist as exc:
            raise Http404 from exc


class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The caller's own inbox."""

    queryset = Notification.objects.none()  # the real one is per caller, see get_queryset
    serializer_class = NotificationSerializer
    permission_classes = [IsAuthenticated]
    filter_backends: list = []
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return inbox(self.request.user)

    @extend_schema(request=None, responses=MarkedReadSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        marked = notification_mark_read(user=request.user, notification_id=int(pk))
        if not marked and not inbox(request.user).filter(pk=int(pk)).exists():
            raise Http404
        return Response({"marked": marked})

    @extend_schema(request=None, responses=MarkedReadSerializer)
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked": notification_mark_read(user=request.user)})
