"""Fixtures shared by every suite: page tree, factories, clients, one fixture per role."""

import shutil

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient

from associations.models import Role
from tests.factories import AssociationFactory, SectionFactory, UserFactory, member_of

# Fast hashing: the suite creates many users; production keeps Django's default hashers.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

CHROMIUM = "/usr/bin/chromium"

# Hypothesis judges its own speed by the clock; on a busy 2-core machine that fails a correct test.
# Timing does not belong in tests: the properties are still checked on every example.
hypothesis_settings.register_profile("ton", suppress_health_check=[HealthCheck.too_slow], deadline=None)
hypothesis_settings.load_profile("ton")


def pytest_collection_modifyitems(config, items):
    skip_browser = pytest.mark.skip(reason=f"browser journeys need Debian's chromium at {CHROMIUM}")
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL): real parallel transactions")
    has_chromium = shutil.which(CHROMIUM) is not None
    on_postgres = connection.vendor == "postgresql"
    for item in items:
        if "browser" in item.keywords and not has_chromium:
            item.add_marker(skip_browser)
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)


@pytest.fixture(autouse=True)
def _clear_cache():
    # Throttle counters and cached fragments live in the cache: each test starts clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_tree(db):
    """The HomePage and default Site (rebuilt here: transactional tests flush migration data)."""
    from cms.demo import ASSOCIATION_NAME
    from cms.setup import ensure_site_tree

    return ensure_site_tree(site_name=ASSOCIATION_NAME, title=ASSOCIATION_NAME, intro="Bienvenue")


@pytest.fixture
def asgi_live_server(transactional_db, site_tree):
    """uvicorn serving config.asgi (HTTP + websockets) for live and browser tests."""
    from config.asgi import application
    from tests.live import AsgiLiveServer

    server = AsgiLiveServer(application).start()
    yield server
    server.stop()


@pytest.fixture
def member(db):
    """A user without any membership."""
    return UserFactory()


# One fixture per role. `bamako` and `kita` are two sections of `association`; `elsewhere` is a
# section of another association (tenant isolation).
@pytest.fixture
def association(db):
    return AssociationFactory(slug="imaj", name="Association des jeunes IMAJ")


@pytest.fixture
def bamako(association):
    return SectionFactory(association=association, slug="bamako", name="Bamako")


@pytest.fixture
def kita(association):
    return SectionFactory(association=association, slug="kita", name="Kita")


@pytest.fixture
def elsewhere(db):
    return SectionFactory(association=AssociationFactory(slug="autre", name="Autre association"), slug="dakar")


@pytest.fixture
def youth(bamako):
    return member_of(bamako, Role.YOUTH, username="youth", display_name="Awa K.", birth_year=2009)


@pytest.fixture
def other_youth(bamako):
    return member_of(bamako, Role.YOUTH, username="youth2", display_name="Moussa D.", birth_year=2006)


@pytest.fixture
def kita_youth(kita):
    return member_of(kita, Role.YOUTH, username="youth.kita", display_name="Hawa T.", birth_year=2010)


@pytest.fixture
def leader(bamako):
    return member_of(bamako, Role.LEADER, username="leader", display_name="Seydou L.", birth_year=2004)


@pytest.fixture
def staff(bamako):
    return member_of(bamako, Role.STAFF, username="staff", display_name="Éducatrice Bamako", birth_year=1985)


@pytest.fixture
def kita_staff(kita):
    return member_of(kita, Role.STAFF, username="staff.kita", display_name="Éducateur Kita", birth_year=1980)


@pytest.fixture
def foreign_staff(elsewhere):
    return member_of(elsewhere, Role.STAFF, username="staff.autre", display_name="Staff ailleurs")


@pytest.fixture
def admin(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def api_client():
    return APIClient()
