"""Reports: once per member, threshold of distinct reporters hides at once, invisible items are 404."""

import threading

import pytest
from django.db import connection
from wagtail.models import ModelLogEntry

from associations.models import Notification, Role
from cms.models import Comment
from config.errors import Conflict, DomainError
from moderation.content import ModerationStatus
from moderation.models import QueueEntry, Report
from moderation.services import report_create
from tests.factories import member_of

pytestmark = pytest.mark.django_db

URL = "/api/v1/reports/"


def report(api_client, user, item, reason="insult", comment=""):
    api_client.force_authenticate(user)
    return api_client.post(
        URL, {"content_type": "cms.comment", "object_id": item.pk, "reason": reason, "comment": comment}, format="json"
    )


def test_two_reports_keep_an_item_visible_the_third_distinct_reporter_hides_it(api_client, comment, reporters):
    for reporter in reporters[:2]:
        assert report(api_client, reporter, comment).status_code == 201
        comment.refresh_from_db()
        assert comment.status == ModerationStatus.PUBLISHED
    assert report(api_client, reporters[2], comment).status_code == 201
    comment.refresh_from_db()
    assert comment.status == ModerationStatus.HIDDEN
    entry = QueueEntry.objects.get(object_id=comment.pk)
    assert (entry.is_open, entry.reports, entry.status) == (True, 3, ModerationStatus.HIDDEN)


def test_the_same_reporter_twice_counts_once_and_gets_409(api_client, comment, reporters):
    assert report(api_client, reporters[0], comment).status_code == 201
    again = report(api_client, reporters[0], comment, reason="spam")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_reported"
    assert "déjà signalé" in again.json()["error"]["message"]  # French first
    assert report(api_client, reporters[1], comment).status_code == 201
    comment.refresh_from_db()
    assert comment.status == ModerationStatus.PUBLISHED
    assert QueueEntry.objects.get(object_id=comment.pk).reports == 2
    assert Report.objects.filter(object_id=comment.pk).count() == 2


def test_threshold_follows_the_association_setting(api_client, comment, reporters, association):
    association.report_threshold = 1
    association.save()
    assert report(api_client, reporters[0], comment).status_code == 201
    comment.refresh_from_db()
    assert comment.status == ModerationStatus.HIDDEN


def test_report_on_an_item_the_reporter_cannot_see_is_404(api_client, make_comment, youth, other_youth):
    pending = make_comment(youth, status=ModerationStatus.PENDING)
    hidden = make_comment(youth, status=ModerationStatus.HIDDEN)
    for item in (pending, hidden):
        response = report(api_client, other_youth, item)
        assert response.status_code == 404
    assert report(api_client, other_youth, Comment(pk=999999)).status_code == 404
    assert not Report.objects.exists()


def test_member_of_another_association_cannot_report_nor_learn_anything(api_client, comment, elsewhere):
    stranger = member_of(elsewhere, Role.YOUTH)
    response = report(api_client, stranger, comment)
    assert response.status_code == 403
    assert not Report.objects.exists()


def test_own_content_cannot_be_reported(api_client, comment, youth):
    response = report(api_client, youth, comment)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "own_content"


def test_visitor_is_refused(api_client, comment):
    response = api_client.post(URL, {"content_type": "cms.comment", "object_id": comment.pk, "reason": "spam"})
    assert response.status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        {"content_type": "cms.comment", "reason": "spam"},
        {"content_type": "cms.comment", "object_id": "abc", "reason": "spam"},
        {"content_type": "cms.comment", "object_id": 1, "reason": "because"},
        {"content_type": "associations.user", "object_id": 1, "reason": "spam"},
        {"content_type": "cms.comment", "object_id": 1, "reason": "spam", "comment": "x" * 501},
    ],
)
def test_bad_input_is_400(api_client, comment, other_youth, body):
    api_client.force_authenticate(other_youth)
    response = api_client.post(URL, body, format="json")
    assert response.status_code == 400
    assert "error" in response.json()


def test_unknown_fields_are_ignored(api_client, comment, other_youth):
    api_client.force_authenticate(other_youth)
    body = {"content_type": "cms.comment", "object_id": comment.pk, "reason": "spam", "reporter": 1, "entry": 5}
    assert api_client.post(URL, body, format="json").status_code == 201
    assert Report.objects.get().reporter == other_youth


def test_automatic_hide_is_audited_as_the_system(comment, reporters):
    for reporter in reporters:
        report_create(reporter=reporter, content_type="cms.comment", object_id=comment.pk, reason="spam")
    hide = ModelLogEntry.objects.get(action="ton.moderation.auto_hide")
    assert hide.user_id is None
    assert hide.object_id == str(comment.pk)
    assert hide.data["item"] == f"cms.comment:{comment.pk}"
    assert hide.data["reporters"] == 3
    reports = ModelLogEntry.objects.filter(action="ton.moderation.report")
    assert sorted(entry.user_id for entry in reports) == sorted(r.pk for r in reporters)


def test_author_is_never_told_who_reported(comment, reporters, youth):
    for reporter in reporters:
        report_create(reporter=reporter, content_type="cms.comment", object_id=comment.pk, reason="spam")
    texts = " ".join(Notification.objects.filter(recipient=youth).values_list("text", flat=True))
    for reporter in reporters:
        assert reporter.public_name not in texts
        assert reporter.username not in texts


def test_child_protection_goes_to_safeguarding_leads_only(comment, other_youth, lead, staff, kita_staff, youth):
    report_create(reporter=other_youth, content_type="cms.comment", object_id=comment.pk, reason="child_protection")
    notified = set(Notification.objects.values_list("recipient__username", flat=True))
    assert notified == {lead.username}
    assert Notification.objects.get().url == "/moderation/"
    assert comment.text not in Notification.objects.get().text
    entry = QueueEntry.objects.get(object_id=comment.pk)
    assert (entry.urgent_reports, entry.reports) == (1, 0)


def test_child_protection_without_a_lead_reaches_platform_admins(comment, other_youth, staff, admin):
    report_create(reporter=other_youth, content_type="cms.comment", object_id=comment.pk, reason="child_protection")
    assert list(Notification.objects.values_list("recipient", flat=True)) == [admin.pk]


def test_service_errors_are_domain_errors(comment, other_youth):
    report_create(reporter=other_youth, content_type="cms.comment", object_id=comment.pk, reason="spam")
    with pytest.raises(Conflict):
        report_create(reporter=other_youth, content_type="cms.comment", object_id=comment.pk, reason="spam")
    with pytest.raises(DomainError) as error:
        report_create(reporter=other_youth, content_type="cms.comment", object_id=comment.pk + 1000, reason="spam")
    assert error.value.status == 404


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_reports_are_counted_exactly(make_comment, youth, bamako, association):
    association.report_threshold = 8  # the last of the eight hides it: nobody reports a hidden item
    association.save()
    item = make_comment(youth)
    reporters = [member_of(bamako, Role.YOUTH, username=f"racer{n}") for n in range(8)]
    barrier = threading.Barrier(len(reporters))
    errors = []

    def run(reporter):
        try:
            barrier.wait()
            report_create(reporter=reporter, content_type="cms.comment", object_id=item.pk, reason="spam")
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(reporter,)) for reporter in reporters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    entry = QueueEntry.objects.get(object_id=item.pk)
    assert entry.reports == 8 == Report.objects.count()
    item.refresh_from_db()
    assert item.status == ModerationStatus.HIDDEN
    assert ModelLogEntry.objects.filter(action="ton.moderation.auto_hide").count() == 1


def test_report_page_sends_a_report_and_refuses_a_second_one_with_a_message(client, comment, other_youth):
    client.force_login(other_youth)
    url = f"/report/cms.comment:{comment.pk}/"
    page = client.get(url)
    assert page.status_code == 200 and comment.text in page.content.decode()
    response = client.post(url, {"reason": "spam", "comment": "pub", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    again = client.post(url, {"reason": "insult", "next": "/"})
    assert again.status_code == 400
    assert "déjà signalé" in again.content.decode()
    assert Report.objects.get().reason == "spam"


def test_report_page_ignores_an_outside_next_url(client, comment, other_youth):
    client.force_login(other_youth)
    response = client.post(f"/report/cms.comment:{comment.pk}/", {"reason": "spam", "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_reports_racing_a_decision_never_deadlock(make_comment, youth, bamako, staff):
    from moderation.services import item_decide

    item = make_comment(youth)
    reporters = [member_of(bamako, Role.YOUTH, username=f"racer{n}") for n in range(6)]
    barrier = threading.Barrier(len(reporters) + 1)
    unexpected = []

    def run(action):
        try:
            barrier.wait()
            action()
        except DomainError as exc:  # a report arriving after the rejection finds nothing to report: 404
            if exc.status != 404:
                unexpected.append(exc)
        except Exception as exc:  # deadlocks or integrity errors would land here
            unexpected.append(exc)
        finally:
            connection.close()

    actions = [
        lambda r=reporter: report_create(reporter=r, content_type="cms.comment", object_id=item.pk, reason="spam")
        for reporter in reporters
    ]
    actions.append(lambda: item_decide(actor=staff, item_id=f"cms.comment:{item.pk}", action="reject", reason="Non"))
    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert unexpected == []
    entry = QueueEntry.objects.get(object_id=item.pk)
    assert entry.reports + entry.urgent_reports == Report.objects.filter(reviewed_at__isnull=True).count()
