"""Moving through a page with the keyboard only, as a person without a mouse would."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

MAX_TABS = 80


def is_focused(locator: Locator) -> bool:
    return bool(locator.evaluate("element => element === document.activeElement"))


def tab_to(page: Page, target: Locator, *, max_presses: int = MAX_TABS) -> int:
    """Presses Tab until `target` has focus; returns how many presses it took.

    Fails if the element cannot be reached, which is itself an accessibility defect
    (a control outside the tab order, or a keyboard trap before it).
    """
    target.wait_for(state="visible")
    for presses in range(1, max_presses + 1):
        page.keyboard.press("Tab")
        if is_focused(target):
            return presses
    focused = page.evaluate("document.activeElement && document.activeElement.outerHTML.slice(0, 200)")
    raise AssertionError(f"Tab never reached {target} in {max_presses} presses; focus is on {focused}")
