"""Demo content of the cms app (called by `manage.py seed_demo`): the home page, the association's page
and activity index, a charter page and about 40 activities over four sections and two years — public,
members-only and pending — with small generated photos; and a morning's moderation queue for staff.bamako,
made through the same services as members' own comments and reports: a pending comment with a phone
number (flagged), and a comment reported by two youths. Idempotent: existing demo content is kept."""

import datetime
import io
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw
from wagtail.rich_text import RichText

from associations.models import Association, Section, User
from cms.images import clean_photo
from cms.models import ActivityPage, Comment, StandardPage, Theme, Visibility
from cms.services.activities import _photos
from cms.services.comments import comment_create
from cms.services.workflow import ensure_association_pages, ensure_workflow
from cms.setup import ensure_site_tree
from moderation.models import Report
from moderation.services import report_create

ASSOCIATION_NAME = "Association des jeunes — SOS Villages d'Enfants Mali"
INTRO = (
    "L'association des jeunes du programme IMAJ à Bamako, Kita, Mopti et Sanankoroba : "
    "nos activités, nos décisions et nos événements."
)
KINDS = [
    (Theme.ENVIRONMENT, "Journée de salubrité", "Nous avons nettoyé les rues autour du village et planté des arbres."),
    (Theme.TRAINING, "Formation en informatique", "Une journée pour apprendre le traitement de texte et le tableur."),
    (Theme.CULTURE, "Tournoi de football", "Quatre équipes, beaucoup de supporters et une belle finale."),
    (Theme.INSERTION, "Visite d'un atelier de couture", "Le patron nous a montré son métier et les stages possibles."),
    (Theme.CITIZENSHIP, "Débat sur le vote des jeunes", "Pourquoi voter ? Chacun a donné son avis avec respect."),
    (Theme.SOCIAL, "Repas partagé avec les familles", "Chaque maison a préparé un plat et nous avons mangé ensemble."),
    (Theme.TRAINING, "Atelier CV et entretien", "Nous avons écrit nos CV et joué des entretiens d'embauche."),
    (Theme.CULTURE, "Soirée contes et musique", "Les anciens ont raconté des contes, les jeunes ont joué du djembé."),
    (Theme.ENVIRONMENT, "Jardin potager", "Nous avons préparé les planches et semé les oignons."),
    (Theme.OTHER, "Assemblée générale", "Bilan de l'année et élection du nouveau bureau."),
]
SECTION_SLUGS = ["bamako", "kita", "mopti", "sanankoroba"]
COLOURS = [(46, 125, 50), (21, 101, 192), (198, 40, 40), (239, 108, 0), (106, 27, 154)]
QUEUE_PAGE = "demo-activite-00"  # a public activity of Bamako
PENDING_COMMENT = ("youth.bamako.01", "Pour la sortie, appelez-moi au 76 12 34 56 !")
REPORTED_COMMENT = ("leader.bamako", "Ceux de Kita ne savent rien faire, ne venez pas.")
REPORTERS = ("youth.bamako.02", "youth.bamako.03")


def demo_photo(number: int):
    """A small generated picture (no download): coloured background and a few shapes."""
    rng = random.Random(number)
    image = Image.new("RGB", (640, 480), COLOURS[number % len(COLOURS)])
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y, r = rng.randint(0, 640), rng.randint(0, 480), rng.randint(20, 90)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randint(120, 255) for _ in range(3)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70)
    return clean_photo(ContentFile(buffer.getvalue(), name=f"demo-{number}.jpg"), caption=f"Photo {number}")


def seed(log) -> None:
    ensure_site_tree(site_name=ASSOCIATION_NAME, title=ASSOCIATION_NAME, intro=INTRO)
    log("cms: home page ready")
    association = Association.objects.filter(slug="imaj-mali").first()
    if association is None:
        log("cms: no demo association, no activities")
        return
    workflow = ensure_workflow(association)
    page, index = ensure_association_pages(association)
    if not StandardPage.objects.child_of(page).filter(slug="charte").exists():
        charter = page.add_child(
            instance=StandardPage(
                title="Charte de l'association",
                slug="charte",
                body=[("paragraph", RichText("<p>Respect, entraide, participation : nos engagements.</p>"))],
            )
        )
        charter.save_revision().publish()
    existing = set(ActivityPage.objects.child_of(index).values_list("slug", flat=True))
    sections = {s.slug: s for s in Section.objects.filter(association=association)}
    created = 0
    for number in range(40):
        slug = f"demo-activite-{number:02d}"
        section = sections.get(SECTION_SLUGS[number % 4])
        if slug in existing or section is None:
            continue
        _create(number, slug, section, association, index, workflow)
        created += 1
    log(f"cms: {created} demo activities added")
    _seed_queue(index, log)


def _seed_queue(index, log) -> None:
    page = ActivityPage.objects.child_of(index).filter(slug=QUEUE_PAGE, live=True).first()
    if page is None:
        return
    log("cms: demo moderation queue ready (staff.bamako)")
    _comment(page, *PENDING_COMMENT)
    reported = _comment(page, *REPORTED_COMMENT)
    if reported is None or not reported.is_published:
        return
    already = Report.objects.filter(content_type__app_label="cms", content_type__model="comment", object_id=reported.pk)
    for reporter in User.objects.filter(username__in=REPORTERS).exclude(pk__in=already.values("reporter")):
        report_create(reporter=reporter, content_type="cms.comment", object_id=reported.pk, reason="insult")


def _comment(page, username: str, text: str) -> Comment | None:
    author = User.objects.filter(username=username).first()
    if author is None:
        return None
    existing = Comment.objects.filter(page=page, author=author, text=text).first()
    return existing or comment_create(author=author, page=page, text=text)


def _create(number, slug, section, association, index, workflow) -> None:
    theme, title, text = KINDS[number % len(KINDS)]
    author = User.objects.filter(username=f"youth.{section.slug}.{(number % 9) + 1:02d}").first()
    year = datetime.date.today().year - (number % 2)
    day = datetime.date(year, 1 + number % 10, 1 + number % 27)
    day = min(day, datetime.date.today())
    page = ActivityPage(
        title=f"{title} à {section.name}",
        slug=slug,
        association=association,
        section=section,
        date=day,
        theme=theme,
        summary=text,
        body=[("paragraph", RichText(f"<p>{text}</p><p>Merci à toutes et à tous !</p>"))],
        participants=10 + number,
        author=author,
        owner=author,
        visibility=Visibility.PUBLIC if number % 3 == 0 else Visibility.MEMBERS,
        live=False,
    )
    photos = [demo_photo(number * 2 + k) for k in range(1 + number % 2)]
    page.photos = _photos(photos, author=author, association=association, start=0)
    for photo in page.photos.all():
        photo.consent_recorded = number % 4 != 1
    index.add_child(instance=page)
    revision = page.save_revision(user=author)
    if number % 8 == 7:
        workflow.start(page, author)  # pending: waits for staff in the Wagtail admin
    else:
        revision.publish(user=author, skip_permission_checks=True)
