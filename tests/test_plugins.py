"""config.plugins.app_modules: every app's module of an agreed name, found once, failing loudly."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import plugins
from config.plugins import app_modules


@pytest.fixture(autouse=True)
def fresh_search():
    plugins._app_modules.cache_clear()
    yield
    plugins._app_modules.cache_clear()


def test_finds_each_project_apps_module_with_the_listed_ones_first():
    names = [module.__name__ for module in app_modules("navigation", first=["votes", "cms"])]
    assert names[:2] == ["votes.navigation", "cms.navigation"]
    assert set(names) == {f"{app}.navigation" for app in plugins.project_app_names()}
    # Wagtail's own `wagtail.admin.navigation` is not a plugin of this project.
    assert not any(name.startswith("wagtail") for name in names)


def test_skips_apps_without_the_module():
    assert [module.__name__ for module in app_modules("home")] == ["cms.home", "votes.home", "events.home"]


def test_a_listed_app_without_the_module_is_an_error():
    with pytest.raises(ImproperlyConfigured, match=r"associations\.home does not exist"):
        app_modules("home", first=["cms", "associations"])


def test_a_listed_app_that_is_not_installed_is_an_error():
    with pytest.raises(ImproperlyConfigured, match="not installed"):
        app_modules("navigation", first=["agenda"])


def test_an_import_error_inside_a_module_propagates(monkeypatch):
    monkeypatch.setattr(plugins, "project_app_names", lambda: ["tests.plugin_apps"])
    with pytest.raises(ModuleNotFoundError, match="ton_module_that_does_not_exist"):
        app_modules("broken")
    # …and a module that does not exist in that app is simply not there.
    assert app_modules("navigation") == []
