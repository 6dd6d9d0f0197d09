"""`/mon-espace/donnees.json` holds everything the platform keeps about the member, gathered from each app's
`personal_data` provider: their content, the reports they filed (not those about them), registrations,
proposals, that they voted (never how), notifications."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from associations.models import Membership
from associations.services.notifications import notify
from cms.models import Comment
from events.models import Event, EventStatus
from events.services.registrations import registration_register
from moderation.content import ModerationStatus
from moderation.services import report_create
from tests.votes.conftest import build_poll, option_ids
from votes.models import Kind, Proposal
from votes.services import ballot_cast

pytestmark = pytest.mark.django_db


def _comment(author, page, text):
    membership = Membership.objects.get(user=author)
    return Comment.objects.create(
        page=page,
        author=author,
        association=membership.association,
        section=membership.section,
        text=text,
        status=ModerationStatus.PUBLISHED,
    )


def test_the_export_holds_everything_the_member_left_and_nothing_about_others(
    client, site_tree, association, bamako, youth, other_youth, leader
):
    mine = _comment(youth, site_tree, "Mon commentaire à moi")
    theirs = _comment(other_youth, site_tree, "Le commentaire d'un autre")
    report_create(reporter=youth, content_type="cms.comment", object_id=theirs.pk, reason="spam", comment="pub")
    report_create(reporter=other_youth, content_type="cms.comment", object_id=mine.pk, reason="insult")
    starts = timezone.now() + timedelta(days=3)
    event = Event.objects.create(
        association=association,
        section=bamako,
        title="Atelier CV",
        kind="workshop",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        status=EventStatus.PUBLISHED,
        created_by=leader,
        capacity=5,
    )
    registration_register(user=youth, event_id=event.pk)
    poll = build_poll(association, kind=Kind.SINGLE, title="Filières 2027")
    ballot_cast(poll=poll, user=youth, choices=[option_ids(poll)[1]])
    later = build_poll(association, state="scheduled", accepts_proposals=True, title="Sortie")
    Proposal.objects.create(
        poll=later, author=youth, association=association, text="Visite du musée", status=ModerationStatus.PENDING
    )
    notify([youth], kind="test", message="Bienvenue")

    client.force_login(youth)
    data = json.loads(client.get("/mon-espace/donnees.json").content)
    assert [c["text"] for c in data["comments"]] == ["Mon commentaire à moi"]
    assert data["reports_filed"] == [
        {
            "item": f"cms.comment:{theirs.pk}",
            "reason": "spam",
            "comment": "pub",
            "created_at": data["reports_filed"][0]["created_at"],
            "reviewed": False,
        }
    ]
    assert [r["event"] for r in data["event_registrations"]] == ["Atelier CV"]
    assert data["event_registrations"][0]["status"] == "confirmed"
    assert [p["text"] for p in data["proposals"]] == ["Visite du musée"]
    assert data["poll_participations"] == [{"poll": "Filières 2027", "question": poll.question, "voted": True}]
    assert data["activity_reports"] == []
    assert [n["text"] for n in data["notifications"]] == ["Bienvenue"]
    text = json.dumps(data, ensure_ascii=False)
    # Never how they voted, never who reported them, never other members' content.
    assert "Mécanique" not in json.dumps(data["poll_participations"], ensure_ascii=False)
    assert "insult" not in text and "Mécanique" not in text and "Le commentaire d'un autre" not in text


def test_activity_reports_are_in_their_authors_export(client, site_tree, association, bamako, kita, youth, staff):
    from cms.services.workflow import ensure_association_pages, ensure_workflow
    from tests.cms.conftest import submit

    ensure_workflow(association)
    ensure_association_pages(association)
    submit(youth, bamako, title="Journée de salubrité")
    client.force_login(youth)
    reports = json.loads(client.get("/mon-espace/donnees.json").content)["activity_reports"]
    assert [(r["title"], r["status"]) for r in reports] == [("Journée de salubrité", "pending")]
    client.force_login(staff)
    assert json.loads(client.get("/mon-espace/donnees.json").content)["activity_reports"] == []
