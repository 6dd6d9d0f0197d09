"""Browser journeys: Playwright driving Debian's chromium against a live ASGI server."""

from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
PHONE = {"width": 360, "height": 740}


def pytest_collection_modifyitems(items):
    # This hook sees every item of the session, not only this folder's.
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _allow_orm_beside_playwright(monkeypatch):
    # Playwright's sync API runs an event loop on the main thread; the ORM calls made by the tests
    # themselves (fixtures, factories) are safe because nothing else runs on that loop.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "locale": "fr-FR"}


@pytest.fixture
def shoot():
    """Save a screenshot under tests/browser/screenshots/ (git-ignored) for people to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name: str):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take


def open_menu(page):
    """Tap "Menu" in the header (a native <details>) unless it is already open: the links live inside it."""
    if page.locator("header.top details.menu").get_attribute("open") is None:
        page.locator("header.top summary").click()


def assert_fits_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page is {width}px wide on a {PHONE['width']}px screen"
