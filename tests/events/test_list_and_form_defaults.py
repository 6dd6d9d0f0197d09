"""/evenements/ shows the member's own site and the association-wide events by default, says why an event
cannot be joined (page and API from one rule); the event form defaults to the leader's site and names the
staff of that site as those told of an event awaiting approval."""

from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from associations.models import Membership, Role
from associations.models import Notification as Notice
from tests.factories import member_of

pytestmark = pytest.mark.django_db


def test_own_site_and_association_wide_by_default(client, make_event, youth, kita):
    make_event(title="Atelier Bamako")
    make_event(title="Fête de tous", section=None)
    make_event(title="Atelier Kita", section=kita)
    client.force_login(youth)
    html = client.get("/evenements/").content.decode()
    assert "Atelier Bamako" in html and "Fête de tous" in html and "Atelier Kita" not in html
    every = client.get("/evenements/?section=all").content.decode()
    assert "Atelier Kita" in every and "Atelier Bamako" in every
    kita_only = client.get("/evenements/?section=kita").content.decode()
    assert "Atelier Kita" in kita_only and "Atelier Bamako" not in kita_only and "Fête de tous" in kita_only


def _hint(client, title: str) -> str:
    html = client.get("/evenements/?section=all").content.decode()
    card = html.split(title, 1)[1].split('class="card"', 1)[0]
    return unescape(card)


def test_events_a_member_cannot_join_say_why(client, make_event, youth, other_youth, kita, api_client):
    now = timezone.now()
    full = make_event(title="Complet", capacity=1)
    from events.models import Registration

    Registration.objects.create(event=full, member=other_youth, status="confirmed", code="FULL01")
    make_event(title="Fermé", registration_closes_at=now - timedelta(hours=1))
    make_event(title="Pour Kita", section=kita)
    make_event(title="Pour les grands", min_age=20)
    make_event(title="Pour les leaders", audience_roles=[Role.LEADER])
    make_event(title="Ouvert")
    client.force_login(youth)
    assert "Complet\u00a0: tu peux t'inscrire sur la liste d'attente." in _hint(client, "Complet")
    assert "Les inscriptions sont closes." in _hint(client, "Fermé")
    assert "Cet événement est réservé à d'autres sites." in _hint(client, "Pour Kita")
    assert "membres de 20 ans ou plus" in _hint(client, "Pour les grands")
    assert "Cet événement est réservé à\u00a0:" in _hint(client, "Pour les leaders")
    assert 'class="hint"' not in _hint(client, "Ouvert")
    api_client.force_authenticate(youth)
    hints = {
        e["title"]: e["join_hint"] for e in api_client.get("/api/v1/events/", {"section": "all"}).json()["results"]
    }
    assert hints["Ouvert"] is None and hints["Complet"].startswith("Complet\u00a0: tu peux")
    assert hints["Pour Kita"] == "Cet événement est réservé à d'autres sites."


def test_a_registered_member_sees_no_hint(client, make_event, youth):
    from events.models import Registration

    event = make_event(title="Déjà inscrit", capacity=1)
    Registration.objects.create(event=event, member=youth, status="confirmed", code="MINE01")
    client.force_login(youth)
    assert 'class="hint"' not in _hint(client, "Déjà inscrit")


def test_suspended_member_is_told_why(client, make_event, youth):
    make_event(title="Ouvert")
    Membership.objects.filter(user=youth).update(status="suspended", suspended_until=timezone.now() + timedelta(days=2))
    client.force_login(youth)
    assert "adhésion est suspendue" in _hint(client, "Ouvert")


def test_form_defaults_to_the_leader_site_and_names_its_staff(client, association, leader, staff, kita_staff, bamako):
    association.premoderate_leaders = True
    association.save()
    client.force_login(leader)
    html = client.get("/evenements/nouveau/").content.decode()
    assert f'<option value="{bamako.pk}" selected>' in html
    told = html.split('id="who-is-told"', 1)[1].split("</div>", 1)[0]
    assert "Éducatrice B." in told and "Éducateur K." not in told


def test_staff_see_no_who_is_told(client, association, staff):
    association.premoderate_leaders = True
    association.save()
    client.force_login(staff)
    assert 'id="who-is-told"' not in client.get("/evenements/nouveau/").content.decode()


def test_an_all_sections_event_of_a_leader_tells_the_staff_of_the_leader_site(
    client, association, leader, staff, kita_staff
):
    association.premoderate_leaders = True
    association.save()
    client.force_login(leader)
    start = timezone.localtime() + timedelta(days=5)
    response = client.post(
        "/evenements/nouveau/",
        {
            "title": "Fête de tous",
            "kind": "culture",
            "section": "",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 302
    assert Notice.objects.filter(recipient=staff, kind="event.pending").count() == 1
    assert Notice.objects.filter(recipient=kita_staff, kind="event.pending").count() == 0


def test_a_site_without_staff_still_tells_someone(client, association, kita, kita_staff):
    lonely = member_of(kita, Role.LEADER, username="leader.kita", display_name="Kadi L.")
    Membership.objects.filter(user=kita_staff).delete()
    other_staff = member_of(
        Membership.objects.filter(association=association).exclude(section=kita).first().section
        if Membership.objects.filter(association=association).exclude(section=kita).exists()
        else kita,
        Role.STAFF,
        username="staff.x",
        display_name="Staff X",
    )
    from events.selectors import reviewers

    section_id = Membership.objects.get(user=lonely).section_id
    assert [u.pk for u in reviewers(association.pk, section_id)] == [other_staff.pk]
