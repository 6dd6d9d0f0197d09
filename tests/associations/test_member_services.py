import datetime

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from associations.models import Membership, Notification, Role
from associations.predicates import is_active_member
from associations.services import members as services
from config.errors import DomainError, Forbidden

pytestmark = pytest.mark.django_db(transaction=True)


def m(user) -> Membership:
    return Membership.objects.get(user=user)


def test_suspension_blocks_participation_until_its_end(staff, other_youth, association):
    until = timezone.now() + datetime.timedelta(days=3)
    services.member_suspend(actor=staff, membership=m(other_youth), until=until, reason="Insultes")
    other_youth = type(other_youth).objects.get(pk=other_youth.pk)
    assert is_active_member(other_youth, association) is False
    # The end date passes: the suspension lifts by itself, no job needed.
    Membership.objects.filter(pk=m(other_youth).pk).update(suspended_until=timezone.now() - datetime.timedelta(1))
    other_youth = type(other_youth).objects.get(pk=other_youth.pk)
    assert is_active_member(other_youth, association) is True
    assert Notification.objects.filter(recipient=other_youth, kind="member.suspended").exists()


def test_suspend_requires_reason_future_date_and_the_right_staff(staff, kita_staff, other_youth):
    future = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(DomainError):
        services.member_suspend(actor=staff, membership=m(other_youth), until=future, reason="  ")
    with pytest.raises(DomainError):
        services.member_suspend(
            actor=staff, membership=m(other_youth), until=timezone.now() - datetime.timedelta(1), reason="x"
        )
    with pytest.raises(Forbidden):
        services.member_suspend(actor=kita_staff, membership=m(other_youth), until=future, reason="x")
    with pytest.raises(Forbidden):
        services.member_suspend(actor=other_youth, membership=m(other_youth), until=future, reason="x")


def test_every_staff_action_is_audited(staff, other_youth, admin):
    target = m(other_youth)
    services.member_warn(actor=staff, membership=target, reason="Attention")
    services.member_suspend(actor=staff, membership=target, until=timezone.now() + datetime.timedelta(1), reason="x")
    services.member_reactivate(actor=staff, membership=target)
    services.member_change_role(actor=staff, membership=target, role=Role.LEADER)
    services.guardian_consent_record(actor=staff, membership=target)
    services.member_erase(actor=staff, membership=target)
    entries = ModelLogEntry.objects.filter(object_id=str(target.pk)).order_by("timestamp", "id")
    assert [e.action for e in entries] == [
        "ton.member.warn",
        "ton.member.suspend",
        "ton.member.reactivate",
        "ton.member.role",
        "ton.member.consent",
        "ton.member.erase",
    ]
    assert all(e.user_id == staff.pk for e in entries)


def test_only_admins_make_staff(staff, other_youth, admin):
    with pytest.raises(Forbidden):
        services.member_change_role(actor=staff, membership=m(other_youth), role=Role.STAFF)
    services.member_change_role(actor=admin, membership=m(other_youth), role=Role.STAFF)
    assert m(other_youth).role == Role.STAFF


def test_erase_removes_personal_data_and_keeps_the_membership(staff, other_youth):
    other_youth.phone = "+22376123456"
    other_youth.email = "moussa@example.org"
    other_youth.save()
    services.member_erase(actor=staff, membership=m(other_youth))
    erased = type(other_youth).objects.get(pk=other_youth.pk)
    assert erased.phone == erased.email == erased.display_name == ""
    assert erased.birth_year is None
    assert erased.public_name in {"former member", "ancien membre"}
    assert not erased.has_usable_password()
    assert not erased.is_active
    assert Membership.objects.filter(user=erased).exists()


def test_erased_member_leaves_the_directory(client, staff, other_youth, youth):
    services.member_erase(actor=staff, membership=m(other_youth))
    client.force_login(youth)
    html = client.get("/membres/").content.decode()
    assert "Moussa" not in html and "Awa K." in html
