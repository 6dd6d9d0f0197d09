"""The header at phone width: one row, a menu that opens without JavaScript, targets big enough for a thumb."""

import pytest

from tests.browser.test_accessibility import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREEN = {"width": 360, "height": 740}
# A thumb needs 44 x 44 CSS px (WCAG 2.2 target size, enhanced); the header may take well under a quarter.
TARGET = 44
HEADER_MAX = 100


@pytest.fixture(params=[True, False], ids=["js", "nojs"])
def phone(browser, request):
    context = browser.new_context(viewport=SCREEN, locale="fr-FR", java_script_enabled=request.param)
    yield context
    context.close()


def header_height(page) -> float:
    return page.locator("header.top").bounding_box()["height"]


def small_targets(page, selector: str) -> list[tuple[str, float, float]]:
    return page.eval_on_selector_all(
        selector,
        """(nodes, min) => nodes.filter(n => n.offsetParent !== null).map(n => {
            const r = n.getBoundingClientRect();
            return [n.textContent.trim() || n.outerHTML.slice(0, 60), r.width, r.height];
        }).filter(([_, w, h]) => w < min || h < min)""",
        TARGET,
    )


@pytest.mark.parametrize("who", ["youth", "staff"])
def test_header_is_one_row_and_its_menu_opens_by_tapping(phone, asgi_live_server, who, request, shoot):
    login(phone, asgi_live_server.url, request.getfixturevalue(who))
    page = phone.new_page()
    page.goto(asgi_live_server.url + "/")
    height = header_height(page)
    print(f"header height at 360 px ({who}): {height}")
    assert height <= HEADER_MAX
    menu = page.get_by_role("link", name="Notifications")
    assert not menu.is_visible()
    page.locator("header.top summary").click()
    assert menu.is_visible()
    shoot(page, f"header_{who}_menu_open")
    assert small_targets(page, "header.top a, header.top button, header.top summary") == []
    menu.click()
    page.wait_for_url("**/notifications/")
    assert header_height(page) <= HEADER_MAX


def test_form_controls_are_big_enough_to_tap(phone, asgi_live_server, youth):
    page = phone.new_page()
    page.goto(asgi_live_server.url + "/accounts/login/")
    assert small_targets(page, "main button, main input:not([type=hidden]), main select, main summary") == []
    # Ticks and dots themselves grow, not only their labels.
    page.set_content(
        f'<link rel="stylesheet" href="{asgi_live_server.url}/static/css/ton.css"><main>'
        '<label><input type="checkbox"> A</label><label><input type="radio" name="r"> B</label></main>'
    )
    sizes = page.eval_on_selector_all("input", "ns => ns.map(n => n.getBoundingClientRect().height)")
    assert min(sizes) >= 24
    labels = page.eval_on_selector_all("label", "ns => ns.map(n => n.getBoundingClientRect().height)")
    assert min(labels) >= TARGET
