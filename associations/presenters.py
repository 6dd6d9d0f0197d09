"""What of a member each viewer may see, in one place for pages, API and exports."""

from associations.models import Membership

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
        "display_name": user.public_name,
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
