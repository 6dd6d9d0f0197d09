"""Usernames are the same name whatever the capitals: login, lockout, lookups and uniqueness."""

from html import unescape

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from associations.models import Role, User
from tests.factories import PASSWORD, member_of

LOGIN = "/accounts/login/"


@pytest.fixture
def bamako_youth(bamako):
    return member_of(bamako, Role.YOUTH, username="youth.bamako.06", display_name="Issa T.")


def failures() -> int:
    return sum(AccessAttempt.objects.values_list("failures_since_start", flat=True))


@pytest.mark.django_db
def test_a_capital_letter_still_logs_in_and_counts_no_failure(client, bamako_youth):
    response = client.post(LOGIN, {"username": "Youth.Bamako.06", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/mon-espace/").context["user"] == bamako_youth
    assert failures() == 0


@pytest.mark.django_db
def test_wrong_passwords_in_any_case_count_for_one_account_and_warn_before_the_last(client, bamako_youth):
    spellings = ["youth.bamako.06", "Youth.bamako.06", "YOUTH.BAMAKO.06", "youth.Bamako.06"]
    pages = [
        unescape(client.post(LOGIN, {"username": name, "password": "pas-le-bon"}).content.decode())
        for name in spellings[: settings.AXES_FAILURE_LIMIT - 1]
    ]
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"youth.bamako.06"}
    assert "Nom d'utilisateur ou mot de passe incorrect" in pages[0]
    assert "casse" not in pages[0]
    assert all("encore une erreur" not in page for page in pages[:-1])
    assert "Attention : encore une erreur et ce nom d'utilisateur sera bloqué 15 minutes." in pages[-1]
    locked = client.post(LOGIN, {"username": "YOUTH.bamako.06", "password": "pas-le-bon"})
    assert locked.status_code == 429
    # Locked means locked, even with the right password in the stored case.
    assert client.post(LOGIN, {"username": "youth.bamako.06", "password": PASSWORD}).status_code == 429


@pytest.mark.django_db
def test_an_unknown_name_gets_the_same_plain_message(client, bamako_youth):
    page = client.post(LOGIN, {"username": "personne", "password": "x"})
    assert page.status_code == 200
    assert "Nom d'utilisateur ou mot de passe incorrect" in unescape(page.content.decode())


@pytest.mark.django_db
def test_no_two_accounts_differ_only_by_capitals(bamako_youth):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(username="YOUTH.bamako.06", password=PASSWORD)
    assert User.objects.get_by_natural_key("Youth.Bamako.06") == bamako_youth
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="les majuscules ne comptent pas"):
        User(username="Youth.Bamako.06").validate_constraints()


@pytest.mark.django_db(transaction=True)
def test_the_migration_names_existing_clashes_instead_of_failing_on_the_index():
    executor = MigrationExecutor(connection)
    before, after = (
        [("associations", "0004_notice_preferences")],
        [("associations", "0005_username_case_insensitive")],
    )
    executor.migrate(before)
    try:
        old_user = executor.loader.project_state(before).apps.get_model("associations", "User")
        old_user.objects.create(username="fanta.s", password="!")
        old_user.objects.create(username="Fanta.S", password="!")
        old_user.objects.create(username="awa.k", password="!")
        executor.loader.build_graph()
        with pytest.raises(CommandError, match=r"1 username\(s\) differ only by capital letters: Fanta.S, fanta.s\."):
            executor.migrate(after)
        old_user.objects.filter(username="Fanta.S").update(username="fanta.s2")
        executor.loader.build_graph()
        executor.migrate(after)
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert User.objects.filter(username__in=["fanta.s", "fanta.s2", "awa.k"]).count() == 3
