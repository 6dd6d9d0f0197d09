"""The membership facts the cms asks (kept small and local; the permission names are in cms/rules.py)."""

from associations.predicates import staff_sections
from associations.selectors import user_memberships


def member_association_ids(viewer) -> list[int]:
    return list(user_memberships(viewer)) if getattr(viewer, "is_authenticated", False) else []


def is_member(viewer, association_id: int) -> bool:
    """A member of the association (suspended or not: reading is not participating), or a platform admin."""
    if not getattr(viewer, "is_authenticated", False):
        return False
    return viewer.is_superuser or association_id in user_memberships(viewer)


def staff_association_ids(viewer) -> list[int]:
    return list(staff_sections(viewer)) if getattr(viewer, "is_authenticated", False) else []
