"""Activity reports and events are reportable like comments: the "Signaler" link on their page, the
report reaches the queue, and staff hiding them removes them for members (not for their author)."""

import pytest

from cms.models import ActivityPage, Visibility
from cms.services.workflow import ensure_association_pages, ensure_workflow
from events.models import Event, EventStatus
from moderation.content import ModerationStatus
from moderation.models import QueueEntry, Report
from moderation.registry import model_for_label
from moderation.selectors import queue_entries
from moderation.services import item_decide
from tests.cms.conftest import publish_as_staff
from tests.events.conftest import make_event  # noqa: F401 (fixture)
from tests.moderation.test_report_links import back_to, report_links

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(site_tree, association, bamako, kita, staff, leader):
    ensure_workflow(association)
    ensure_association_pages(association)
    page = publish_as_staff(staff, bamako, visibility=Visibility.MEMBERS, title="Salubrité")
    return ActivityPage.objects.get(pk=page.pk)


def test_both_types_are_registered():
    assert model_for_label("cms.activitypage") is ActivityPage and model_for_label("events.event") is Event


def test_a_member_reports_an_activity_and_staff_hide_it(client, activity, other_youth, staff):
    client.force_login(other_youth)
    links = report_links(client.get(activity.url).content.decode(), "cms.activitypage")
    assert links == [f"/report/cms.activitypage:{activity.pk}/?{back_to(activity, activity.url)}"]
    sent = client.post(links[0], {"reason": "insult", "next": f"{activity.url}#activity"})
    assert sent.status_code == 302 and sent["Location"] == f"{activity.url}#activity"
    assert Report.objects.filter(reporter=other_youth, object_id=activity.pk).count() == 1
    entry = QueueEntry.objects.get(object_id=activity.pk, content_type__model="activitypage")
    assert entry.reports == 1 and entry in queue_entries(staff)
    item_decide(actor=staff, item_id=f"cms.activitypage:{activity.pk}", action="hide", reason="Photo privée")
    assert ActivityPage.objects.get(pk=activity.pk).status == ModerationStatus.HIDDEN
    assert client.get(activity.url).status_code == 404
    assert not ActivityPage.objects.visible_to(other_youth).filter(pk=activity.pk).exists()
    client.force_login(staff)  # staff (here also its author) still see it, to restore it
    assert client.get(activity.url).status_code == 200


def test_the_author_sees_no_link_on_their_own_activity(client, activity, staff):
    client.force_login(staff)
    assert report_links(client.get(activity.url).content.decode(), "cms.activitypage") == []


def test_a_member_reports_an_event_and_staff_hide_it(client, make_event, youth, leader, staff):  # noqa: F811
    event = make_event()
    url = f"/evenements/{event.pk}/"
    client.force_login(youth)
    links = report_links(client.get(url).content.decode(), "events.event")
    assert links == [f"/report/events.event:{event.pk}/?{back_to(event, url)}"]
    assert client.post(links[0], {"reason": "spam", "next": f"{url}#event"}).status_code == 302
    entry = QueueEntry.objects.get(object_id=event.pk, content_type__model="event")
    assert entry.reports == 1 and entry in queue_entries(staff)
    item_decide(actor=staff, item_id=f"events.event:{event.pk}", action="hide", reason="Arnaque")
    assert Event.objects.get(pk=event.pk).status == EventStatus.HIDDEN
    assert client.get(url).status_code == 404
    client.force_login(leader)  # its creator is told and still sees it
    assert client.get(url).status_code == 200
    assert report_links(client.get(url).content.decode(), "events.event") == []


def test_an_event_awaiting_approval_stays_out_of_the_queue(make_event, staff):  # noqa: F811
    event = make_event(status=EventStatus.PENDING)
    assert not QueueEntry.objects.filter(object_id=event.pk, content_type__model="event").exists()


def test_publishing_an_older_revision_keeps_the_activity_hidden(activity, staff):
    revision = activity.latest_revision  # saved before the decision
    item_decide(actor=staff, item_id=f"cms.activitypage:{activity.pk}", action="hide", reason="Photo privée")
    revision.publish()
    assert ActivityPage.objects.get(pk=activity.pk).status == ModerationStatus.HIDDEN
