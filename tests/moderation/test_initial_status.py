"""Pre-moderation and personal-information flags decide the first status; held items join the queue."""

import pytest

from associations.models import Role
from moderation.content import ModerationStatus
from moderation.detect import PERSONAL_INFO
from moderation.models import QueueEntry
from moderation.services import initial_status
from tests.factories import member_of

pytestmark = pytest.mark.django_db


def write(make_comment, author, association, text):
    status, flags = initial_status(author=author, association=association, text=text)
    return make_comment(author, text=text, status=status, flags=flags)


def test_youth_items_are_held_by_default_and_join_the_queue(make_comment, youth, association, client, staff):
    item = write(make_comment, youth, association, "Bonjour")
    assert item.status == ModerationStatus.PENDING
    assert QueueEntry.objects.get(object_id=item.pk).is_open
    client.force_login(staff)
    assert "Bonjour" in client.get("/moderation/").content.decode()


def test_staff_publish_directly_and_stay_out_of_the_queue(make_comment, staff, association):
    item = write(make_comment, staff, association, "Appelez le centre au 76 12 34 56")
    assert (item.status, item.flags) == (ModerationStatus.PUBLISHED, [])
    assert not QueueEntry.objects.exists()


def test_leaders_follow_their_own_setting(make_comment, leader, association):
    assert write(make_comment, leader, association, "Réunion jeudi").status == ModerationStatus.PUBLISHED
    association.premoderate_leaders = True
    association.save()
    assert write(make_comment, leader, association, "Réunion vendredi").status == ModerationStatus.PENDING


def test_a_minors_phone_number_is_held_even_without_premoderation(make_comment, youth, association, client, staff):
    association.premoderate_youth = False
    association.save()
    assert write(make_comment, youth, association, "Super journée").status == ModerationStatus.PUBLISHED
    item = write(make_comment, youth, association, "Mon numéro : 0022376123456")
    assert (item.status, item.flags) == (ModerationStatus.PENDING, [PERSONAL_INFO])
    assert QueueEntry.objects.get(object_id=item.pk).flags == [PERSONAL_INFO]
    client.force_login(staff)
    assert "informations personnelles" in client.get("/moderation/").content.decode()


def test_an_adult_youth_is_not_flagged(make_comment, bamako, association):
    association.premoderate_youth = False
    association.save()
    adult = member_of(bamako, Role.YOUTH, username="adulte", birth_year=2000)
    item = write(make_comment, adult, association, "Écrivez-moi : adulte@example.org")
    assert (item.status, item.flags) == (ModerationStatus.PUBLISHED, [])


def test_deleting_an_item_removes_it_from_the_queue(make_comment, youth, association):
    item = write(make_comment, youth, association, "À supprimer")
    item.delete()
    assert not QueueEntry.objects.exists()


def test_an_item_published_by_its_own_app_leaves_the_queue(make_comment, youth, association, staff):
    from moderation.selectors import queue_entries

    item = write(make_comment, youth, association, "Rapport d'activité")
    assert [entry.object_id for entry in queue_entries(staff)] == [item.pk]
    item.status = ModerationStatus.PUBLISHED
    item.save()
    assert list(queue_entries(staff)) == []
