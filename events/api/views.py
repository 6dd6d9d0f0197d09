"""/api/v1/events/…: thin views over events.selectors and events.services."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from associations.models import User
from associations.presenters import member_name
from config.api.permissions import RulesPermission
from config.errors import DomainError
from config.parsing import parse_id
from events import selectors, services
from events.api.serializers import (
    CheckInResultSerializer,
    CheckInSerializer,
    EventCreateSerializer,
    EventPatchSerializer,
    EventSerializer,
    RegistrantSerializer,
    RegistrationSerializer,
)
from events.models import EventKind, EventStatus, Registration

ORGANISERS = Prefetch("organisers", queryset=User.objects.order_by("display_name", "pk"))


def _write_kwargs(data: dict) -> tuple[dict, dict]:
    extra = {key: data.pop(key) for key in ("audience_sections", "organisers") if key in data}
    return data, extra


class EventListView(APIView):
    """Events the caller may see (upcoming by default), and creating one (leaders and staff)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("section", str, description="section slug"),
            OpenApiParameter("kind", str, enum=EventKind.values),
            OpenApiParameter("past", bool),
            OpenApiParameter("page", int),
        ],
        responses=EventSerializer(many=True),
    )
    def get(self, request):
        kind = request.query_params.get("kind", "")
        if kind and kind not in EventKind.values:
            raise DomainError(_("Unknown kind of event."), code="invalid")
        # The API keeps every site by default (clients filter); "all" is accepted as on the page.
        section = request.query_params.get("section", "")[:50]
        section = "" if section == selectors.ALL_SECTIONS else section
        events = selectors.event_list(
            request.user,
            section=section,
            kind=kind,
            past=request.query_params.get("past") in {"1", "true"},
        ).prefetch_related(ORGANISERS, "audience_sections")
        paginator = PageNumberPagination()
        page = selectors.with_join_hints(request.user, paginator.paginate_queryset(events, request, view=self))
        return paginator.get_paginated_response(EventSerializer(page, many=True).data)

    @extend_schema(request=EventCreateSerializer, responses={201: EventSerializer})
    def post(self, request):
        serializer = EventCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, extra = _write_kwargs(dict(serializer.validated_data))
        association = data.pop("association", None)  # None: the service takes the one the caller acts for
        section, draft = data.pop("section", None), data.pop("draft", False)
        event = services.event_create(
            actor=request.user, association=association, section=section, data=data, draft=draft, **extra
        )
        return Response(
            EventSerializer(selectors.event_for_viewer(request.user, event.pk)).data, status=status.HTTP_201_CREATED
        )


class EventDetailView(APIView):
    permission_classes = [RulesPermission]
    object_permission = {"PATCH": "events.manage_event"}
    permission_denied_message = gettext_lazy("You may not change this event.")

    @extend_schema(responses=EventSerializer)
    def get(self, request, pk: int):
        return Response(EventSerializer(selectors.event_for_viewer(request.user, pk)).data)

    @extend_schema(request=EventPatchSerializer, responses=EventSerializer)
    def patch(self, request, pk: int):
        event = selectors.event_for_viewer(request.user, pk)
        self.check_object_permissions(request, event)
        serializer = EventPatchSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data, extra = _write_kwargs(dict(serializer.validated_data))
        new_status, reason = data.pop("status", None), data.pop("cancel_reason", "")
        if new_status == EventStatus.CANCELLED:
            services.event_cancel(actor=request.user, event_id=pk, reason=reason)
        else:
            submit = new_status == EventStatus.PUBLISHED
            if data or extra or submit:
                services.event_update(actor=request.user, event_id=pk, data=data, submit=submit, **extra)
            if submit and request.user.has_perm("events.publish_event", event):
                services.event_publish(actor=request.user, event_id=pk)
        return Response(EventSerializer(selectors.event_for_viewer(request.user, pk)).data)


def _registration_body(result) -> dict:
    registration = result.registration
    return {"status": registration.status, "position": result.position, "code": registration.code}


class RegistrationView(APIView):
    """The caller's own registration: read it, register (201, or 200 when already registered), cancel."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=RegistrationSerializer)
    def get(self, request, pk: int):
        selectors.require_event_visible(request.user, pk)
        registration = Registration.objects.filter(event_id=pk, member=request.user).first()
        if registration is None or not registration.is_active:
            raise DomainError(_("You are not registered for this event."), code="not_registered", status=404)
        position = services.waitlist_position(registration)
        return Response({"status": registration.status, "position": position, "code": registration.code})

    @extend_schema(request=None, responses={201: RegistrationSerializer, 200: RegistrationSerializer})
    def post(self, request, pk: int):
        selectors.require_event_visible(request.user, pk)
        result = services.registration_register(user=request.user, event_id=pk)
        return Response(_registration_body(result), status=201 if result.created else 200)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk: int):
        selectors.require_event_visible(request.user, pk)
        services.registration_cancel(user=request.user, event_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RegistrantsView(APIView):
    """Who registered (confirmed, then the waiting list in order): organisers and staff only."""

    permission_classes = [RulesPermission]
    object_permission = "events.manage_event"
    permission_denied_message = gettext_lazy("Only organisers and staff see the registrants.")

    @extend_schema(responses=RegistrantSerializer(many=True))
    def get(self, request, pk: int):
        event = selectors.event_for_viewer(request.user, pk)
        self.check_object_permissions(request, event)
        return Response(
            RegistrantSerializer(selectors.registrants(event), many=True, context={"request": request}).data
        )


class CheckInView(APIView):
    """Check a confirmed registrant in by member id or by code; idempotent."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=CheckInSerializer, responses={200: CheckInResultSerializer, 201: CheckInResultSerializer})
    def post(self, request, pk: int):
        selectors.require_event_visible(request.user, pk)
        serializer = CheckInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        registration, new = services.registration_check_in(
            actor=request.user,
            event_id=pk,
            user_id=serializer.validated_data.get("user"),
            code=serializer.validated_data.get("code"),
        )
        body = {
            "user": registration.member_id,
            "display_name": member_name(request.user, registration.member),
            "checked_in_at": registration.checked_in_at,
            "already": not new,
        }
        return Response(CheckInResultSerializer(body).data, status=201 if new else 200)

    @extend_schema(
        parameters=[OpenApiParameter("user", int, required=True, description="the member whose check-in is undone")],
        responses={204: None},
    )
    def delete(self, request, pk: int):
        """Undo a check-in ticked by mistake (audited)."""
        selectors.require_event_visible(request.user, pk)
        services.registration_check_in_undo(
            actor=request.user, event_id=pk, user_id=parse_id(request.query_params.get("user", ""))
        )
        return Response(status=204)
