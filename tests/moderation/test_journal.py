"""The moderation log in words (/moderation/journal/): member actions and content decisions, named in words,
filtered by a member picked by name, scoped to the sections the staff member runs; pinned query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from associations.models import Membership
from associations.services.members import member_reactivate, member_suspend, member_warn
from bench.budgets import PAGE_BUDGET_BYTES, page_weight
from moderation.content import ModerationStatus
from moderation.services import item_decide
from tests.moderation.conftest import item_id

pytestmark = pytest.mark.django_db

URL = "/moderation/journal/"


def _suspend(staff, user, reason="Insultes", days=7):
    member_suspend(
        actor=staff,
        membership=Membership.objects.get(user=user),
        until=timezone.now() + datetime.timedelta(days=days),
        reason=reason,
    )


def test_member_actions_and_decisions_in_words(client, make_comment, youth, other_youth, staff):
    _suspend(staff, youth)
    member_reactivate(actor=staff, membership=Membership.objects.get(user=youth))
    member_warn(actor=staff, membership=Membership.objects.get(user=other_youth), reason="Langage")
    pending = make_comment(other_youth, text="Un message à refuser", status=ModerationStatus.PENDING)
    item_decide(actor=staff, item_id=item_id(pending), action="reject", reason="Hors sujet")
    client.force_login(staff)
    html = client.get(URL).content.decode()
    assert "Éducatrice Bamako a suspendu Awa K. jusqu&#x27;au" in html and "Insultes" in html
    assert "Éducatrice Bamako a levé la suspension de Awa K." in html
    assert "Éducatrice Bamako a averti Moussa D." in html and "Langage" in html
    assert "Éducatrice Bamako a refusé «\u00a0Un message à refuser\u00a0» (commentaire de Moussa D.)" in html
    assert "cms.comment:" not in html and f"member={youth.pk}" not in html  # words, not ids


def test_english_for_staff_who_read_english(client, youth, staff):
    _suspend(staff, youth)
    staff.language = "en"
    staff.save()
    client.force_login(staff)
    client.cookies["ton_language"] = "en"
    html = client.get(URL).content.decode()
    assert "Éducatrice Bamako suspended Awa K. until" in html


def test_filtered_by_a_member_picked_by_name(client, youth, other_youth, staff):
    _suspend(staff, youth, reason="Pour Awa")
    member_warn(actor=staff, membership=Membership.objects.get(user=other_youth), reason="Pour Moussa")
    client.force_login(staff)
    html = client.get(URL, {"member": "awa"}).content.decode()
    assert "Pour Awa" in html and "Pour Moussa" not in html
    by_id = client.get(URL, {"member": str(other_youth.pk)}).content.decode()  # the member page's link
    assert "Pour Moussa" in by_id and "Pour Awa" not in by_id
    nobody = client.get(URL, {"member": "personne"}).content.decode()
    assert "Pour Awa" not in nobody and "Pour Moussa" not in nobody


def test_scoped_to_the_staff_sections(client, youth, kita_youth, staff, kita_staff, foreign_staff, admin):
    _suspend(staff, youth, reason="À Bamako")
    _suspend(kita_staff, kita_youth, reason="À Kita")
    client.force_login(kita_staff)
    html = client.get(URL).content.decode()
    assert "À Kita" in html and "À Bamako" not in html
    assert "À Bamako" not in client.get(URL, {"member": "awa"}).content.decode()
    client.force_login(foreign_staff)
    html = client.get(URL).content.decode()
    assert "À Kita" not in html and "À Bamako" not in html
    client.force_login(admin)
    html = client.get(URL).content.decode()
    assert "À Kita" in html and "À Bamako" in html


@pytest.mark.parametrize(("role", "status"), [("youth", 403), ("leader", 403), (None, 302)])
def test_denied_to_members_and_visitors(client, request, role, status):
    if role:
        client.force_login(request.getfixturevalue(role))
    assert client.get(URL).status_code == status


def test_linked_from_the_member_page_and_directory(client, youth, staff):
    client.force_login(staff)
    target = Membership.objects.get(user=youth)
    assert f'href="/moderation/journal/?member={youth.pk}"' in client.get(f"/membres/{target.pk}/").content.decode()
    assert 'href="/moderation/journal/"' in client.get("/membres/").content.decode()


def _count(client) -> tuple[int, bytes]:
    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries), response.content


# Pinned. Every staff page (6); the journal adds the sections' memberships, the page count, the entries, the
# memberships they name and one query per content type named (comments here) (5).
JOURNAL_QUERIES = 12  # names follow the display rule: one query for the viewer's sites


def test_journal_queries_do_not_grow_and_page_fits(client, make_comment, youth, other_youth, staff, site_tree):
    def grow(n):
        for i in range(n):
            member_warn(actor=staff, membership=Membership.objects.get(user=youth), reason=f"Avertissement {i}")
            pending = make_comment(other_youth, text=f"Commentaire {i}", status=ModerationStatus.PENDING)
            item_decide(actor=staff, item_id=item_id(pending), action="reject", reason="Non")

    client.force_login(staff)
    grow(2)
    small, _ = _count(client)
    grow(20)
    big, html = _count(client)
    assert (small, big) == (JOURNAL_QUERIES, JOURNAL_QUERIES)
    assert page_weight(html)["total"] <= PAGE_BUDGET_BYTES
