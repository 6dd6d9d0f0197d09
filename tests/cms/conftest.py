"""Fixtures of the cms suite: the association's page tree and workflow, activities in every state, photos."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cms.images import clean_photo
from cms.models import ActivityPage, Visibility
from cms.services.activities import ActivityInput, activity_submit
from cms.services.workflow import ensure_workflow


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tree(site_tree, association, bamako, kita, staff):
    """The association's page, activity index and workflow (staff of Bamako in its staff group)."""
    ensure_workflow(association)
    from cms.services.workflow import ensure_association_pages

    return ensure_association_pages(association)[1]


def jpeg_bytes(size=(64, 48), colour=(200, 30, 30), exif=None) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, colour)
    if exif is not None:
        image.save(buffer, "JPEG", exif=exif)
    else:
        image.save(buffer, "JPEG")
    return buffer.getvalue()


def upload(name="photo.jpg", data=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data if data is not None else jpeg_bytes(), content_type=content_type)


def activity_input(section, **overrides) -> ActivityInput:
    values = {
        "title": "Journée de salubrité",
        "date": datetime.date.today() - datetime.timedelta(days=3),
        "section": section,
        "theme": "environment",
        "text": "Nous avons nettoyé le quartier.",
        "participants": 12,
    }
    values.update(overrides)
    return ActivityInput(**values)


def submit(author, section, *, photos=0, **overrides) -> ActivityPage:
    cleaned = [clean_photo(upload(f"p{n}.jpg"), caption=f"Légende {n}") for n in range(photos)]
    return activity_submit(
        author=author, association=section.association, data=activity_input(section, **overrides), photos=cleaned
    )


def act(page, user, action, comment=""):
    """Approve or reject the page's current workflow task as `user` (what the admin buttons do)."""
    page = ActivityPage.objects.get(pk=page.pk)
    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, user, action, comment=comment)
    return ActivityPage.objects.get(pk=page.pk)


def publish_as_staff(staff, section, *, visibility=Visibility.MEMBERS, photos=0, consent=False, **overrides):
    page = submit(staff, section, photos=photos, visibility=visibility, **overrides)
    if consent:
        page.photos.update(consent_recorded=True)
    return ActivityPage.objects.get(pk=page.pk)


@pytest.fixture
def activities(tree, youth, staff, bamako):
    """A public, a members-only, a pending and a rejected activity, each with one photo."""
    public = publish_as_staff(staff, bamako, visibility=Visibility.PUBLIC, photos=1, consent=True, title="Public fête")
    members = publish_as_staff(staff, bamako, photos=1, consent=True, title="Réunion interne")
    pending = submit(youth, bamako, photos=1, title="Récit en attente")
    rejected = act(submit(youth, bamako, photos=1, title="Récit refusé"), staff, "reject", comment="Floutez")
    return {"public": public, "members": members, "pending": pending, "rejected": rejected}
