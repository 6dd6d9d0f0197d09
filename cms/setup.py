"""The site and page tree every installation needs: a HomePage at / served by the default Site.

Used by the demo command and by test fixtures (transactional tests flush the tree that migrations made).
"""

from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from cms.models import HomePage


@transaction.atomic
def ensure_site_tree(*, site_name: str, title: str, intro: str = "", hostname: str = "localhost") -> HomePage:
    Locale.objects.get_or_create(language_code="fr")
    if Collection.get_first_root_node() is None:  # migration data, gone after a test flush
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        # Wagtail's migrations leave a placeholder "Welcome" page at the home position: replace it.
        for page in root.get_children().exclude(content_type__model="homepage").specific():
            if not page.get_children().exists():
                page.delete()
        root.refresh_from_db()
        home = root.add_child(instance=HomePage(title=title, slug="home", intro=intro))
    elif home.title != title or home.intro != intro:
        home.title, home.intro = title, intro
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname=hostname, port=80, root_page=home, is_default_site=True, site_name=site_name)
    elif site.root_page_id != home.pk or site.site_name != site_name:
        site.root_page, site.site_name = home, site_name
        site.save()
    return home
