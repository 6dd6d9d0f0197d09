"""First install: `setup_association` builds the association, its sites and its page tree, nobody else."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from associations.models import Association, Section, User
from cms.models import ActivityIndexPage, AssociationPage, HomePage

ARGS = ["--name", "Jeunes de Ségou", "--slug", "segou", "--section", "centre:Ségou centre", "--section", "pelengana"]


@pytest.mark.django_db
def test_setup_association_replaces_the_welcome_page_and_adds_no_people(client):
    assert "Welcome" in client.get("/").content.decode()  # what `migrate` alone leaves at /
    call_command("setup_association", *ARGS, "--intro", "Bienvenue à Ségou")
    association = Association.objects.get(slug="segou")
    assert sorted(Section.objects.filter(association=association).values_list("slug", "name")) == [
        ("centre", "Ségou centre"),
        ("pelengana", "Pelengana"),
    ]
    assert not User.objects.exists()
    home = HomePage.objects.get(depth=2)
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    page = AssociationPage.objects.get(association=association)
    assert ActivityIndexPage.objects.child_of(page).live().count() == 1
    body = client.get("/").content.decode()
    assert "Welcome" not in body and "Bienvenue à Ségou" in body
    assert client.get(page.url).status_code == 200


@pytest.mark.django_db
def test_setup_association_is_idempotent():
    call_command("setup_association", *ARGS)
    pages = Page.objects.count()
    call_command("setup_association", *ARGS)
    assert Page.objects.count() == pages
    assert Association.objects.count() == 1 and Section.objects.count() == 2


@pytest.mark.django_db
def test_setup_association_refuses_bad_arguments():
    with pytest.raises(CommandError):
        call_command("setup_association", "--name", "X", "--slug", "x", "--section", ":Nothing")
    with pytest.raises(CommandError):
        call_command("setup_association", "--name", " ", "--slug", "x")
    assert not Association.objects.exists()
