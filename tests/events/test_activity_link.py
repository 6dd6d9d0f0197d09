"""An event and the activity report written afterwards point at each other; the link is checked."""

from datetime import date, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone

from cms.services.activities import ActivityInput, activity_submit
from config.errors import DomainError
from events.models import Event, EventStatus, Registration
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


def report(author, association, section, event_id, title="Nettoyage réussi"):
    data = ActivityInput(
        title=title,
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


def test_event_page_shows_members_the_published_reports_only(
    client, site_tree, association, bamako, staff, leader, youth, other_youth
):
    event = past_event(association, bamako, leader)
    published = report(staff, association, bamako, event.pk)
    pending = report(youth, association, bamako, event.pk, title="Récit en attente")
    assert published.live and not pending.live
    for viewer in (other_youth, youth):  # the pending report's own author follows it in "Mes récits", not here
        client.force_login(viewer)
        html = client.get(f"/evenements/{event.pk}/").content.decode()
        assert 'id="reports"' in html and published.url in html and "Nettoyage réussi" in html
        assert "Récit en attente" not in html
        assert "/activites/raconter/" not in html  # writing the report is for those who manage the event


def test_event_page_of_an_upcoming_event_shows_no_report_section_to_members(client, site_tree, make_event, youth):
    event = make_event(title="Atelier à venir")
    client.force_login(youth)
    response = client.get(f"/evenements/{event.pk}/")
    assert response.status_code == 200
    assert 'id="reports"' not in response.content.decode()


def test_organisers_get_the_report_form_prefilled_from_the_event_page(
    client, site_tree, make_event, leader, youth, other_youth
):
    starts = timezone.now() - timedelta(days=1)
    event = make_event(title="Atelier CV & lettre", starts_at=starts)
    for person in (youth, other_youth):
        Registration.objects.create(event=event, member=person, status="confirmed", code=f"C{person.pk:05d}")
    Registration.objects.filter(member=youth).update(checked_in_at=timezone.now())
    client.force_login(leader)
    html = client.get(f"/evenements/{event.pk}/").content.decode()
    (link,) = [part.split('"')[0] for part in html.split('href="')[1:] if part.startswith("/activites/raconter/")]
    target = urlparse(link.replace("&amp;", "&"))
    assert target.path == "/activites/raconter/"
    assert parse_qs(target.query) == {
        "event": [str(event.pk)],
        "title": ["Atelier CV & lettre"],
        "date": [timezone.localtime(starts).date().isoformat()],
        "section": ["bamako"],
        "participants": ["1"],
    }
    assert client.get(link.replace("&amp;", "&")).status_code == 200
