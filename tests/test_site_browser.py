"""The static site in headless Chromium, opened from file:// with the network cut off.

Every request that is not for a file fails the test (and is aborted, so nothing leaves
the machine either way). From the index: lesson 03, whose first player steps forward
and back; lesson 06, whose neuron steps through its reverse sweep. Every wait is on the
page's state (the player's data-step, its caption), never on time.
"""

import pytest

from site_support import built_site

pytestmark = pytest.mark.browser


@pytest.fixture
def offline(page):
    """The page, with every request that is not for a file:// URL recorded and aborted."""
    fetched = []

    def refuse(route):
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        else:
            fetched.append(url)
            route.abort()

    page.route("**/*", refuse)
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else fetched.append(r.url))
    yield page, fetched


def first_player(page, figure=None):
    root = (figure or page.locator("figure.adsite-player").first).locator(".adstep-player")
    root.scroll_into_view_if_needed()
    root.and_(page.locator("[data-step]")).wait_for()  # loaded: the player set its step
    return root


def to_start(root):
    """Step 0, wherever the widget was left (the button is disabled there)."""
    if root.get_attribute("data-step") != "0":
        root.locator('button[aria-label="first step"]').click()
        root.page.wait_for_function("el => el.getAttribute('data-step') === '0'", arg=root.element_handle())


def step(root, button, k):
    root.locator(f'button[aria-label="{button}"]').click()
    root.page.wait_for_function(
        "([el, k]) => el.getAttribute('data-step') === String(k)", arg=[root.element_handle(), k]
    )
    caption = root.locator(".adstep-caption").text_content()
    assert caption.startswith(f"step {k} of "), caption
    return caption


def test_the_site_steps_offline(offline, console_errors, screenshot_dir):
    page, fetched = offline
    site = built_site().out
    page.goto((site / "index.html").as_uri())
    page.locator("table.lessons").wait_for()
    assert page.locator("table.lessons tbody tr").count() == len(built_site().pages) - 1

    page.locator('a[href="03_reverse_mode.html"]').click()
    page.wait_for_url("**/03_reverse_mode.html")
    root = first_player(page)
    to_start(root)
    one = step(root, "next step", 1)
    two = step(root, "next step", 2)
    assert one != two
    assert step(root, "previous step", 1) == one
    assert root.locator(".adstep-canvas g[data-status~='current']").count() >= 1  # the drawing follows
    page.screenshot(path=str(screenshot_dir / "site_lesson03.png"))

    page.go_back()
    page.locator('a[href="06_backpropagation.html"]').click()
    page.wait_for_url("**/06_backpropagation.html")
    neuron = page.locator("figure.adsite-player", has_text="sigmoid").first
    root = first_player(page, neuron)
    to_start(root)
    # lesson 06 opens the neuron in predict mode, as the widget was: step 1 asks first
    assert root.get_attribute("data-predict") == "on"
    captions = [step(root, "next step", 1)]
    root.page.wait_for_function("el => el.getAttribute('data-predict') === 'pending'", arg=root.element_handle())
    assert "= ?" in root.locator(".adstep-numbers").text_content()  # the number is hidden
    root.locator('button[aria-label="reveal"]').click()
    root.page.wait_for_function("el => el.getAttribute('data-predict') === 'on'", arg=root.element_handle())
    assert "Shown:" in root.locator(".adstep-verdict").text_content()
    root.locator('button[aria-label="predict mode"]').click()  # off: the steps are simply shown
    root.page.wait_for_function("el => !el.hasAttribute('data-predict')", arg=root.element_handle())
    captions += [step(root, "next step", k) for k in (2, 3)]
    assert len(set(captions)) == 3
    root.locator('button[aria-label="last step"]').click()
    page.wait_for_function(  # the last step: "step n of n"
        "el => /^step (\\d+) of \\1\\b/.test(el.querySelector('.adstep-caption').textContent)"
        " && el.getAttribute('data-step') !== '3'",
        arg=root.element_handle(),
    )
    assert int(root.get_attribute("data-step")) > 3  # the neuron's sweep has more steps than that
    page.screenshot(path=str(screenshot_dir / "site_lesson06.png"))

    assert fetched == [], f"the site asked the network for {fetched}"
    assert console_errors == []
