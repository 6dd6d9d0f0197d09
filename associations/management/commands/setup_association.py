"""First install: the association, its sites and its page tree, with nobody in it.

The demo (`seed_demo`) builds the same tree and adds ~330 invented people; a real installation starts
here, then `createsuperuser` and the staff import (platform/README.md).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from associations.services.setup import association_ensure


def _section(value: str) -> tuple[str, str]:
    slug, _sep, name = value.partition(":")
    name = name.strip() or slug.strip().capitalize()
    slug = slugify(slug)
    if not slug:
        raise CommandError(f"invalid --section {value!r}: expected slug:Name, e.g. bamako:Bamako")
    return slug, name


class Command(BaseCommand):
    help = "Create an association, its sites and its page tree (idempotent; no demo people)."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="Full name, shown on the site.")
        parser.add_argument("--slug", required=True, help="Short identifier, used in addresses.")
        parser.add_argument(
            "--section", action="append", default=[], metavar="SLUG:NAME", help="A site; repeat for each site."
        )
        parser.add_argument("--intro", default="", help="Text of the home page.")
        parser.add_argument(
            "--hostname", default="", help="Host name of the default Wagtail site (default: from SITE_URL)."
        )

    def handle(self, *args, name, slug, section, intro, hostname, **options):
        from cms.services.workflow import ensure_workflow
        from cms.setup import ensure_site_tree

        slug = slugify(slug)
        if not slug or not name.strip():
            raise CommandError("--name and --slug must not be empty")
        sections = [_section(value) for value in section]
        hostname = hostname or urlsplit(settings.SITE_URL).hostname or "localhost"
        with transaction.atomic():
            association = association_ensure(slug=slug, name=name.strip(), sections=sections)
            ensure_site_tree(site_name=association.name, title=association.name, intro=intro, hostname=hostname)
            ensure_workflow(association)  # also the association's page and its activity index
        names = ", ".join(s.name for s in association.sections.all()) or "-"
        self.stdout.write(self.style.SUCCESS(f"Association {association.name} ({association.slug}) ready: {names}"))
        self.stdout.write("Next: python manage.py createsuperuser, then import the staff (platform/README.md).")
