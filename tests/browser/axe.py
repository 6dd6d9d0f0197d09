"""Run axe-core (bundled by the axe-playwright-python package) on a Playwright page."""

from pathlib import Path

import axe_playwright_python

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


# axe ships `target-size` (WCAG 2.2 2.5.8, 24 x 24 CSS px) switched off; thumbs on small phones need it on.
RULES_ON = {"target-size": {"enabled": True}}


def axe_violations(page) -> list[dict]:
    """Violations of WCAG 2.2 A/AA on the current page; the context must be created with bypass_csp=True."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "([tags, rules]) => axe.run(document, {runOnly: {type: 'tag', values: tags}, rules})", [WCAG_AA, RULES_ON]
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
