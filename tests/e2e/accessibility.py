"""Runs axe-core (bundled with axe-playwright-python, no network) in a page and fails on serious findings."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = frozenset({"serious", "critical"})


def axe_violations(page: Page) -> list[dict]:
    """All WCAG 2.1 A/AA violations axe finds in the page as it is now."""
    # Imported here so that collecting the default (non-browser) suite does not need the package.
    from axe_playwright_python.base import AXE_SCRIPT

    page.evaluate(AXE_SCRIPT)
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = page.evaluate(f"axe.run(document, {json.dumps(options)})")
    return results["violations"]


def describe(violation: dict) -> str:
    targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"])
    return (
        f"{violation['id']} ({violation['impact']}): {violation['help']}\n"
        f"    elements: {targets}\n    more: {violation['helpUrl']}"
    )


def assert_accessible(page: Page, label: str) -> None:
    """Fails the test if axe finds a serious or critical violation; lesser ones are only printed."""
    violations = axe_violations(page)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    for violation in violations:
        if violation not in blocking:
            print(f"[axe, {label}] minor: {describe(violation)}")
    if blocking:
        report = "\n".join(describe(v) for v in blocking)
        pytest.fail(f"axe found {len(blocking)} serious or critical violation(s) on {label} ({page.url}):\n{report}")
