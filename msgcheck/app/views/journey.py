"""The Journey page's content: an account's story as plain data and escaped HTML (no Streamlit here).

``account_names`` lists the workspace's accounts; ``journey_for`` builds one (msgcheck.journey);
``story_html`` draws it: a headline a sales manager reads first (promises changed, objections open,
follow-ups missed), then the calls as a timeline with each handoff, then the evidence. ``set_call_account``
is the reviewer's correction.
"""

from __future__ import annotations

import html

from ...journey.build import Journey, JourneyBuilder, account_names
from ...journey.render import call_label, clock
from ...journey.sources import workspace_calls
from ...report.words import counted, noun_form
from ...workspace.callaccounts import set_account
from ...workspace.db import Workspace

__all__ = ["JOURNEY_CSS", "account_list", "journey_for", "set_call_account", "story_html"]

JOURNEY_CSS = """<style>
.jr{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1d2939;font-size:15px}
.jr h3.acct{margin:0;font-size:24px}.jr .sub{color:#475467;margin:2px 0 12px}
.jr .stats{display:flex;gap:12px;margin:4px 0 18px}
.jr .stat{flex:1;border-radius:10px;padding:12px 16px;background:#f2f4f7}
.jr .stat b{display:block;font-size:28px;line-height:1.1}
.jr .stat.bad{background:#fef3f2;color:#b42318}.jr .stat.warn{background:#fffaeb;color:#b54708}
.jr .stat.ok{background:#ecfdf3;color:#067647}
.jr .timeline{display:flex;align-items:stretch;gap:0;margin:6px 0 20px;overflow-x:auto}
.jr .call{min-width:170px;flex:1;border:1px solid #d0d5dd;border-radius:10px;padding:10px 12px;background:#fff}
.jr .call .when{color:#475467;font-size:13px}.jr .call .who{font-weight:600;margin:4px 0}
.jr .call .file{color:#667085;font-size:12px;word-break:break-all}
.jr .call .tags span{display:inline-block;border-radius:6px;padding:1px 6px;margin:4px 4px 0 0;font-size:12px}
.jr .t-changed{background:#fdf2fa;color:#c11574}.jr .t-open{background:#fffaeb;color:#b54708}
.jr .t-missed{background:#fef3f2;color:#b42318}
.jr .arrow{align-self:center;padding:0 6px;color:#667085;font-size:12px;text-align:center;min-width:70px}
.jr .arrow b{display:block;font-size:20px;color:#98a2b3}
.jr h4{margin:18px 0 8px;font-size:16px}
.jr .pair{display:grid;grid-template-columns:1fr 1fr;gap:10px;margin-bottom:10px}
.jr .quote{border-left:4px solid #98a2b3;background:#f9fafb;padding:8px 12px;border-radius:4px}
.jr .quote.later{border-color:#c11574;background:#fdf2fa}
.jr .quote small{display:block;color:#475467;margin-bottom:3px}
.jr .row{border-left:4px solid #f79009;background:#fffaeb;padding:8px 12px;border-radius:4px;margin-bottom:8px}
.jr .row.miss{border-color:#d92d20;background:#fef3f2}
.jr .row small{display:block;color:#475467;margin-bottom:3px}
.jr .none{color:#067647}
</style>"""


def account_list(ws: Workspace, builder: JourneyBuilder) -> list[str]:
    """The workspace's accounts, those with the most calls first."""
    infos, _ = workspace_calls(ws, builder)
    names = account_names(infos)
    count = {n: sum((c.meta.account or "Unknown account") == n for c in infos) for n in names}
    return sorted(names, key=lambda n: (-count[n], names.index(n)))


def journey_for(ws: Workspace, builder: JourneyBuilder, account: str) -> Journey:
    infos, campaigns = workspace_calls(ws, builder)
    return builder.journeys(infos, campaigns, only=account)[account]


def set_call_account(ws: Workspace, call: str, account: str, date: str | None = None) -> None:
    """A reviewer's correction of a call's account (and date), kept over the file and inference."""
    set_account(ws, call, account, date or None)


def _e(text: object) -> str:
    return html.escape(str(text or ""))


def _stat(n: int, noun: str, rest: str, bad: str) -> str:
    """A count over its words, the noun in the number's form ("1 promise changed", "2 promises changed")."""
    return f'<div class="stat {bad if n else "ok"}"><b>{n}</b>{_e(noun_form(n, noun))} {_e(rest)}</div>'


def story_html(j: Journey) -> str:
    """The account's story, every piece of call text escaped."""
    s = j.summary()
    reps = " \u2192 ".join(_e(r) for r in s["reps"]) or "no rep known"
    calls = noun_form(s["calls"], "call")
    sellers = f"{len(s['reps'])} {'person' if len(s['reps']) == 1 else 'people'}"
    parts = [
        f'<div class="jr"><h3 class="acct">{_e(j.account)}</h3><div class="sub">Sold by {reps}</div>',
        '<div class="stats">',
        f'<div class="stat"><b>{s["calls"]}</b>{calls}, {sellers} selling, {counted(s["handoffs"], "handoff")}</div>',
        _stat(s["promises_changed"], "promise", "changed by a later rep", "bad"),
        _stat(s["open_objections"], "objection", "nobody answered", "warn"),
        _stat(s["missed_followups"], "follow-up", "that did not happen", "bad"),
        '</div><div class="timeline">',
    ]
    open_by_call: dict[str, int] = {}
    for o in j.open_objections:
        open_by_call[o.said.call] = open_by_call.get(o.said.call, 0) + 1
    missed_by_call: dict[str, int] = {}
    for f in j.missed_followups:
        missed_by_call[f.said.call] = missed_by_call.get(f.said.call, 0) + 1
    for n, c in enumerate(j.calls):
        if n:
            what = "handoff" if c.handoff else "same rep"
            parts.append(f'<div class="arrow"><b>&rarr;</b>{what}</div>')
        tags = []
        if c.inconsistent:
            tags.append(
                f'<span class="t-changed">{counted(len(c.inconsistent), "promise")} changed here</span>'
            )
        if open_by_call.get(c.name):
            tags.append(f'<span class="t-open">{counted(open_by_call[c.name], "objection")} left open</span>')
        if missed_by_call.get(c.name):
            tags.append(
                f'<span class="t-missed">{counted(missed_by_call[c.name], "follow-up")} promised here, missed</span>'
            )
        parts.append(
            f'<div class="call"><div class="when">Call {n + 1} &middot; {_e(call_label(c))}</div>'
            f'<div class="who">{_e(", ".join(c.reps) or "rep unknown")}</div>'
            f'<div class="file">{_e(c.name)}</div><div class="tags">{"".join(tags)}</div></div>'
        )
    parts.append("</div>")
    parts.append("<h4>Promises that changed</h4>")
    if not j.inconsistent:
        parts.append('<div class="none">No later rep took back what an earlier one said.</div>')
    for c in j.calls:
        for f in c.inconsistent:
            a, t = f.asset or {}, f.transcript or {}
            parts.append(
                '<div class="pair">'
                f'<div class="quote"><small>Promised on {_e(a.get("call"))} at {_e(clock(a.get("start")))} by '
                f"{_e(a.get('speaker'))}</small>&ldquo;{_e(a.get('text'))}&rdquo;</div>"
                f'<div class="quote later"><small>Changed on {_e(c.name)} at {_e(clock(t.get("start")))} by '
                f"{_e(t.get('speaker'))}</small>&ldquo;{_e(t.get('text'))}&rdquo;</div></div>"
            )
    parts.append("<h4>Objections nobody answered</h4>")
    if not j.open_objections:
        parts.append('<div class="none">Every concern the prospect raised got an answer.</div>')
    for o in j.open_objections:
        parts.append(
            f'<div class="row"><small>{_e(o.label)} &middot; raised on {_e(o.said.call)} at '
            f"{_e(clock(o.said.start))} by {_e(o.said.speaker)}</small>&ldquo;{_e(o.said.text)}&rdquo;</div>"
        )
    parts.append("<h4>Follow-ups that did not happen</h4>")
    if not j.missed_followups:
        parts.append('<div class="none">No later call says a promised follow-up was missed.</div>')
    for f in j.missed_followups:
        ev = f.evidence
        said = f"{_e(ev.speaker)} on {_e(ev.call)}: &ldquo;{_e(ev.text)}&rdquo;" if ev else ""
        parts.append(
            f'<div class="row miss"><small>Promised on {_e(f.said.call)} at {_e(clock(f.said.start))} by '
            f"{_e(f.said.speaker)}</small>&ldquo;{_e(f.said.text)}&rdquo;<br><small>Then {said}</small></div>"
        )
    parts.append("</div>")
    return JOURNEY_CSS + "".join(parts)
