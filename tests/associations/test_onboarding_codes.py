"""One-time codes: issue, check (wrong, reused, expired, replaced), first password, throttling, audit."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from associations.models import Membership, OneTimeCode, Role
from associations.services import onboarding
from config.errors import DomainError, Forbidden
from tests.factories import PASSWORD, member_of

pytestmark = pytest.mark.django_db
IP = "10.0.0.1"


@pytest.fixture
def newcomer(staff, association, bamako):
    values = {"display_name": "Awa Koné", "section": "bamako", "birth_year": 2008, "gender": "female"}
    return onboarding.member_create(actor=staff, association=association, values=values)


def check(issued, code=None, ip=IP):
    return onboarding.code_check(username=issued.username, code=code or issued.code, ip=ip)


def redeem(code, password="tambour-bleu-2026"):
    return onboarding.code_redeem(code_id=code.pk, user_id=code.user_id, password=password)


def test_code_is_accepted_once(newcomer):
    code = check(newcomer)
    user = redeem(code)
    assert user.check_password("tambour-bleu-2026") and not user.must_set_password
    assert OneTimeCode.objects.get(pk=code.pk).used_at is not None
    with pytest.raises(DomainError) as caught:
        check(newcomer)
    assert caught.value.code == "code_used"
    with pytest.raises(DomainError) as caught:
        redeem(code, "encore-un-autre-2026")
    assert caught.value.code == "code_used"


def test_code_typing_is_forgiving(newcomer):
    sloppy = newcomer.code.replace("-", " ").lower()
    assert check(newcomer, f"  {sloppy} ").pk
    assert onboarding.code_check(username=newcomer.username.upper(), code=newcomer.code, ip=IP).pk


def test_wrong_code_and_unknown_username(newcomer):
    with pytest.raises(DomainError) as caught:
        check(newcomer, "AAAA-AAAA")
    assert caught.value.code == "wrong_code"
    with pytest.raises(DomainError) as caught:
        onboarding.code_check(username="personne", code=newcomer.code, ip=IP)
    assert caught.value.code == "wrong_code"


def test_expired_code_by_clock(newcomer, monkeypatch):
    later = timezone.now() + datetime.timedelta(days=7, minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    with pytest.raises(DomainError) as caught:
        check(newcomer)
    assert caught.value.code == "code_expired"


def test_code_still_valid_before_seven_days(newcomer, monkeypatch):
    later = timezone.now() + datetime.timedelta(days=6, hours=23)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert check(newcomer).pk


def test_code_expiring_between_check_and_password_is_refused(newcomer):
    code = check(newcomer)
    OneTimeCode.objects.filter(pk=code.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    with pytest.raises(DomainError) as caught:
        redeem(code)
    assert caught.value.code == "code_expired"


@pytest.mark.parametrize("password", ["court1", "password123", "12345678901", "azertyuiop"])
def test_password_validators_apply(newcomer, password):
    code = check(newcomer)
    with pytest.raises(DomainError) as caught:
        redeem(code, password)
    assert caught.value.code == "weak_password"
    assert OneTimeCode.objects.get(pk=code.pk).used_at is None


def test_new_code_replaces_old_code_and_password(staff, newcomer):
    redeem(check(newcomer))
    membership = Membership.objects.get(pk=newcomer.membership_id)
    first = onboarding.code_issue(actor=staff, membership=membership)
    second = onboarding.code_issue(actor=staff, membership=membership)
    user = membership.user
    user.refresh_from_db()
    assert not user.has_usable_password() and user.must_set_password
    with pytest.raises(DomainError) as caught:
        check(first)
    assert caught.value.code == "code_expired"
    assert check(second).pk
    entries = ModelLogEntry.objects.filter(object_id=str(membership.pk), action="ton.member.code")
    assert entries.count() == 2 and {e.user for e in entries} == {staff}


def test_new_code_stops_the_old_password(client, staff, youth, bamako):
    credentials = {"username": "youth", "password": PASSWORD}
    assert client.post("/accounts/login/", credentials).status_code == 302
    client.logout()
    onboarding.code_issue(actor=staff, membership=Membership.objects.get(user=youth))
    response = client.post("/accounts/login/", credentials)
    assert response.status_code == 200 and "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "actor_name", ["youth", "other_youth", "leader", "kita_staff", "foreign_staff", "member"], ids=str
)
def test_only_staff_of_the_section_issue_codes(request, actor_name, other_youth):
    actor = request.getfixturevalue(actor_name)
    membership = Membership.objects.get(user=other_youth)
    with pytest.raises(Forbidden):
        onboarding.code_issue(actor=actor, membership=membership)


def test_admin_issues_codes_and_staff_cannot_for_staff(admin, staff, bamako):
    colleague = member_of(bamako, Role.STAFF, username="colleague")
    membership = Membership.objects.get(user=colleague)
    with pytest.raises(Forbidden):
        onboarding.code_issue(actor=staff, membership=membership)
    assert onboarding.code_issue(actor=admin, membership=membership).code


def test_suspended_staff_cannot_issue(staff, other_youth):
    Membership.objects.filter(user=staff).update(status="suspended", suspended_until=None)
    staff._ton_memberships = None
    with pytest.raises(Forbidden):
        onboarding.code_issue(actor=staff, membership=Membership.objects.get(user=other_youth))


def test_wrong_codes_lock_the_username_on_that_ip_only(newcomer, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        with pytest.raises(DomainError):
            check(newcomer, "AAAA-AAAA")
    with pytest.raises(DomainError) as caught:
        check(newcomer)  # even the right code, while locked
    assert caught.value.code == "locked" and caught.value.status == 429
    assert check(newcomer, ip="10.0.0.2").pk  # another connection is not locked out
    user = Membership.objects.get(pk=newcomer.membership_id).user
    assert ModelLogEntry.objects.filter(object_id=str(user.pk), action="ton.member.lockout").count() == 1


def test_other_usernames_on_a_shared_ip_are_not_locked(newcomer, staff, association, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        with pytest.raises(DomainError):
            onboarding.code_check(username="quelquun", code="AAAA-AAAA", ip=IP)
    assert check(newcomer).pk


def test_one_ip_cannot_try_codes_for_many_usernames(newcomer):
    for number in range(onboarding.IP_FAILURE_LIMIT):
        with pytest.raises(DomainError):
            onboarding.code_check(username=f"essai{number}", code="AAAA-AAAA", ip=IP)
    with pytest.raises(DomainError) as caught:
        check(newcomer)
    assert caught.value.code == "locked"


def test_success_resets_the_counter(newcomer, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        with pytest.raises(DomainError):
            check(newcomer, "AAAA-AAAA")
    assert check(newcomer).pk
    for _ in range(2):
        with pytest.raises(DomainError):
            check(newcomer, "AAAA-AAAA")
    assert check(newcomer).pk


def test_erased_member_code_is_refused(newcomer, staff):
    from associations.services.members import member_erase

    code = check(newcomer)
    member_erase(actor=staff, membership=Membership.objects.get(pk=newcomer.membership_id))
    with pytest.raises(DomainError):
        redeem(code)


def test_codes_are_distinct_and_readable():
    codes = {onboarding.generate_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(not set(c) & set("01ILO") for c in codes)
