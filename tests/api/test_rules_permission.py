"""`config.api.permissions.RulesPermission`: the API asks the same `rules` permission as the page, so both
refuse the same people with the same answer (403 refused, 404 not revealed)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from associations.models import Membership, MembershipStatus, Role
from config.api.permissions import RulesPermission
from events.models import Event, EventStatus
from tests.factories import member_of

pytestmark = pytest.mark.django_db


class QueueCount(APIView):
    permission_classes = [RulesPermission]
    permission_required = "moderation.view_queue"
    permission_denied_message = "staff only"

    def get(self, request):
        return Response({"ok": True})


class EventDoor(APIView):
    """Hidden from those who may not see the event; refused to those who may see but not manage it."""

    permission_classes = [RulesPermission]
    visibility_permission = "events.view_event"
    object_permission = {"PATCH": "events.manage_event"}
    event = None

    def get(self, request):
        self.check_object_permissions(request, self.event)
        return Response({"ok": True})

    def patch(self, request):
        self.check_object_permissions(request, self.event)
        return Response({"ok": True})


def call(view_class, method: str, user, **attrs):
    request = getattr(APIRequestFactory(), method)("/x/", format="json")
    if user is not None:
        force_authenticate(request, user=user)
    response = view_class.as_view(**attrs)(request)
    response.render()
    return response


def test_view_level_permission(staff, youth, admin):
    assert call(QueueCount, "get", staff).status_code == 200
    assert call(QueueCount, "get", admin).status_code == 200
    refused = call(QueueCount, "get", youth)
    assert refused.status_code == 403
    assert refused.data["error"] == {"status": 403, "code": "permission_denied", "message": "staff only"}


def test_visitors_must_log_in():
    response = call(QueueCount, "get", None)
    assert response.status_code in {401, 403}
    assert response.data["error"]["code"] == "not_authenticated"


@pytest.fixture
def draft_event(association, bamako, leader):
    now = timezone.now()
    event = Event.objects.create(
        association=association,
        section=bamako,
        title="Atelier",
        kind="workshop",
        starts_at=now + timedelta(days=2),
        ends_at=now + timedelta(days=2, hours=2),
        status=EventStatus.PUBLISHED,
        created_by=leader,
    )
    event.organisers.set([leader])
    return event


@pytest.mark.parametrize(
    ("role", "get", "patch"),
    [
        ("youth", 200, 403),
        ("leader", 200, 200),
        ("staff", 200, 200),
        ("kita_staff", 200, 403),
        ("foreign_staff", 404, 404),
        ("admin", 200, 200),
    ],
)
def test_object_permission_hides_then_refuses(request, draft_event, role, get, patch):
    user = request.getfixturevalue(role)
    assert call(EventDoor, "get", user, event=draft_event).status_code == get
    assert call(EventDoor, "patch", user, event=draft_event).status_code == patch


def _suspended_staff(bamako, *, ended: bool):
    user = member_of(bamako, Role.STAFF)
    until = timezone.now() + (timedelta(minutes=-1) if ended else timedelta(days=2))
    Membership.objects.filter(user=user).update(status=MembershipStatus.SUSPENDED, suspended_until=until)
    return user


ROLES = ["youth", "leader", "staff", "kita_staff", "foreign_staff", "admin", "suspended", "suspension_ended"]


@pytest.fixture
def person(request, bamako):
    def get(role):
        if role == "suspended":
            return _suspended_staff(bamako, ended=False)
        if role == "suspension_ended":
            return _suspended_staff(bamako, ended=True)
        return request.getfixturevalue(role)

    return get


def _status(client, user, url: str) -> int:
    client.force_login(user)
    return client.get(url).status_code


@pytest.mark.parametrize("role", ROLES)
def test_moderation_queue_page_and_api_agree(client, api_client, person, site_tree, role):
    user = person(role)
    page = _status(client, user, "/moderation/")
    api = _status(api_client, user, "/api/v1/moderation/items/")
    expected = 403 if role in {"youth", "leader", "suspended"} else 200
    assert (page, api) == (expected, expected)


@pytest.mark.parametrize("role", ROLES)
def test_pathway_page_and_api_agree(client, api_client, person, site_tree, role):
    user = person(role)
    page = _status(client, user, "/parcours/")
    api = _status(api_client, user, "/api/v1/pathways/")
    expected = 403 if role in {"youth", "leader", "suspended"} else 200
    assert (page, api) == (expected, expected)


@pytest.mark.parametrize("role", ROLES)
def test_event_registrants_page_and_api_agree(client, api_client, person, site_tree, draft_event, role):
    user = person(role)
    page = _status(client, user, f"/evenements/{draft_event.pk}/inscrits/")
    api = _status(api_client, user, f"/api/v1/events/{draft_event.pk}/registrations/")
    expected = {"youth": 403, "kita_staff": 403, "suspended": 403, "foreign_staff": 404}.get(role, 200)
    assert (page, api) == (expected, expected)


def test_anonymous_user_asks_rules_without_error():
    assert AnonymousUser().has_perm("moderation.view_queue") is False
