"""Extra activities and comments for `make bench --scale N` (pages must not get slower with data)."""

from associations.models import Association, User
from cms.models import ActivityPage, Comment
from moderation.content import ModerationStatus


def seed(scale: int, log) -> None:
    from cms.demo import _create
    from cms.services.workflow import ensure_association_pages, ensure_workflow

    association = Association.objects.filter(slug="imaj-mali").first()
    if association is None or scale <= 1:
        return
    workflow = ensure_workflow(association)
    _page, index = ensure_association_pages(association)
    sections = list(association.sections.all())
    existing = set(ActivityPage.objects.child_of(index).values_list("slug", flat=True))
    for number in range(40, 40 * scale):
        slug = f"demo-activite-{number:02d}"
        if slug not in existing:
            _create(number, slug, sections[number % len(sections)], association, index, workflow)
    page = ActivityPage.objects.filter(slug="demo-activite-01").first()
    authors = list(User.objects.filter(username__startswith="youth.bamako.")[:10])
    if page and authors and Comment.objects.filter(page=page).count() < 10 * scale:
        Comment.objects.bulk_create(
            Comment(
                page=page,
                author=authors[n % len(authors)],
                association=association,
                text=f"Bravo ! {n}",
                status=ModerationStatus.PUBLISHED,
            )
            for n in range(10 * scale)
        )
    log(f"cms: activities up to {40 * scale}")
