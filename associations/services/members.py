"""Staff actions on members: every one checked against the policy, done in a transaction, audited."""

import datetime

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.audit import audit
from associations.models import Membership, MembershipStatus, Role, User
from associations.personal_data import erase_all
from associations.services.notifications import notify
from config.errors import DomainError, Forbidden


def _require_manager(actor: User, membership: Membership) -> None:
    if not actor.has_perm("associations.manage_membership", membership):
        raise Forbidden(_("Only the staff of this member's section may do this."))


@transaction.atomic
def member_suspend(*, actor: User, membership: Membership, until: datetime.datetime, reason: str) -> Membership:
    """Suspend until a date: the member can still read but not post, comment, vote or register."""
    _require_manager(actor, membership)
    if membership.user_id == actor.pk:
        raise DomainError(_("You cannot suspend yourself."))
    if until <= timezone.now():
        raise DomainError(_("The end of the suspension must be in the future."), code="invalid_date")
    if not reason.strip():
        raise DomainError(_("Give a reason for the suspension."), code="reason_required")
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    membership.status = MembershipStatus.SUSPENDED
    membership.suspended_until = until
    membership.suspension_reason = reason.strip()[:300]
    membership.save(update_fields=["status", "suspended_until", "suspension_reason"])
    audit(membership, "ton.member.suspend", user=actor, until=until.isoformat(), reason=membership.suspension_reason)
    notify(
        [membership.user],
        kind="member.suspended",
        message=_("Your account is suspended until %(date)s: %(reason)s"),
        params={"date": timezone.localtime(until).strftime("%d/%m/%Y"), "reason": membership.suspension_reason},
    )
    return membership


@transaction.atomic
def member_reactivate(*, actor: User, membership: Membership) -> Membership:
    _require_manager(actor, membership)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    membership.status = MembershipStatus.ACTIVE
    membership.suspended_until = None
    membership.suspension_reason = ""
    membership.save(update_fields=["status", "suspended_until", "suspension_reason"])
    audit(membership, "ton.member.reactivate", user=actor)
    notify([membership.user], kind="member.reactivated", message=_("Your account is active again."))
    return membership


@transaction.atomic
def member_warn(*, actor: User, membership: Membership, reason: str) -> None:
    """A written warning: a notification to the member, recorded in the audit log."""
    _require_manager(actor, membership)
    if not reason.strip():
        raise DomainError(_("Give a reason for the warning."), code="reason_required")
    audit(membership, "ton.member.warn", user=actor, reason=reason.strip())
    notify(
        [membership.user],
        kind="member.warned",
        message=_("Warning from the staff: %(reason)s"),
        params={"reason": reason.strip()},
    )


@transaction.atomic
def member_change_role(*, actor: User, membership: Membership, role: str) -> Membership:
    """Staff switch members between youth and leader; only platform admins make staff."""
    _require_manager(actor, membership)
    if role not in Role.values:
        raise DomainError(_("Unknown role."), code="invalid_role")
    if Role.STAFF in {role, membership.role} and not actor.is_superuser:
        raise Forbidden(_("Only a platform administrator manages staff."))
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit(membership, "ton.member.role", user=actor, previous=previous, role=role)
    return membership


@transaction.atomic
def member_erase(*, actor: User, membership: Membership) -> User:
    """Remove a member's personal data. Contributions stay, shown as "former member"; votes stay counted
    (ballots were never linked to the person)."""
    _require_manager(actor, membership)
    user = User.objects.select_for_update().get(pk=membership.user_id)
    if user.pk == actor.pk:
        raise DomainError(_("You cannot erase your own account here."))
    audit(membership, "ton.member.erase", user=actor)
    user.username = f"ancien-{user.pk}"
    user.display_name = ""
    user.first_name = user.last_name = user.email = user.phone = ""
    user.birth_year = None
    user.gender = "undisclosed"
    user.guardian_consent_at = None
    user.guardian_consent_by = None
    user.password = make_password(None)
    user.is_active = False
    user.erased_at = timezone.now()
    user.save()
    user.login_codes.all().delete()
    user.notifications.all().delete()
    user.notice_preferences.all().delete()
    erase_all(user)  # what other apps keep about the person (e.g. insertion pathways)
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user=user).delete()
    return user


@transaction.atomic
def guardian_consent_record(*, actor: User, membership: Membership, day: datetime.date | None = None) -> User:
    """Staff record that a minor's guardian consented (date and who recorded it)."""
    _require_manager(actor, membership)
    user = membership.user
    user.guardian_consent_at = day or timezone.localdate()
    user.guardian_consent_by = actor
    user.save(update_fields=["guardian_consent_at", "guardian_consent_by"])
    audit(membership, "ton.member.consent", user=actor, day=user.guardian_consent_at.isoformat())
    return user
