"""Smoke test of the browser set-up: a widget notebook runs in JupyterLab in Chromium."""

import nbformat
import pytest

from browser_support import open_notebook, run_all_cells

pytestmark = pytest.mark.browser


# `page` comes before `lab`: without Chromium the test stops before starting a server.
def test_button_widget_renders(page, console_errors, lab, screenshot_dir):
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell('import ipywidgets as w\nw.Button(description="hello")')],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    nbformat.write(nb, lab.root / "smoke.ipynb")

    open_notebook(page, lab.url, "smoke.ipynb")
    run_all_cells(page)

    button = page.locator(".jp-OutputArea .widget-button")
    button.wait_for(state="visible")
    assert button.inner_text().strip() == "hello"
    shot = screenshot_dir / "browser_smoke.png"
    page.screenshot(path=str(shot))
    print(f"screenshot: {shot}")
    assert console_errors == []
