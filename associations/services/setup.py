"""An association and its sites, created once at install time (and by the demo)."""

from django.db import transaction

from associations.models import Association, Section


@transaction.atomic
def association_ensure(*, slug: str, name: str, sections: list[tuple[str, str]]) -> Association:
    """Create the association and its sites if missing; existing rows are kept as they are (idempotent)."""
    association, _created = Association.objects.get_or_create(slug=slug, defaults={"name": name})
    for section_slug, section_name in sections:
        Section.objects.get_or_create(association=association, slug=section_slug, defaults={"name": section_name})
    return association
