"""Staff decisions through the API and the phone pages: effects, notifications, audit, permissions."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from associations.models import Membership, MembershipStatus, Notification
from moderation.content import ModerationStatus
from moderation.models import QueueEntry, Report
from moderation.services import report_create
from tests.moderation.conftest import item_id

pytestmark = pytest.mark.django_db


def decide(api_client, user, item, action, reason=""):
    api_client.force_authenticate(user)
    return api_client.post(
        f"/api/v1/moderation/items/{item_id(item)}/decision/", {"action": action, "reason": reason}, format="json"
    )


@pytest.fixture
def pending(make_comment, youth):
    return make_comment(youth, text="Mon premier commentaire", status=ModerationStatus.PENDING)


def test_a_pending_item_joins_the_queue_when_it_is_written(api_client, pending, staff):
    api_client.force_authenticate(staff)
    body = api_client.get("/api/v1/moderation/items/").json()
    assert [row["id"] for row in body["results"]] == [item_id(pending)]
    row = body["results"][0]
    assert row["text"] == "Mon premier commentaire"
    assert row["status"] == "pending"
    assert row["author"]["name"] == "Awa K."


def test_approve_publishes_notifies_and_audits(api_client, pending, staff, youth):
    response = decide(api_client, staff, pending, "approve")
    assert response.status_code == 200
    assert response.json()["status"] == "published"
    pending.refresh_from_db()
    assert pending.status == ModerationStatus.PUBLISHED
    assert not QueueEntry.objects.get(object_id=pending.pk).is_open
    note = Notification.objects.get(recipient=youth)
    assert note.kind == "moderation.approve"
    entry = ModelLogEntry.objects.get(action="ton.moderation.approve")
    assert (entry.user_id, entry.data["previous"], entry.data["author"]) == (staff.pk, "pending", youth.pk)


def test_reject_needs_a_reason_and_sends_it_to_the_author(api_client, pending, staff, youth):
    refused = decide(api_client, staff, pending, "reject")
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "reason_required"
    pending.refresh_from_db()
    assert pending.status == ModerationStatus.PENDING
    assert decide(api_client, staff, pending, "reject", "Pas de numéro de téléphone ici.").status_code == 200
    pending.refresh_from_db()
    assert (pending.status, pending.moderation_reason) == ("rejected", "Pas de numéro de téléphone ici.")
    youth.refresh_from_db()
    note = Notification.objects.get(recipient=youth)
    assert "Pas de numéro de téléphone ici." in note.text
    assert "refusé" in note.text  # the author's language: French
    entry = ModelLogEntry.objects.get(action="ton.moderation.reject")
    assert entry.data["reason"] == "Pas de numéro de téléphone ici."


def test_hide_then_restore(api_client, comment, staff, youth):
    assert decide(api_client, staff, comment, "hide", "À vérifier").status_code == 200
    comment.refresh_from_db()
    assert comment.status == ModerationStatus.HIDDEN
    assert decide(api_client, staff, comment, "restore").status_code == 200
    comment.refresh_from_db()
    assert comment.status == ModerationStatus.PUBLISHED
    actions = list(ModelLogEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["ton.moderation.hide", "ton.moderation.restore"]
    assert Notification.objects.filter(recipient=youth).count() == 2


def test_restore_refused_for_a_published_item(api_client, comment, staff):
    response = decide(api_client, staff, comment, "restore")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_state"


def test_unknown_action_is_400(api_client, comment, staff):
    assert decide(api_client, staff, comment, "delete").status_code == 400


def test_decision_marks_reports_reviewed_and_resets_the_threshold(api_client, comment, reporters, staff):
    for reporter in reporters:
        report_create(reporter=reporter, content_type="cms.comment", object_id=comment.pk, reason="spam")
    assert decide(api_client, staff, comment, "approve").status_code == 200
    comment.refresh_from_db()
    assert comment.status == ModerationStatus.PUBLISHED
    assert not Report.objects.filter(reviewed_at__isnull=True).exists()
    entry = QueueEntry.objects.get(object_id=comment.pk)
    assert (entry.reports, entry.is_open) == (0, False)


def test_bulk_approve_from_the_queue_page(client, make_comment, youth, staff):
    items = [make_comment(youth, status=ModerationStatus.PENDING) for _ in range(3)]
    client.force_login(staff)
    response = client.post("/moderation/approve/", {"items": [item_id(item) for item in items[:2]]})
    assert response.status_code == 302
    statuses = [type(item).objects.get(pk=item.pk).status for item in items]
    assert statuses == ["published", "published", "pending"]
    assert ModelLogEntry.objects.filter(action="ton.moderation.approve").count() == 2


def test_bulk_approve_is_all_or_nothing(client, make_comment, youth, staff, kita_youth):
    mine = make_comment(youth, status=ModerationStatus.PENDING)
    theirs = make_comment(kita_youth, status=ModerationStatus.PENDING)
    client.force_login(staff)
    response = client.post("/moderation/approve/", {"items": [item_id(mine), item_id(theirs)]})
    assert response.status_code == 404
    mine.refresh_from_db()
    assert mine.status == ModerationStatus.PENDING


def test_reject_from_the_queue_page_needs_a_reason(client, pending, staff):
    client.force_login(staff)
    response = client.post("/moderation/decide/", {"item": item_id(pending), "action": "reject"}, follow=True)
    assert "Donnez" in response.content.decode() or "reason" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == ModerationStatus.PENDING
    client.post("/moderation/decide/", {"item": item_id(pending), "action": "reject", "reason": "Hors sujet"})
    pending.refresh_from_db()
    assert pending.status == ModerationStatus.REJECTED


def test_warn_the_author_from_the_queue(client, pending, staff, youth):
    client.force_login(staff)
    response = client.post("/moderation/author/warn/", {"item": item_id(pending), "reason": "Reste poli."})
    assert response.status_code == 302
    assert "Reste poli." in Notification.objects.get(recipient=youth).text
    actions = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert actions == {"ton.member.warn", "ton.moderation.warn_author"}


def test_suspend_the_author_from_the_queue(client, pending, staff, youth):
    client.force_login(staff)
    until = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    response = client.post(
        "/moderation/author/suspend/", {"item": item_id(pending), "until": until, "reason": "Insultes"}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=youth)
    assert membership.status == MembershipStatus.SUSPENDED
    assert ModelLogEntry.objects.filter(action="ton.moderation.suspend_author", object_id=str(pending.pk)).exists()


def test_suspend_with_a_past_date_shows_a_message_not_a_500(client, pending, staff, youth):
    client.force_login(staff)
    response = client.post(
        "/moderation/author/suspend/", {"item": item_id(pending), "until": "2020-01-01", "reason": "x"}, follow=True
    )
    assert response.status_code == 200
    assert Membership.objects.get(user=youth).status == MembershipStatus.ACTIVE


# Permission matrix: youths and leaders 403, staff of another section or association 404.
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("youth", 403),
        ("other_youth", 403),
        ("leader", 403),
        ("kita_staff", 404),
        ("foreign_staff", 404),
        ("staff", 200),
        ("admin", 200),
    ],
)
def test_decision_permissions(api_client, request, pending, who, status):
    user = request.getfixturevalue(who)
    assert decide(api_client, user, pending, "approve").status_code == status
    pending.refresh_from_db()
    assert (pending.status == ModerationStatus.PUBLISHED) == (status == 200)


@pytest.mark.parametrize(
    ("who", "status"),
    [("youth", 403), ("leader", 403), ("member", 403), ("foreign_staff", 200), ("staff", 200), ("admin", 200)],
)
def test_queue_api_permissions(api_client, request, pending, who, status):
    api_client.force_authenticate(request.getfixturevalue(who))
    response = api_client.get("/api/v1/moderation/items/")
    assert response.status_code == status
    if who == "foreign_staff":
        assert response.json()["results"] == []


def test_queue_api_visitor_is_401(api_client, pending):
    assert api_client.get("/api/v1/moderation/items/").status_code == 401


@pytest.mark.parametrize(
    ("who", "status"), [("youth", 403), ("leader", 403), ("kita_staff", 404), ("foreign_staff", 404)]
)
def test_queue_page_actions_permissions(client, request, pending, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.post("/moderation/decide/", {"item": item_id(pending), "action": "approve"}).status_code == status
    assert client.post("/moderation/author/warn/", {"item": item_id(pending), "reason": "x"}).status_code == status
    pending.refresh_from_db()
    assert pending.status == ModerationStatus.PENDING
    assert not Notification.objects.exists()


def test_malformed_item_ids_are_404(api_client, staff):
    api_client.force_authenticate(staff)
    for bad in ["cms.comment:abc", "associations.user:1", "nothing", "cms.comment:999999"]:
        response = api_client.post(f"/api/v1/moderation/items/{bad}/decision/", {"action": "approve"}, format="json")
        assert response.status_code == 404, bad


def test_bulk_approve_api(api_client, make_comment, youth, staff, kita_youth):
    mine = [make_comment(youth, status=ModerationStatus.PENDING) for _ in range(2)]
    api_client.force_authenticate(staff)
    url = "/api/v1/moderation/items/bulk-approve/"
    assert api_client.post(url, {"items": []}, format="json").status_code == 400
    theirs = make_comment(kita_youth, status=ModerationStatus.PENDING)
    assert api_client.post(url, {"items": [item_id(mine[0]), item_id(theirs)]}, format="json").status_code == 404
    response = api_client.post(url, {"items": [item_id(item) for item in mine]}, format="json")
    assert response.json() == {"approved": 2}
    assert {type(item).objects.get(pk=item.pk).status for item in mine} == {"published"}
    api_client.force_authenticate(youth)
    assert api_client.post(url, {"items": [item_id(theirs)]}, format="json").status_code == 403
