"""Poll notices (issue 12): members hear that a poll opened, closes tomorrow, has closed; staff that an
outcome is missing. Each notice goes out once, in each recipient's language, off the request."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from associations.models import Notification, Role, User
from tests.factories import MembershipFactory, UserFactory, member_of
from tests.votes.conftest import build_poll, option_ids
from votes.models import Poll, Visibility
from votes.services import ballot_cast
from votes.services.notices import poll_notices_send

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def told(kind):
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_an_open_poll_is_announced_once_to_those_who_may_vote(association, kita, youth, kita_youth, staff, leader):
    poll = build_poll(association, sections=[kita])
    assert poll_notices_send()["opened"] == 1
    assert told("votes.opened") == {kita_youth.username}
    assert poll_notices_send()["opened"] == 0
    assert Notification.objects.filter(kind="votes.opened").count() == 1
    note = Notification.objects.get(kind="votes.opened")
    assert note.url == poll.get_absolute_url() and poll.title in note.text


def test_a_scheduled_poll_is_announced_when_it_opens(association, youth):
    poll = build_poll(association, state="scheduled")
    assert poll_notices_send()["opened"] == 0
    assert poll_notices_send(now=poll.opens_at + HOUR)["opened"] == 1
    assert told("votes.opened") == {youth.username}


def test_drafts_are_never_announced(association, youth):
    build_poll(association, state="draft")
    assert poll_notices_send(now=timezone.now() + 2 * DAY) == {"opened": 0, "closing": 0, "results": 0, "outcome": 0}


def test_the_day_before_closing_only_those_who_have_not_voted_are_reminded(association, bamako, youth, other_youth):
    poll = build_poll(association)
    ballot_cast(poll=poll, user=youth, choices=[option_ids(poll)[0]])
    poll_notices_send()
    assert poll_notices_send()["closing"] == 0  # closes in 7 days: not yet
    soon = poll.closes_at - 3 * HOUR
    assert poll_notices_send(now=soon)["closing"] == 1
    assert told("votes.closing") == {other_youth.username}
    assert poll_notices_send(now=soon + HOUR)["closing"] == 0


def test_a_poll_opened_on_its_last_day_gets_one_notice_not_two(association, youth):
    poll = build_poll(association, state="scheduled")
    last_day = poll.closes_at - 6 * HOUR
    Poll.objects.filter(pk=poll.pk).update(opens_at=last_day - HOUR)
    sent = poll_notices_send(now=last_day)
    assert (sent["opened"], sent["closing"]) == (1, 0)  # "until …" already says it closes soon
    assert poll_notices_send(now=last_day + HOUR)["closing"] == 0


def test_at_closing_those_who_could_vote_are_told_the_results(association, youth, other_youth):
    poll = build_poll(association)
    assert poll_notices_send(now=poll.closes_at + HOUR)["results"] == 2
    assert told("votes.closed") == {youth.username, other_youth.username}
    assert "résultats sont en ligne" in Notification.objects.filter(kind="votes.closed").first().text


def test_staff_only_results_say_the_decision_will_come(association, youth):
    poll = build_poll(association, results_visibility=Visibility.STAFF)
    poll_notices_send(now=poll.closes_at + HOUR)
    text = Notification.objects.get(kind="votes.closed").text
    assert "résultats sont en ligne" not in text and "décision" in text


def test_old_polls_are_not_news(association, youth, staff):
    poll = build_poll(association, state="closed")
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - 60 * DAY, opens_at=timezone.now() - 70 * DAY)
    assert poll_notices_send() == {"opened": 0, "closing": 0, "results": 0, "outcome": 0}


def test_staff_are_reminded_once_of_a_missing_outcome(association, bamako, kita, youth, staff, kita_staff):
    poll = build_poll(association, sections=[bamako])
    later = poll.closes_at + 7 * DAY + HOUR
    assert poll_notices_send(now=poll.closes_at + 6 * DAY)["outcome"] == 0
    assert poll_notices_send(now=later)["outcome"] == 1
    assert told("votes.outcome_missing") == {staff.username}  # the staff of the section in scope only
    assert poll_notices_send(now=later + DAY)["outcome"] == 0


def test_no_reminder_when_the_outcome_is_recorded(association, staff):
    poll = build_poll(association)
    Poll.objects.filter(pk=poll.pk).update(outcome="Couture retenue", outcome_recorded_at=timezone.now())
    assert poll_notices_send(now=poll.closes_at + 8 * DAY)["outcome"] == 0


def test_each_member_reads_the_notice_in_their_language(association, bamako):
    french = member_of(bamako, Role.YOUTH, language="fr")
    english = member_of(bamako, Role.YOUTH, language="en")
    build_poll(association, title="Filières")
    poll_notices_send()
    assert Notification.objects.get(recipient=french).text.startswith("Nouveau sondage : « Filières »")
    assert Notification.objects.get(recipient=english).text.startswith("New poll: “Filières”")


def test_publishing_announces_from_the_task_queue_after_commit(
    client, association, staff, youth, django_capture_on_commit_callbacks
):
    poll = build_poll(association, state="draft")
    Poll.objects.filter(pk=poll.pk).update(opens_at=timezone.now() - HOUR)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(f"/sondages/{poll.pk}/publier/", {"published": "1"})
    assert not told("votes.opened")  # nothing sent inside the publishing request
    for callback in callbacks:
        callback()  # the immediate task backend runs the queued task here
    assert youth.username in told("votes.opened")


def _publish(client, poll, capture):
    Poll.objects.filter(pk=poll.pk).update(opens_at=timezone.now() - HOUR)
    client.get(poll.get_absolute_url())  # warm per-process caches
    with CaptureQueriesContext(connection) as publishing, capture(execute=False) as callbacks:
        response = client.post(f"/sondages/{poll.pk}/publier/", {"published": "1"})
    assert response.status_code == 302
    return len(publishing), callbacks


def _members(association, section, count, prefix):
    users = User.objects.bulk_create(UserFactory.build(username=f"{prefix}{i}", birth_year=2008) for i in range(count))
    MembershipFactory._meta.model.objects.bulk_create(
        MembershipFactory.build(user=user, section=section, association=association, role=Role.YOUTH) for user in users
    )


def test_a_poll_for_1000_members_costs_the_request_nothing_and_the_task_a_fixed_number_of_queries(
    client, association, bamako, staff, django_capture_on_commit_callbacks
):
    _members(association, bamako, 1000, "y")
    client.force_login(staff)
    small, _ = _publish(
        client, build_poll(association, state="draft", eligible_roles=["staff"]), django_capture_on_commit_callbacks
    )
    Notification.objects.all().delete()
    poll = build_poll(association, state="draft", sections=[bamako])
    large, callbacks = _publish(client, poll, django_capture_on_commit_callbacks)
    assert not Notification.objects.exists()  # the request only queued the task
    assert large <= small <= 12, (small, large)  # no dearer for 1,000 members than for one (staff)
    with CaptureQueriesContext(connection) as sending:
        for callback in callbacks:
            callback()
    assert Notification.objects.filter(kind="votes.opened").count() == 1000
    # The recipients in one query, the notices in one bulk insert: a handful, not one per member.
    assert len(sending) <= 20, len(sending)


# db_worker opens its own connections, which PostgreSQL's pool refuses inside the test's atomic block.
@pytest.mark.django_db(transaction=True)
def test_with_the_database_queue_publishing_only_enqueues_and_the_worker_sends(
    client, association, bamako, staff, settings, django_capture_on_commit_callbacks
):
    """Production runs TASKS_BACKEND=django_tasks_db.DatabaseBackend (platform/env.example) and `db_worker`."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _members(association, bamako, 300, "q")
    client.force_login(staff)
    _, callbacks = _publish(client, build_poll(association, state="draft"), django_capture_on_commit_callbacks)
    for callback in callbacks:
        callback()  # what the commit does: one row in the queue
    assert list(DBTaskResult.objects.values_list("task_path", "status")) == [("votes.tasks.send_poll_notices", "READY")]
    assert not Notification.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert Notification.objects.filter(kind="votes.opened").count() == 300
    assert DBTaskResult.objects.get(task_path="votes.tasks.send_poll_notices").status == "SUCCESSFUL"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_runs_send_each_notice_once():
    from tests.events.test_concurrency import run_at_once
    from tests.factories import AssociationFactory, SectionFactory

    section = SectionFactory(association=AssociationFactory(slug="imaj-notices"), slug="bamako")
    for _ in range(5):
        member_of(section, Role.YOUTH)
    build_poll(section.association)
    results = run_at_once([poll_notices_send] * 8)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(r["opened"] for r in results) == 5
    assert Notification.objects.filter(kind="votes.opened").count() == 5
