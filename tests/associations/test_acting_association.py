"""associations.selectors.acting_association: which association the actor acts for, answered once for
pages, API and services; a wrong or foreign id is a clear 4xx, never a 500."""

from datetime import timedelta

import pytest
from django.utils import timezone

from associations.selectors import acting_association
from config.errors import Forbidden, NotFound
from events.services import event_create
from tests.factories import MembershipFactory, member_of


def test_no_membership_is_forbidden(member):
    with pytest.raises(Forbidden):
        acting_association(member)


def test_one_membership_is_the_default(association, youth):
    assert acting_association(youth) == association
    assert acting_association(youth, str(association.pk)) == association
    assert acting_association(youth, association) == association


def test_several_memberships_default_to_the_first_and_honour_the_one_asked(association, bamako, elsewhere):
    user = member_of(bamako)
    MembershipFactory(user=user, section=elsewhere)
    other = elsewhere.association
    first = min(association, other, key=lambda a: a.pk)
    assert acting_association(user) == first
    assert acting_association(user, other.pk) == other
    assert acting_association(user, association.pk) == association


def test_unknown_association_is_not_found(youth):
    with pytest.raises(NotFound):
        acting_association(youth, "999999")


@pytest.mark.parametrize("wanted", ["", "abc", "-1", "²", "9" * 30])
def test_text_that_is_no_id_keeps_the_default(association, youth, wanted):
    assert acting_association(youth, wanted) == association


def test_foreign_association_is_forbidden_except_for_a_platform_admin(youth, admin, elsewhere):
    with pytest.raises(Forbidden):
        acting_association(youth, elsewhere.association.pk)
    with pytest.raises(Forbidden):
        acting_association(youth, elsewhere.association)
    assert acting_association(admin, elsewhere.association.pk) == elsewhere.association


def test_foreign_or_unknown_association_through_pages_and_api_is_a_4xx(
    client, api_client, site_tree, leader, elsewhere
):
    foreign = elsewhere.association.pk
    client.force_login(leader)
    api_client.force_authenticate(leader)
    assert client.get("/evenements/nouveau/", {"association": foreign}).status_code == 403
    assert client.get("/evenements/nouveau/", {"association": "999999"}).status_code == 404
    now = timezone.now()
    poll = {
        "title": "Sondage",
        "question": "?",
        "options": ["A", "B"],
        "opens_at": (now + timedelta(days=1)).isoformat(),
        "closes_at": (now + timedelta(days=2)).isoformat(),
    }
    assert api_client.post("/api/v1/polls/", {**poll, "association": foreign}, format="json").status_code == 403
    assert api_client.post("/api/v1/polls/", {**poll, "association": 999999}, format="json").status_code == 404
    assert client.get("/evenements/nouveau/").status_code == 200  # their own association by default


def test_services_resolve_the_association_themselves(association, bamako, leader):
    starts = timezone.now() + timedelta(days=2)
    data = {"title": "Atelier", "kind": "workshop", "starts_at": starts, "ends_at": starts + timedelta(hours=1)}
    assert event_create(actor=leader, section=bamako, data=data).association == association
