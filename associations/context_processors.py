from associations.selectors import user_memberships


def suspension(request):
    """The viewer's current suspension, if any, for the banner every page shows (no extra query: the
    memberships are loaded once per request by the navigation)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    suspended = [m for m in user_memberships(user).values() if m.is_suspended]
    return {"suspension": suspended[0] if suspended else None}
