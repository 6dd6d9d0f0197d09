"""The membership facts every app's permissions are built from (`associations.predicates`).

Each fact is checked for the states a membership can be in, for another association, for visitors and for
platform admins, and against `Membership.objects.effective()`: a suspension that has ended counts as
active everywhere, one still running counts nowhere.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from associations import predicates
from associations.models import Membership, MembershipStatus, Role
from events.models import Event, EventStatus
from moderation.models import QueueEntry
from tests.factories import member_of
from votes.models import Poll

pytestmark = pytest.mark.django_db

# name -> (status, suspended_until as an offset from now, or None)
STATES = {
    "active": (MembershipStatus.ACTIVE, None),
    "suspension_running": (MembershipStatus.SUSPENDED, timedelta(days=3)),
    "suspension_ended": (MembershipStatus.SUSPENDED, -timedelta(minutes=1)),
    "suspended_without_end": (MembershipStatus.SUSPENDED, None),
}
COUNTS = {"active": True, "suspension_running": False, "suspension_ended": True, "suspended_without_end": False}


def fresh(user):
    """The same user as a new request would load it (the membership cache lives on the user object)."""
    return type(user).objects.get(pk=user.pk)


def put_in_state(user, state: str) -> Membership:
    status, offset = STATES[state]
    membership = Membership.objects.get(user=user)
    membership.status = status
    membership.suspended_until = timezone.now() + offset if offset is not None else None
    membership.save()
    return membership


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", [Role.YOUTH, Role.LEADER, Role.STAFF])
def test_each_fact_follows_the_effective_queryset(bamako, association, role, state):
    user = member_of(bamako, role)
    membership = put_in_state(user, state)
    counts = Membership.objects.effective().filter(pk=membership.pk).exists()
    assert counts is COUNTS[state]
    user = fresh(user)
    assert predicates.is_active_member(user, association) is counts
    assert predicates.is_active_staff(user, association) is (counts and role == Role.STAFF)
    assert predicates.is_active_leader_or_staff(user, association) is (counts and role != Role.YOUTH)
    assert predicates.is_active_staff_anywhere(user) is (counts and role == Role.STAFF)
    assert predicates.is_active_leader_or_staff_anywhere(user) is (counts and role != Role.YOUTH)
    assert (predicates.active_membership(user, association) is not None) is counts


def test_scope_may_be_the_association_its_id_or_an_object_of_it(staff, association, bamako):
    event = Event(association=association, section=bamako, status=EventStatus.PUBLISHED)
    membership = Membership.objects.get(user=staff)
    for scope in (association, association.pk, membership, event):
        assert predicates.is_active_staff(staff, scope) is True
    assert predicates.is_active_staff(staff, None) is False  # a model-level question: no object, no right


def test_another_association_grants_nothing(staff, leader, youth, elsewhere):
    other = elsewhere.association
    assert predicates.is_active_member(youth, other) is False
    assert predicates.is_active_leader_or_staff(leader, other) is False
    assert predicates.is_active_staff(staff, other) is False
    assert predicates.is_section_staff(staff, Event(association=other, section=elsewhere)) is False


def test_staff_of_a_section(staff, kita_staff, bamako, kita, association):
    assert predicates.is_active_staff(staff, association, section=bamako) is True
    assert predicates.is_active_staff(staff, association, section=bamako.pk) is True
    assert predicates.is_active_staff(staff, association, section=kita) is False
    # An object of a section asks for that section; one for the whole association, for any staff.
    assert predicates.is_section_staff(staff, Event(association=association, section=kita)) is False
    assert predicates.is_section_staff(kita_staff, Event(association=association, section=kita)) is True
    assert predicates.is_section_staff(kita_staff, Event(association=association, section=None)) is True
    assert predicates.is_section_staff(staff, QueueEntry(association=association, section=None)) is True
    assert predicates.is_section_staff(staff, None) is False


def test_a_leader_or_a_youth_is_not_staff(leader, youth, association, bamako):
    for user in (leader, youth):
        assert predicates.is_active_staff(user, association) is False
        assert predicates.is_section_staff(user, Event(association=association, section=bamako)) is False
        assert predicates.active_staff_memberships(user) == []


def test_platform_admin(admin, staff, association):
    assert predicates.is_platform_admin(admin) is True
    assert predicates.is_platform_admin(staff) is False
    assert predicates.is_platform_admin(AnonymousUser()) is False
    # Admin is its own fact: an admin holds no membership, yet runs every association.
    assert predicates.is_active_staff(admin, association) is False
    assert predicates.is_staff_of(admin, association) is True
    assert predicates.is_staff_of(staff, association) is True


def test_visitors_and_members_without_membership_have_no_fact(member, association):
    for user in (AnonymousUser(), member):
        assert predicates.is_active_member(user, association) is False
        assert predicates.is_active_staff(user, association) is False
        assert predicates.is_active_leader_or_staff(user, association) is False
        assert predicates.is_active_staff_anywhere(user) is False
        assert predicates.is_staff_of(user, association) is False


def test_many_questions_cost_one_query(staff, association, bamako, django_assert_num_queries):
    user = fresh(staff)
    event = Event(association=association, section=bamako)
    with django_assert_num_queries(1):
        assert predicates.is_active_member(user, association)
        assert predicates.is_active_staff(user, association, section=bamako)
        assert predicates.is_section_staff(user, event)
        assert predicates.is_active_leader_or_staff(user, association.pk)
        assert predicates.is_active_staff_anywhere(user)
        assert user.has_perm("events.publish_event", event)


def _poll(association) -> Poll:
    poll = Poll(association=association, published=True)
    poll._section_ids = set()  # for the whole association (what selectors prefetch)
    return poll


@pytest.mark.parametrize("state", STATES)
def test_every_app_counts_a_suspension_the_same_way(bamako, association, state):
    """Staff whose suspension has ended act as staff in every app; staff still suspended act in none."""
    user = member_of(bamako, Role.STAFF)
    membership = put_in_state(user, state)
    user = fresh(user)
    acts = COUNTS[state]
    event = Event(association=association, section=bamako, status=EventStatus.PENDING)
    entry = QueueEntry(association=association, section=bamako)
    other = Membership.objects.get(pk=member_of(bamako, Role.YOUTH).memberships.get().pk)
    answers = {
        "associations.manage_membership": user.has_perm("associations.manage_membership", other),
        "associations.enrol_members": user.has_perm("associations.enrol_members"),
        "events.publish_event": user.has_perm("events.publish_event", event),
        "moderation.view_queue": user.has_perm("moderation.view_queue"),
        "moderation.moderate_item": user.has_perm("moderation.moderate_item", entry),
        "votes.publish_poll": user.has_perm("votes.publish_poll", _poll(association)),
        "indicators.view_indicators": user.has_perm("indicators.view_indicators", association),
        "indicators.record_pathways": user.has_perm("indicators.record_pathways"),
    }
    assert answers == dict.fromkeys(answers, acts), membership.status
