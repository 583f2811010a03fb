"""The Journey page through AppTest on the demo workspace: the story renders, and a reviewer's correction of a
call's account reaches the workspace (test_app's fixtures: each test gets its own copy of the demo)."""

from __future__ import annotations

import pytest
from test_app import _app, _html, app_db  # noqa: F401  (fixture)

from msgcheck.workspace.callaccounts import stored_accounts
from msgcheck.workspace.db import Workspace

pytestmark = pytest.mark.slow


def test_journey_page_shows_the_story_and_takes_a_correction(app_db):  # noqa: F811
    at = _app("journey")
    assert at.selectbox(key="journey_account").value == "Brightwater Plumbing"
    page = _html(at)
    # one of each, said in the singular: "1 promise changed", not "1 promises changed"
    assert "<b>1</b>promise changed by a later rep" in page and "<b>1</b>objection nobody answered" in page
    assert "<b>3</b>calls, 3 people selling, 2 handoffs" in page
    assert "Extra training sessions are billed separately" in page
    at.selectbox(key="journey_fix_call").set_value("call-04-summit-rooter.srt")
    at.text_input(key="journey_fix_account").set_value("Brightwater Plumbing")
    at.text_input(key="journey_fix_date").set_value("2026-04-20")
    at.button(key="journey_fix_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with Workspace(app_db) as ws:
        call = ws.call("call-04-summit-rooter.srt")
        stored = stored_accounts(ws)[call.id]
    assert (stored.account, stored.account_source, stored.date) == (
        "Brightwater Plumbing",
        "reviewer",
        "2026-04-20",
    )
    assert "call-04-summit-rooter.srt" in _html(at)  # now part of Brightwater's story
