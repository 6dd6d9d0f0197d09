"""Nothing leaks: a hidden and a pending comment, through every channel moderation owns, as youth, other
youth, youth of another section, leader, staff of another association and visitor."""

import pytest
from django.utils.html import escape

from associations.models import Notification, Role
from cms.models import Comment
from moderation.content import ModerationStatus, visible_q
from moderation.selectors import staff_association_ids, visible_items
from moderation.services import report_create
from tests.factories import member_of
from tests.moderation.conftest import item_id

pytestmark = pytest.mark.django_db

SECRET = "Texte secret 4471"
VIEWERS = ["youth", "other_youth", "kita_youth", "leader", "foreign_staff", "visitor"]


@pytest.fixture
def writer(bamako):
    return member_of(bamako, Role.YOUTH, username="writer", display_name="Auteur")


@pytest.fixture(params=[ModerationStatus.HIDDEN, ModerationStatus.PENDING])
def secret(request, make_comment, writer, reporters):
    item = make_comment(writer, text=SECRET)
    if request.param == ModerationStatus.HIDDEN:
        # Hidden the real way: three reports, one of them a child-protection concern.
        for reporter, reason in zip(reporters, ["spam", "insult", "child_protection"], strict=True):
            report_create(reporter=reporter, content_type="cms.comment", object_id=item.pk, reason=reason)
    else:
        item.status = ModerationStatus.PENDING
        item.save()
    item.refresh_from_db()
    assert item.status == request.param
    return item


@pytest.fixture
def viewer(request, db):
    return request.getfixturevalue(request.param) if request.param != "visitor" else None


def login(client, api_client, user):
    if user is not None:
        client.force_login(user)
        api_client.force_authenticate(user)


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_visible_q_querysets_exclude_it(secret, viewer):
    from django.contrib.auth.models import AnonymousUser

    user = viewer or AnonymousUser()
    ids = staff_association_ids(user)
    assert not Comment.objects.filter(visible_q(user, staff_association_ids=ids), pk=secret.pk).exists()
    assert not visible_items(Comment, user).filter(pk=secret.pk).exists()
    assert Comment.objects.filter(visible_q(user, staff_association_ids=ids)).count() == 0


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_queue_pages_and_api_do_not_show_it(client, api_client, secret, viewer):
    login(client, api_client, viewer)
    for url in [
        "/moderation/",
        "/moderation/?state=closed",
        f"/moderation/log/?item={item_id(secret)}",
        "/admin/moderation/",
    ]:
        response = client.get(url)
        assert response.status_code in {200, 302, 403}
        assert SECRET not in response.content.decode()
        assert escape(SECRET) not in response.content.decode()
    response = api_client.get("/api/v1/moderation/items/")
    assert response.status_code in {200, 401, 403}
    assert SECRET not in response.content.decode()
    assert str(secret.pk) not in str(response.json().get("results", []))


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_report_form_and_endpoint_answer_as_if_it_did_not_exist(client, api_client, secret, viewer):
    login(client, api_client, viewer)
    page = client.get(f"/report/{item_id(secret)}/")
    assert page.status_code == (302 if viewer is None else 404)
    assert SECRET not in page.content.decode()
    response = api_client.post(
        "/api/v1/reports/", {"content_type": "cms.comment", "object_id": secret.pk, "reason": "spam"}, format="json"
    )
    assert response.status_code == (401 if viewer is None else 404)


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_decisions_are_refused(client, api_client, secret, viewer):
    login(client, api_client, viewer)
    response = api_client.post(
        f"/api/v1/moderation/items/{item_id(secret)}/decision/", {"action": "restore"}, format="json"
    )
    # Visitors are not authenticated; staff elsewhere may not know it exists; members may not moderate.
    expected = 401 if viewer is None else 404 if viewer.username == "staff.autre" else 403
    assert response.status_code == expected
    assert SECRET not in response.content.decode()
    secret.refresh_from_db()
    assert secret.status in {ModerationStatus.HIDDEN, ModerationStatus.PENDING}


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_no_notification_carries_it(secret, viewer):
    if viewer is not None:
        assert not Notification.objects.filter(recipient=viewer).exists()
    assert not Notification.objects.filter(text__contains=SECRET).exists()


def test_the_author_and_the_section_staff_still_see_it(secret, writer, staff, client):
    assert visible_items(Comment, writer).filter(pk=secret.pk).exists()
    assert visible_items(Comment, staff).filter(pk=secret.pk).exists()
    client.force_login(staff)
    assert escape(SECRET) in client.get("/moderation/").content.decode()


def test_the_author_is_not_told_about_a_child_protection_report(make_comment, writer, reporters, lead):
    item = make_comment(writer, text=SECRET)
    report_create(reporter=reporters[0], content_type="cms.comment", object_id=item.pk, reason="child_protection")
    assert not Notification.objects.filter(recipient=writer).exists()
    assert list(Notification.objects.values_list("recipient", flat=True)) == [lead.pk]
