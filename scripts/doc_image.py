"""Redo docs/step_through.png, the README's picture of the player: f(x₁, x₂) = x₁x₂ + sin(x₁)
in reverse mode at step 4 of 5, exported and shot in headless Chromium at 1200 px wide.

    .venv/bin/python scripts/doc_image.py          # needs the [dev] extra (playwright)
"""

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from autodiff_core import examples
from autodiff_core.player.page import export_html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser_support import CHROMIUM, CHROMIUM_ARGS  # the tests' one way to start Chromium

OUT = Path(__file__).resolve().parent.parent / "docs" / "step_through.png"
STEP = 4


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = export_html(examples.F.graph().reverse(), Path(tmp) / "f.html")
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900}, device_scale_factor=1)
        page.goto(path.as_uri())
        page.wait_for_selector('.adstep-player[data-step="0"]')
        page.locator('input[aria-label="step"]').fill(str(STEP))
        page.wait_for_selector(f'.adstep-player[data-step="{STEP}"]')
        page.wait_for_function("!document.querySelector('.adstep-cover')")  # the step has landed
        page.evaluate("document.activeElement.blur()")  # no focus ring on the slider
        height = page.evaluate("document.querySelector('.adstep-player').getBoundingClientRect().bottom + 16")
        page.screenshot(path=str(OUT), clip={"x": 0, "y": 0, "width": 1200, "height": height})
        browser.close()
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
