"""Permission matrix of the pages and endpoints added for issue 12 (poll form, notice channels, content
links, notices, the approvals queue, the directory, the moderation journal, registrants' tools): every role × every
row → the expected status, never a 5xx, and no private data in a refused response.

One row per page or endpoint: `Row(method, url, expected statuses in ROLES order, data=…)`. The url may name
objects of the `world` below in braces ("/sondages/{draft}/modifier/"). To add a page, add a line.
"""

import datetime
from typing import NamedTuple

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from associations.models import Notification, Role
from cms.models import Comment
from cms.services.workflow import ensure_association_pages, ensure_workflow
from events.models import Event, EventStatus, Registration
from moderation.models import ModerationStatus
from tests.cms.conftest import publish_as_staff
from tests.factories import member_of
from tests.votes.conftest import build_poll, close_now

pytestmark = pytest.mark.django_db

#         visitor  youth  leader  staff  staff of   member of     staff of      admin
#                                        other site other assoc.  other assoc.
ROLES = ("visitor", "youth", "leader", "staff", "kita_staff", "foreign_youth", "foreign_staff", "admin")

# What only some may see: none of it may appear in a refused response (3xx, 4xx).
SECRETS = {
    "draft": "Brouillon du bureau 7Q",
    "draft_option": "Option cachée 7Q",
    "pending_comment": "Commentaire en attente 7Q",
    "notice": "Notice privée pour Awa 7Q",
    "phone": "+22376999111",
    "email": "leader.7q@example.org",
}


class Row(NamedTuple):
    method: str
    url: str
    expected: tuple[int, ...]  # one status per role, in ROLES order
    data: dict | None = None


def _poll_data(**extra):
    opens = timezone.localtime() - datetime.timedelta(minutes=1)
    return {
        "title": "Matrice",
        "question": "Quelle filière ?",
        "topic": "training",
        "kind": "single",
        "opens_at": opens.strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (opens + datetime.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "eligible_roles": ["youth", "leader"],
        "ballot": "secret",
        "results_visibility": "after_close",
        "quorum_percent": "0",
        "min_choices": "1",
        "option": ["Couture", "Mécanique"],
    } | extra


ROWS = {
    # --- the poll form (/sondages/nouveau/, ?depuis=, ?association=) ---
    "new poll form": Row("get", "/sondages/nouveau/", (302, 403, 200, 200, 200, 403, 200, 403)),
    "new poll for own association": Row(
        "get", "/sondages/nouveau/?association={association}", (302, 403, 200, 200, 200, 403, 403, 200)
    ),
    "new poll for another association": Row(
        "get", "/sondages/nouveau/?association={foreign_association}", (302, 403, 403, 403, 403, 403, 200, 200)
    ),
    "new poll from a closed poll": Row(
        "get", "/sondages/nouveau/?depuis={closed}", (302, 403, 403, 200, 403, 403, 404, 403)
    ),
    "new poll from the leader's draft": Row(
        "get", "/sondages/nouveau/?depuis={draft}", (302, 403, 200, 200, 403, 403, 404, 403)
    ),
    "create a poll": Row("post", "/sondages/nouveau/", (302, 403, 302, 302, 302, 403, 302, 403), _poll_data()),
    # --- edit and publish ---
    # A draft is seen by its author and the association's staff (of any site: they may only change their own).
    "edit the leader's draft": Row("get", "/sondages/{draft}/modifier/", (302, 404, 200, 200, 403, 404, 404, 200)),
    "save the leader's draft": Row(
        "post", "/sondages/{draft}/modifier/", (302, 404, 302, 302, 403, 404, 404, 302), _poll_data(title="Modifié")
    ),
    "edit an open poll": Row("get", "/sondages/{open}/modifier/", (302, 403, 403, 200, 403, 404, 404, 200)),
    "publish the draft": Row("post", "/sondages/{draft}/publier/", (302, 404, 403, 302, 403, 404, 404, 302), {}),
    "publish by GET": Row("get", "/sondages/{draft}/publier/", (302, 405, 405, 405, 405, 405, 405, 405)),
    # --- notices: channels, inbox, content links ---
    "notice channels": Row("get", "/mon-espace/prevenir/", (302, 200, 200, 200, 200, 200, 200, 200)),
    "save notice channels": Row(
        "post", "/mon-espace/prevenir/", (302, 302, 302, 302, 302, 302, 302, 302), {"polls-email": "on"}
    ),
    "inbox": Row("get", "/notifications/", (302, 200, 200, 200, 200, 200, 200, 200)),
    # The youth's own notice; anyone else's attempt changes nothing (test below) and says nothing.
    "mark a notice read": Row("post", "/notifications/{notice}/lu/", (302, 302, 302, 302, 302, 302, 302, 302), {}),
    "mark all read": Row("post", "/notifications/tout-lu/", (302, 302, 302, 302, 302, 302, 302, 302), {}),
    "inbox API": Row("get", "/api/v1/notifications/", (401, 200, 200, 200, 200, 200, 200, 200)),
    "mark a notice read by API": Row(
        "post", "/api/v1/notifications/{notice}/read/", (401, 200, 404, 404, 404, 404, 404, 404), {}
    ),
    "a published comment": Row("get", "/contenu/cms.comment:{comment}/", (302, 302, 302, 302, 302, 404, 404, 302)),
    # Its author (the leader) and the association's staff see it; other members and associations do not.
    "a comment awaiting review": Row(
        "get", "/contenu/cms.comment:{pending_comment}/", (302, 404, 302, 302, 302, 404, 404, 302)
    ),
    "a malformed content link": Row("get", "/contenu/cms.comment:abc/", (302, 404, 404, 404, 404, 404, 404, 404)),
    "an unknown content type": Row("get", "/contenu/auth.user:1/", (302, 404, 404, 404, 404, 404, 404, 404)),
    # --- the queue with approvals, the journal ---
    "moderation queue": Row("get", "/moderation/", (302, 403, 403, 200, 200, 403, 200, 200)),
    "approvals API": Row("get", "/api/v1/moderation/approvals/", (401, 403, 403, 200, 200, 403, 200, 200)),
    "publish the draft from the queue": Row(
        "post",
        "/api/v1/moderation/approvals/votes.poll:{draft}/decision/",
        (401, 403, 403, 200, 404, 403, 404, 200),
        {"action": "publish"},
    ),
    "moderation journal": Row("get", "/moderation/journal/?q=awa", (302, 403, 403, 200, 200, 403, 200, 200)),
    # --- people ---
    "directory": Row("get", "/membres/?q=awa", (302, 200, 200, 200, 200, 200, 200, 200)),
    "directory, all sites, staff filters": Row(
        "get", "/membres/?section=all&age=14-17&status=suspended", (302, 200, 200, 200, 200, 200, 200, 200)
    ),
    "a youth's member page": Row("get", "/membres/{youth_membership}/", (302, 200, 200, 200, 200, 404, 404, 200)),
    "members API": Row("get", "/api/v1/members/?q=awa", (401, 200, 200, 200, 200, 200, 200, 200)),
    # --- registrants of the leader's event ---
    "events list": Row("get", "/evenements/", (302, 200, 200, 200, 200, 200, 200, 200)),
    "registrants CSV": Row("get", "/evenements/{event}/inscrits.csv", (302, 403, 200, 200, 403, 404, 404, 200)),
    "registrants print view": Row(
        "get", "/evenements/{event}/inscrits/imprimer/", (302, 403, 200, 200, 403, 404, 404, 200)
    ),
    "undo a check-in": Row(
        "post",
        "/evenements/{event}/pointage/annuler/",
        (302, 403, 302, 302, 403, 404, 404, 302),
        {"user": "{youth_id}"},
    ),
}


@pytest.fixture
def world(site_tree, association, bamako, kita, elsewhere, youth, leader, staff, kita_staff, foreign_staff, admin):
    leader.phone, leader.email = SECRETS["phone"], SECRETS["email"]
    leader.save(update_fields=["phone", "email"])
    people = {
        "visitor": None,
        "youth": youth,
        "leader": leader,
        "staff": staff,
        "kita_staff": kita_staff,
        "foreign_youth": member_of(elsewhere, Role.YOUTH, username="youth.autre"),
        "foreign_staff": foreign_staff,
        "admin": admin,
    }
    draft = build_poll(
        association,
        state="draft",
        sections=[bamako],
        title=SECRETS["draft"],
        created_by=leader,
        labels=[SECRETS["draft_option"], "Autre"],
    )
    event = Event.objects.create(
        association=association,
        section=bamako,
        title="Atelier matrice",
        kind="workshop",
        place="Centre",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=timezone.now() + datetime.timedelta(days=3, hours=2),
        status=EventStatus.PUBLISHED,
        created_by=leader,
    )
    event.organisers.set([leader])
    Registration.objects.create(
        event=event, member=youth, status="confirmed", code="MATRIX7Q", checked_in_at=timezone.now()
    )
    ensure_workflow(association)
    ensure_association_pages(association)
    page = publish_as_staff(staff, bamako)  # an activity for members: its comments have a place to be shown
    comment = Comment.objects.create(
        page=page, author=youth, association=association, section=bamako, text="Bravo", status="published"
    )
    pending = Comment.objects.create(
        page=page,
        author=leader,
        association=association,
        section=bamako,
        text=SECRETS["pending_comment"],
        status=ModerationStatus.PENDING,
    )
    ids = {
        "association": association.pk,
        "foreign_association": elsewhere.association_id,
        "draft": draft.pk,
        "open": build_poll(association, sections=[bamako]).pk,
        "closed": close_now(build_poll(association, sections=[bamako])).pk,
        "notice": Notification.objects.create(recipient=youth, kind="votes.opened", text=SECRETS["notice"]).pk,
        "comment": comment.pk,
        "pending_comment": pending.pk,
        "youth_membership": youth.memberships.get().pk,
        "youth_id": youth.pk,
        "event": event.pk,
    }
    return people, ids


def _status(client, row: Row, ids: dict) -> tuple[int, str]:
    """The row's request, rolled back afterwards so that each row sees the same world."""
    url = row.url.format(**ids)
    with transaction.atomic():
        data = {
            key: value.format(**ids) if isinstance(value, str) else value for key, value in (row.data or {}).items()
        }
        response = client.get(url) if row.method == "get" else client.post(url, data)
        transaction.set_rollback(True)
    cache.clear()
    return response.status_code, response.content.decode(errors="replace") + response.get("Location", "")


@pytest.mark.parametrize("role", ROLES)
def test_every_row_gives_the_expected_status_and_no_private_data(client, world, role):
    people, ids = world
    if people[role] is not None:
        client.force_login(people[role])
    got, leaks = {}, {}
    for name, row in ROWS.items():
        status, body = _status(client, row, ids)
        got[name] = status
        if status >= 300:
            leaks[name] = [key for key, secret in SECRETS.items() if secret in body]
    expected = {name: row.expected[ROLES.index(role)] for name, row in ROWS.items()}
    assert got == expected
    assert not {name: found for name, found in leaks.items() if found}
    assert max(got.values()) < 500


def test_every_row_has_a_status_for_every_role():
    assert all(len(row.expected) == len(ROLES) for row in ROWS.values())


def test_nobody_marks_someone_elses_notice_read(client, world):
    people, ids = world
    for role in ("leader", "staff", "foreign_staff", "admin"):
        client.force_login(people[role])
        client.post(f"/notifications/{ids['notice']}/lu/")
        client.post("/notifications/tout-lu/")
    assert Notification.objects.get(pk=ids["notice"]).read_at is None
