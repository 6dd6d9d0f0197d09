"""An event and the activity report written afterwards point at each other; the link is checked."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from cms.services.activities import ActivityInput, activity_submit
from config.errors import DomainError
from events.models import Event, EventStatus
from tests.factories import AssociationFactory

pytestmark = pytest.mark.django_db


def past_event(association, section, leader):
    starts = timezone.now() - timedelta(days=3)
    event = Event.objects.create(
        association=association,
        section=section,
        title="Nettoyage du quartier",
        kind="community",
        place="Kita",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        status=EventStatus.PUBLISHED,
        created_by=leader,
    )
    event.organisers.set([leader])
    return event


def report(author, association, section, event_id):
    data = ActivityInput(
        title="Nettoyage réussi",
        date=date.today() - timedelta(days=2),
        section=section,
        theme="environment",
        text="Nous étions 20.",
        participants=20,
        event_id=event_id,
    )
    return activity_submit(author=author, association=association, data=data, photos=[])


def test_report_links_to_its_event_and_back(client, site_tree, association, bamako, staff, leader):

    event = past_event(association, bamako, leader)
    page = report(staff, association, bamako, event.pk)
    page = type(page).objects.get(pk=page.pk)
    assert page.event_id == event.pk
    client.force_login(leader)
    event_html = client.get(f"/evenements/{event.pk}/").content.decode()
    assert "Nettoyage réussi" in event_html
    page_html = client.get(page.url).content.decode()
    assert f"/evenements/{event.pk}/" in page_html


def test_report_cannot_link_another_associations_event(association, bamako, staff, leader):
    other = AssociationFactory(slug="ailleurs")
    event = past_event(other, None, leader)
    with pytest.raises(DomainError):
        report(staff, association, bamako, event.pk)
    with pytest.raises(DomainError):
        report(staff, association, bamako, 987654)
