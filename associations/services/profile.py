"""A member's own data: what they may download about themselves."""

from django.conf import settings

from associations.models import User
from associations.notice_channels import preferences_of
from associations.personal_data import export_all
from associations.selectors import user_memberships


def language_set(user: User, language: str) -> None:
    if language != user.language and language in dict(settings.LANGUAGES):
        user.language = language
        user.save(update_fields=["language"])


def own_data_export(user: User) -> dict:
    """Everything the platform stores about the member as a person (not ballots: those are anonymous)."""
    data = {
        "username": user.username,
        "display_name": user.display_name,
        "email": user.email,
        "phone": user.phone,
        "birth_year": user.birth_year,
        "gender": user.gender,
        "language": user.language,
        "date_joined": user.date_joined.isoformat(),
        "guardian_consent_at": user.guardian_consent_at.isoformat() if user.guardian_consent_at else None,
        "memberships": [
            {
                "association": m.association.name,
                "section": m.section.name,
                "role": m.role,
                "status": "suspended" if m.is_suspended else "active",
                "joined_at": m.joined_at.isoformat(),
            }
            for m in user_memberships(user).values()
        ],
        "notice_channels": preferences_of(user),
        "notifications": [
            {"text": n.text, "url": n.url, "created_at": n.created_at.isoformat(), "read": n.read_at is not None}
            for n in user.notifications.all()
        ],
    }
    data.update(export_all(user))  # what other apps keep (e.g. insertion pathways)
    return data
