"""Reads of the members side, in a fixed number of queries."""

from django.db.models import QuerySet

from associations.models import Association, Membership, Notification, Role, User


def user_memberships(user) -> dict[int, Membership]:
    """The user's memberships by association id, loaded once per user object (one query)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_ton_memberships", None)
    if cached is None:
        cached = {
            m.association_id: m for m in Membership.objects.filter(user=user).select_related("section", "association")
        }
        user._ton_memberships = cached
    return cached


def membership_in(user, association: Association | int | None) -> Membership | None:
    if association is None:
        return None
    association_id = association if isinstance(association, int) else association.pk
    return user_memberships(user).get(association_id)


def primary_membership(user) -> Membership | None:
    """The membership pages default to: the user's first association (most have exactly one)."""
    memberships = user_memberships(user)
    return memberships[min(memberships)] if memberships else None


def memberships_visible_to(viewer) -> QuerySet[Membership]:
    """Memberships whose display name the viewer may see: their own associations only; none for visitors."""
    base = (
        Membership.objects.select_related("user", "section", "association")
        .filter(user__erased_at__isnull=True)  # erased members leave the directory; their content stays
        .order_by("user__display_name", "pk")
    )
    if not getattr(viewer, "is_authenticated", False):
        return base.none()
    if viewer.is_superuser:
        return base
    return base.filter(association_id__in=list(user_memberships(viewer)))


def staff_sections(viewer) -> dict[int, set[int]]:
    """Section ids the viewer manages, by association id (staff manage their own section)."""
    return {
        m.association_id: {m.section_id}
        for m in user_memberships(viewer).values()
        if m.role == Role.STAFF and not m.is_suspended
    }


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def inbox(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)
