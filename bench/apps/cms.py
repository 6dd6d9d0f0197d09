"""What `make bench` measures for activities, and extra activities and comments at a scale factor (pages
must not get slower with data)."""

from associations.models import Association, User
from bench.targets import Target
from cms.demo import _create
from cms.models import ActivityPage, Comment
from cms.services.workflow import ensure_association_pages, ensure_workflow
from moderation.content import ModerationStatus

TARGETS = [
    Target("activity index (visitor)", "/imaj-mali/activites/"),
    Target("activity index (youth)", "/imaj-mali/activites/", viewer="youth.bamako.01"),
    Target("activity page (youth)", "/imaj-mali/activites/demo-activite-01/", viewer="youth.bamako.01"),
    Target("activity page (visitor)", "/imaj-mali/activites/demo-activite-00/"),
    Target("API activities", "/api/v1/activities/", viewer="youth.bamako.01", html=False),
]


def seed(scale: int, log) -> None:
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
