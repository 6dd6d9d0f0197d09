"""What of a member each viewer may see, in one place for pages, API and exports."""

from associations.models import Membership, User
from associations.predicates import staff_sections

PUBLIC_FIELDS = ("display_name",)
SECTION_FIELDS = ("section",)
PRIVATE_FIELDS = (
    "username",
    "phone",
    "email",
    "birth_year",
    "gender",
    "language",
    "guardian_consent_at",
    "role",
    "status",
    "suspended_until",
    "is_safeguarding_lead",
    "is_coordinator",
    "joined_at",
)


def _site_member_ids(viewer) -> frozenset[int]:
    """Ids of the members of the sections the viewer is staff of (one query per viewer object, so a list of
    names costs the same for one name or a hundred)."""
    cached = getattr(viewer, "_ton_site_member_ids", None)
    if cached is None:
        sections = {section for ids in staff_sections(viewer).values() for section in ids}
        cached = frozenset(
            Membership.objects.filter(section_id__in=sections).values_list("user_id", flat=True) if sections else ()
        )
        viewer._ton_site_member_ids = cached
    return cached


def sees_full_name(viewer, user: User) -> bool:
    """The member themself, platform admins, and staff of a site the member belongs to."""
    if not getattr(viewer, "is_authenticated", False) or user is None:
        return False
    return viewer.pk == user.pk or viewer.is_superuser or user.pk in _site_member_ids(viewer)


def member_name(viewer, user: User | None) -> str:
    """The one rule for showing a member's name: the full name to themself and the staff of their site,
    first name and initial ("Fanta S.") to every other member and visitor. Used by every page, the API
    and exports."""
    if user is None:
        return ""
    return user.full_name if sees_full_name(viewer, user) else user.public_name


def visible_member_fields(viewer, membership: Membership) -> set[str]:
    fields = set(PUBLIC_FIELDS)
    if viewer.has_perm("associations.view_membership_section", membership):
        fields |= set(SECTION_FIELDS) | {"role"}
    if viewer.has_perm("associations.view_membership_private", membership):
        fields |= set(PRIVATE_FIELDS)
    return fields


def member_data(viewer, membership: Membership) -> dict:
    """The member as the viewer may see them (id always; other keys only when allowed)."""
    user = membership.user
    allowed = visible_member_fields(viewer, membership)
    values = {
        "display_name": member_name(viewer, user),
        "section": membership.section.name,
        "username": user.username,
        "phone": user.phone,
        "email": user.email,
        "birth_year": user.birth_year,
        "gender": user.gender,
        "language": user.language,
        "guardian_consent_at": user.guardian_consent_at.isoformat() if user.guardian_consent_at else None,
        "role": membership.role,
        "status": "suspended" if membership.is_suspended else "active",
        "suspended_until": membership.suspended_until.isoformat()
        if membership.is_suspended and membership.suspended_until
        else None,
        "is_safeguarding_lead": membership.is_safeguarding_lead,
        "is_coordinator": membership.is_coordinator,
        "joined_at": membership.joined_at.isoformat(),
    }
    return {"id": membership.pk, **{key: value for key, value in values.items() if key in allowed}}
