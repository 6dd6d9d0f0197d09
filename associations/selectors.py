"""Reads of the members side, in a fixed number of queries."""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from associations.models import Association, Membership, Notification, Section, User
from config.errors import Forbidden, NotFound
from config.parsing import parse_id


def user_memberships(user) -> dict[int, Membership]:
    """The user's memberships by association id, loaded once per user object (one query).

    Each carries `effective`: whether `Membership.objects.effective()` counts it now (the membership
    facts in `associations.predicates` read that flag, never the status)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_ton_memberships", None)
    if cached is None:
        effective = Exists(Membership.objects.effective().filter(pk=OuterRef("pk")))
        memberships = Membership.objects.filter(user=user).annotate(effective=effective)
        cached = {m.association_id: m for m in memberships.select_related("section", "association")}
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


def acting_association(user, wanted: Association | int | str | None = None) -> Association:
    """The association `user` acts for when creating something: `wanted` (an association, or its id as
    sent by a form or the API) when they belong to it — any existing one for a platform admin — else the
    one they belong to (the first when several). The one answer for pages, API and services.

    NotFound for an id of no association; Forbidden for an association that is not theirs or for a user
    who belongs to none."""
    if not isinstance(wanted, Association) and parse_id(wanted) is None:
        # Not given, or text that is no id at all ("²", a 30-digit number): the page keeps its default.
        membership = primary_membership(user)
        if membership is None:
            raise Forbidden(_("Only members of an association can do this."), code="no_association")
        return membership.association
    if isinstance(wanted, Association):
        association = wanted  # the caller's own object: its fields may be fresher than a cached membership's
    else:
        membership = user_memberships(user).get(parse_id(wanted))
        association = membership.association if membership else Association.objects.filter(pk=parse_id(wanted)).first()
    if association is None:
        raise NotFound(_("This association does not exist."))
    if association.pk in user_memberships(user) or getattr(user, "is_superuser", False):
        return association
    raise Forbidden(_("You do not act for this association."), code="not_member")


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


def may_filter_by_section(viewer) -> bool:
    """Leaders and staff see members' sites, so they may also narrow the directory to one site."""
    return viewer.is_superuser or any(m.is_leader_or_staff for m in user_memberships(viewer).values())


def directory_sections(viewer) -> QuerySet[Section]:
    """Sites offered by the directory's filter: every site of the viewer's associations."""
    if not may_filter_by_section(viewer):
        return Section.objects.none()
    sections = Section.objects.order_by("name")
    return sections if viewer.is_superuser else sections.filter(association_id__in=list(user_memberships(viewer)))


UNREAD_KEY = "notices:unread:{user}"


def unread_count(user: User) -> int:
    """The header's badge, on every page: counted once, then read from the cache until a notification of
    this user is written, deleted or marked read (associations.signals, associations.services.notifications).
    Counted every time while Redis is down: a process's own memory would miss another's changes."""
    from config.pagecache import shared_cache_up

    key = UNREAD_KEY.format(user=user.pk)
    count = cache.get(key) if shared_cache_up() else None
    if count is None or not shared_cache_up():
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        if shared_cache_up():
            cache.set(key, count, 3600)
    return count


def forget_unread(user_ids) -> None:
    """Now and after the transaction commits (a page read in between counted the old rows)."""
    keys = [UNREAD_KEY.format(user=pk) for pk in set(user_ids)]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def inbox(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def audience_members(
    association_id: int, *, roles=(), sections=(), year: int, min_age: int | None, max_age: int | None
) -> QuerySet[User]:
    """Members an invitation reaches (a poll's voters, an event's audience), as one filter: memberships that
    grant rights now, in these roles (all when empty) and sections (all when empty), of an age in `year`
    within the bounds; erased accounts never."""
    memberships = Membership.objects.effective().filter(association_id=association_id)
    if roles:
        memberships = memberships.filter(role__in=roles)
    if sections:
        memberships = memberships.filter(section_id__in=sections)
    if min_age is not None:
        memberships = memberships.filter(user__birth_year__lte=year - min_age)
    if max_age is not None:
        memberships = memberships.filter(user__birth_year__gte=year - max_age)
    return User.objects.filter(pk__in=memberships.values("user_id"), erased_at__isnull=True)
