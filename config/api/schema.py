"""drf-spectacular hooks."""


def only_public_api(endpoints):
    """Keep our /api/v1/ endpoints; drop Wagtail's internal admin API from the schema."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
