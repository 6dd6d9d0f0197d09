"""Two staff members confirming the same import at the same moment save each member once."""

import threading

import pytest
from django.db import connection

from associations.models import User
from associations.services import onboarding
from config.errors import DomainError
from tests.associations.test_onboarding_import import HEADER, upload

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_parallel_confirms_save_each_member_once(staff, association, bamako):
    text = HEADER + "Awa Koné,Bamako,2008,F,,\nMoussa Diarra,Bamako,2006,M,,\n"
    rows = onboarding.members_preview(actor=staff, association=association, upload=upload(text)).rows
    barrier = threading.Barrier(2)
    results: list[str] = []

    def confirm():
        try:
            barrier.wait(timeout=10)
            onboarding.members_create(actor=staff, association=association, rows=rows)
            results.append("saved")
        except DomainError as error:
            results.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == ["saved", "stale_preview"]
    assert User.objects.filter(display_name__in=["Awa Koné", "Moussa Diarra"]).count() == 2
