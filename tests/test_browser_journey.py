"""The Journey page in a real browser (the server and browser fixtures of test_browser): the demo account's
story as drawn, with its screenshot in /tmp/msgcheck-shots/journey.png."""

from __future__ import annotations

import pytest
from test_browser import _settle, _shot, browser, server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow


def test_journey_page_tells_the_demo_accounts_story(browser, server, tmp_path):  # noqa: F811
    url, _ = server
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto(f"{url}/journey")
    _settle(page, timeout=400)
    page.get_by_text("promise changed by a later rep").wait_for(timeout=400_000)
    body = page.locator("[data-testid=stMain]").inner_text()
    assert "Brightwater Plumbing" in body  # the account with the most calls comes first
    for said in ("Priya Nair", "Leo Park", "handoff", "Extra training sessions are billed separately"):
        assert said in body
    assert "Follow-ups that did not happen" in body and "It never came." in body
    _shot(page, tmp_path, "journey", height=1600)
    page.close()
