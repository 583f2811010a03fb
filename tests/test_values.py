"""Table tests for value extraction, number parsing and unit-aware comparison."""

from __future__ import annotations

import math
import re

import pytest

from msgcheck.extract.values import compare_quantities, extract_quantities, parse_number, same_value
from msgcheck.types import Quantity


def one(text: str) -> Quantity:
    qs = extract_quantities(text)
    assert len(qs) == 1, f"{text!r} -> {qs}"
    return qs[0]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("forty-nine", 49.0),
        ("forty nine", 49.0),
        ("1,200", 1200.0),
        ("2.5k", 2500.0),
        ("$5k".lstrip("$"), 5000.0),
        ("a dozen", 12.0),
        ("half", 0.5),
        ("one and a half", 1.5),
        ("2 and a half", 2.5),
        ("twenty-five hundred", 2500.0),
        ("1.2 million", 1_200_000.0),
        ("a hundred", 100.0),
        ("three thousand five hundred", 3500.0),
        ("a couple of", 2.0),
        ("ninety-nine", 99.0),
        ("0.5", 0.5),
        ("four thirty-two", 432.0),
        ("two-forty", 240.0),
        ("nineteen ninety-nine", 1999.0),
        ("twenty-four twenty-five", 2425.0),
        ("two point nine", 2.9),
        ("five-point-nine", 5.9),
        ("two three", None),
        ("nonsense", None),
        ("", None),
        ("first", None),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


# (text, kind, value, unit, extra fields that must match)
MONEY = [
    ("It's $49/month.", 49.0, {"period": "month", "text": "$49/month"}),
    ("$49 per user per month", 49.0, {"period": "month", "per": "user"}),
    ("forty-nine dollars a month", 49.0, {"period": "month", "text": "forty-nine dollars a month"}),
    ("That works out to $588 a year.", 49.0, {"period": "month", "text": "$588 a year"}),
    (
        "$49/month billed annually",
        49.0,
        {"period": "month", "billing": "annual", "text": "$49/month billed annually"},
    ),
    ("€1,200 one-time setup fee", 1200.0, {"unit": "EUR", "period": "one-time"}),
    ("There's a $500 setup fee.", 500.0, {"period": "one-time"}),
    ("The implementation fee is $2,000.", 2000.0, {"period": "one-time"}),
    ("The deal was $5k.", 5000.0, {"period": None}),
    ("$2.5K/yr", 2500 / 12, {"period": "month"}),
    ("It's like 49 bucks.", 49.0, {"unit": "USD", "text": "49 bucks"}),
    ("USD 99", 99.0, {"unit": "USD"}),
    ("99 EUR a month", 99.0, {"unit": "EUR", "period": "month"}),
    ("£30 per seat, per month", 30.0, {"unit": "GBP", "per": "seat", "period": "month"}),
    ("$15 per agent/mo", 15.0, {"per": "agent", "period": "month"}),
    ("$39.99/mo", 39.99, {"period": "month"}),
    ("$120 a quarter", 40.0, {"period": "month"}),
    ("$10 a week", 10 * 52 / 12, {"period": "month"}),
    ("starting at $29/mo", 29.0, {"bound": "min"}),
    ("plans from $19 a month", 19.0, {"bound": "min"}),
    ("under $50 a month", 50.0, {"bound": "max"}),
    ("$40-$50 per seat", 40.0, {"high": 50.0, "per": "seat"}),
    ("$59 month-to-month", 59.0, {"billing": "monthly"}),
    ("If you pay annually it's $49 a month.", 49.0, {"billing": "annual", "period": "month"}),
    ("$1.2 million", 1_200_000.0, {}),
    ("a hundred bucks a month", 100.0, {"period": "month"}),
    ("49€ per month", 49.0, {"unit": "EUR", "period": "month"}),
    ("You'd pay $4,800 upfront for the year.", 400.0, {"period": "month", "billing": "annual"}),
    # a bare number with a price period, in a sentence about price: currency unknown ("")
    ("The Pro plan is forty-nine a month per seat.", 49.0, {"unit": "", "per": "seat", "period": "month"}),
    ("Pricing starts at 2k a month.", 2000.0, {"unit": "", "bound": "min"}),
    ("Yeah it's like twelve grand a year all in.", 1000.0, {"unit": "USD", "period": "month"}),
    # prices read aloud
    ("you're at four thirty-two per tech for the whole year", 36.0, {"per": "tech", "period": "month"}),
    ("that's forty-five per technician, per month", 45.0, {"per": "tech", "period": "month"}),
    ("each workstation works out to fourteen twenty-eight a year", 119.0, {"period": "month"}),
    ("so nineteen oh eight a year per workstation", 159.0, {"period": "month", "per": "workstation"}),
    ("their list price is two-ten a seat", 210.0, {"per": "seat"}),
    ("it's thirty cents a swipe", 0.30, {"per": "transaction"}),
    ("three cents a shipment", 0.03, {"per": "shipment"}),
    ("$5 per active employee", 5.0, {"per": "employee"}),
    ("$0.04 per shipment", 0.04, {"per": "shipment"}),
]


@pytest.mark.parametrize("text, value, fields", MONEY)
def test_money(text, value, fields):
    q = one(text)
    assert q.kind == "money"
    assert math.isclose(q.value, value, rel_tol=1e-9)
    for k, v in fields.items():
        assert getattr(q, k) == v, (k, q)
    assert text[q.start : q.end] == q.text


DURATIONS = [
    ("30-day free trial", 30.0, {"text": "30-day"}),
    ("thirty days", 30.0, {}),
    ("two weeks", 14.0, {}),
    ("a 14-day trial", 14.0, {}),
    ("the first month is on us, a month free", 30.0, {"text": "a month"}),
    ("one month", 30.0, {}),
    ("a fortnight", 14.0, {}),
    ("6 months", 180.0, {}),
    ("a twelve-month term", 360.0, {}),
    ("1 year", 365.0, {}),
    ("48 hours", 2.0, {}),
    ("90 minutes", 90 / 1440, {}),
    ("within 24 hours", 1.0, {"bound": "max"}),
    ("2-3 weeks", 14.0, {"high": 21.0}),
    ("two to three weeks", 14.0, {"high": 21.0}),
    ("between 2 and 3 weeks", 14.0, {"high": 21.0}),
    ("5 business days", 7.0, {}),
    ("a couple of weeks", 14.0, {}),
    ("a week and a half", 10.5, {}),
    ("in as little as 10 days", 10.0, {"bound": "min"}),
    ("at least 30 days notice", 30.0, {"bound": "min"}),
    ("live in a couple weeks", 14.0, {}),
    ("up and running in like two, three weeks", 14.0, {"high": 21.0}),
    ("two or three weeks", 14.0, {"high": 21.0}),
    ("up and running in two working weeks", 14.0, {}),
    ("someone's on it within a quarter of an hour", 15 / 1440, {"bound": "max"}),
    ("quotes come back in under a hundred milliseconds", 100 / 86_400_000, {"bound": "max"}),
    ("pickup time under 60 seconds", 60 / 86400, {"bound": "max"}),
    ("an hour and a half", 1.5 / 24, {}),
]


@pytest.mark.parametrize("text, value, fields", DURATIONS)
def test_durations(text, value, fields):
    q = one(text)
    assert q.kind == "duration"
    # business and working days keep their own unit (compared with calendar days only loosely)
    assert q.unit == ("business_day" if re.search(r"(?:business|working) days?|weekdays?", text) else "day")
    assert math.isclose(q.value, value, rel_tol=1e-9)
    for k, v in fields.items():
        assert getattr(q, k) == v, (k, q)


PERCENTS = [
    ("20% off", 20.0, {"text": "20%"}),
    ("twenty percent", 20.0, {}),
    ("99.9% uptime", 99.9, {}),
    ("20 per cent", 20.0, {}),
    ("up to 30% off", 30.0, {"bound": "max"}),
    ("10-15% discount", 10.0, {"high": 15.0}),
    ("cut onboarding time in half", 50.0, {"text": "in half"}),
    ("We guarantee 99.9 uptime.", 99.9, {}),
    ("ours is ninety-nine point nine five", 99.95, {}),
    ("rates start at five-point-nine APR", 5.9, {}),
    # a fraction of one point, said the way reps say rates: not 50% and not six percent
    ("you're at about half a percent of approved volume", 0.5, {"text": "half a percent"}),
    ("it's point six percent a transaction", 0.6, {}),
    ("a quarter percent on top", 0.25, {}),
    ("three-quarters of a percent", 0.75, {}),
    ("a quarter of the revenue goes to the partner", 25.0, {}),
]


@pytest.mark.parametrize("text, value, fields", PERCENTS)
def test_percent(text, value, fields):
    q = one(text)
    assert q.kind == "percent"
    assert q.value == value
    for k, v in fields.items():
        assert getattr(q, k) == v, (k, q)


COUNTS = [
    ("unlimited users", None, "user", {}),
    ("an unlimited number of projects", None, "project", {}),
    ("no limit on the number of seats", None, "seat", {}),
    ("up to 25 seats", 25.0, "seat", {"bound": "max"}),
    ("at least 3 users", 3.0, "user", {"bound": "min"}),
    ("5 users", 5.0, "user", {}),
    ("three integrations", 3.0, "integration", {}),
    ("10,000 contacts", 10000.0, "contact", {}),
    ("10k contacts", 10000.0, "contact", {}),
    ("500+ native integrations", 500.0, "integration", {"bound": "min"}),
    ("over 200 integrations", 200.0, "integration", {"bound": "min"}),
    ("2 admin seats", 2.0, "seat", {}),
    ("5-10 users", 5.0, "user", {"high": 10.0}),
    ("1 TB of storage", 1000.0, "gb", {}),
    ("50GB", 50.0, "gb", {}),
    ("unlimited storage", None, "gb", {}),
    ("a 10-user minimum", 10.0, "user", {}),
    ("teams see 3x more pipeline", 3.0, "x", {"text": "3x"}),
    ("it doubles your reply rate", 2.0, "x", {}),
    ("three times faster", 3.0, "x", {}),
    ("5,000 API calls a day", 5000 * 365 / 12, "api call", {"period": "month"}),
    ("10 GB per user", 10.0, "gb", {"per": "user"}),
    ("one or two users", 1.0, "user", {"high": 2.0}),
    ("up to five techs", 5.0, "tech", {"bound": "max"}),
    ("200 on-my-way texts per month", 200.0, "text", {"period": "month"}),
    ("systems of 100 kW and larger", 100.0, "kw", {"bound": "min"}),
    ("a 2 MW array", 2000.0, "kw", {}),
    ("five thousand calls a month", 5000.0, "call", {"period": "month"}),
    ("We don't cap contacts on Growth.", None, "contact", {}),
    ("rate limited to 10 requests per second", 10 * 60 * 60 * 24 * 365 / 12, "request", {"bound": "max"}),
]


@pytest.mark.parametrize("text, value, unit, fields", COUNTS)
def test_counts(text, value, unit, fields):
    q = one(text)
    assert (q.kind, q.value, q.unit) == ("count", value, unit)
    for k, v in fields.items():
        assert getattr(q, k) == v, (k, q)


WEIGHTS = [  # (text, kilograms, bound): pounds are a weight only when the sentence talks about weight
    ("Dogs of every size and breed are welcome, up to 120 lb.", 54.431084, "max"),
    ("up to a hundred and twenty pounds, any breed", 54.431084, "max"),
    ("parcels under 2 kilos ship free", 2.0, "max"),
    ("a 10-lb bag of kibble", 4.535924, "exact"),
    ("pallets of 500 kg or more", 500.0, "min"),
    ("two tons of cargo", 1814.36948, "exact"),
]


@pytest.mark.parametrize("text, kg, bound", WEIGHTS)
def test_weights(text, kg, bound):
    q = one(text)
    assert (q.kind, q.unit, q.bound) == ("count", "kg", bound)
    assert q.value == pytest.approx(kg)


def test_pounds_of_money_stay_money_and_weights_compare_across_units():
    assert one("that's twenty pounds a month").kind == "money"
    assert one("the add-on costs 20 pounds").unit == "GBP"
    assert extract_quantities("we run on 5G everywhere") == []
    asset = one("Dogs of every size and breed are welcome, up to 120 lb.")
    assert compare_quantities(one("dogs up to fifty-five kilos"), asset) == "same"
    assert compare_quantities(one("dogs up to eighty pounds"), asset) == "different"


HOURS = [
    ("24/7 support", "24/7", 168.0, None),
    ("support around the clock", "24/7", 168.0, None),
    ("we're there 24 hours a day", "24/7", 168.0, None),
    ("24 hours a day, five days a week", "24/5", 120.0, None),
    ("24x7 coverage", "24/7", 168.0, None),
    ("support is nine to five Eastern", "09-17 ET", None, None),
    ("9am-5pm ET", "09-17 ET", None, None),
    ("8:30am to 5:30pm PT", "08:30-17:30 PT", None, None),
    ("during business hours", "business", None, None),
    ("support weekdays 8-6", "08-18", 50.0, "weekdays"),
    ("Monday through Friday, 9 to 5", "09-17", 40.0, "weekdays"),
    ("8am to 8pm, seven days a week", "08-20", 84.0, "daily"),
    (
        "phone and chat from seven in the morning till eight at night Eastern, Monday through Saturday",
        "07-20 ET",
        78.0,
        "mon-sat",
    ),
    ("staffed 7 a.m. to 8 p.m. your time", "07-20 local", None, None),
    ("people on the phones twenty-four seven", "24/7", 168.0, None),
    ("the help desk is staffed seven to eight, Monday through Saturday", "07-20", 78.0, "mon-sat"),
    # a clock time before "weekdays" is a window's close, not a count of business days
    ("Phone support 8:30am to 5pm weekdays.", "08:30-17", 42.5, "weekdays"),
    ("Support 9:30 to 5:30 weekdays.", "09:30-17:30", 40.0, "weekdays"),
    ("we pick up from eight thirty to five weekdays", "08:30-17", 42.5, "weekdays"),
]


@pytest.mark.parametrize("text, unit, value, days", HOURS)
def test_hours(text, unit, value, days):
    q = one(text)
    assert (q.kind, q.unit, q.value, q.period) == ("hours", unit, value, days)


@pytest.mark.parametrize(
    "text",
    [
        "Does Tuesday at 3pm work for you?",
        "I'm free from 2 to 3pm tomorrow.",
        "We met on March 3, 2024.",
        "That was back in 2023.",
        "You can reach me at 555-123-4567.",
        "Call 1-800-555-0199 anytime.",
        "We're on version 2.0 of the API.",
        "This is our first call.",
        "One of our customers said the same thing.",
        "I have a couple of questions.",
        "Let's reconnect in two weeks.",
        "Let's do a 30-minute call next week.",
        "We sync once a month.",
        "It's a month-to-month plan.",
        "We've been around for 10 years.",
        "Give me a minute to pull that up.",
        "I'll double-check with my team.",
        "Two years ago we switched vendors.",
        "Windows 10 devices are supported.",
        "It took about an hour.",
        "Q3 is our busiest quarter.",
        "Annual billing is available.",
        "Can you see my screen?",
        "We release one a month.",
        "That's the one integration we don't have.",
        "I've got about 30 minutes today.",
        "Support is there 5 days a week.",
        "In 2024, 30 of them renewed.",
        "Great, so I've got us down for 45 minutes.",
        "Give me one sec.",
        "How many orders a month?",
        "Save 5 Hrs a Week, Guaranteed",
        "I've got about twenty minutes before a dock inspection.",
        "There is no monthly gateway fee.",
        "And the yearly maintenance charge is gone.",
    ],
)
def test_not_quantities(text):
    assert extract_quantities(text) == []


def test_a_count_of_business_days_is_still_a_duration():
    (q,) = extract_quantities("It ships in 3 to 5 weekdays.")
    assert (q.kind, q.unit) == ("duration", "business_day")


def test_a_plan_named_like_a_frequency_is_a_name():
    assert [q.kind for q in extract_quantities("Not quite, Daily Grind is ten a person a month.")] == [
        "money"
    ]
    assert [q.kind for q in extract_quantities("Daily Grind: $12 per person per month.")] == ["money"]
    # a heading in title case says nothing about names
    assert [q.kind for q in extract_quantities("Weekly Reports Included")] == ["frequency"]


def test_a_frequency_before_a_thing_done_is_kept():
    (q,) = extract_quantities("Monthly invoices sync to QuickBooks.")
    assert (q.kind, q.unit) == ("frequency", "per_week")


def test_schedules_and_frequencies_said_in_words():
    assert [(q.kind, q.unit) for q in extract_quantities("We do adjustments two Saturdays a month.")] == [
        ("schedule", "sat")
    ]
    (q,) = extract_quantities("We come out every other week.")
    assert (q.kind, q.value, q.unit) == ("frequency", 0.5, "per_week")


@pytest.mark.parametrize(
    ("text", "value", "period"),
    [
        ("It's 49 a month for the team.", 49.0, "month"),
        ("Their list price is two-ten, I think.", 210.0, None),
        ("Call it right around twenty-eight hundred a month.", 2800.0, "month"),
    ],
)
def test_bare_amounts_in_a_price_context_are_money(text, value, period):
    """Transcripts come from speech: reps say prices without a currency (issue 10). A period after the
    amount, or a price word before it in the clause, makes it money."""
    (q,) = extract_quantities(text)
    assert (q.kind, q.value, q.period) == ("money", value, period)


def test_offsets_point_into_original_text():
    text = "Plans start at forty-nine dollars a month, with a 14-day trial and up to 25 seats."
    qs = extract_quantities(text)
    assert [q.kind for q in qs] == ["money", "duration", "count"]
    for q in qs:
        assert text[q.start : q.end] == q.text


def test_spoken_monthly_or_annually_are_billing_terms():
    qs = extract_quantities("Pro is sixty-five per tech monthly, or fifty-two annually.")
    assert [(q.value, q.period, q.billing) for q in qs] == [
        (65.0, "month", "monthly"),
        (52.0, "month", "annual"),
    ]
    # but a yearly amount larger than the monthly one is a yearly price
    qs = extract_quantities("It's $49 a month or $499 annually.")
    assert [(round(q.value, 2), q.period) for q in qs] == [(49.0, "month"), (round(499 / 12, 2), "month")]


def test_several_values_in_one_sentence():
    qs = extract_quantities("$49/month billed annually or $59 billed monthly, and a $500 setup fee.")
    assert [(q.value, q.period, q.billing) for q in qs] == [
        (49.0, "month", "annual"),
        (59.0, None, "monthly"),
        (500.0, "one-time", None),
    ]


def q1(text: str) -> Quantity:
    return one(text)


COMPARISONS = [
    ("two weeks", "14-day", "same"),
    ("12 months", "1 year", "same"),
    ("a fortnight", "14 days", "same"),
    ("48 hours", "2 days", "same"),
    ("5 business days", "one week", "same"),
    ("30-day", "14-day", "different"),
    ("$588 a year", "$49/month billed annually", "same"),
    ("$49/month", "$49 a month", "same"),
    ("$49/month", "$59/month", "different"),
    ("$49/month", "$49 one-time", "different"),
    ("$49/month billed annually", "$49 a month, month-to-month", "different"),
    ("$49 per seat per month", "$49 per user per month", "same"),
    ("$49 per user per month", "$49 per location per month", "different"),
    ("$49/month", "€49/month", "incomparable"),
    ("$39.99/mo", "$40/mo", "same"),
    ("$49/month", "49 bucks a month", "same"),
    ("unlimited users", "up to 25 users", "different"),
    ("unlimited users", "unlimited seats", "same"),
    ("up to 25 seats", "25 seats", "same"),
    ("up to 25 seats", "at least 25 seats", "different"),
    ("5 users", "three integrations", "incomparable"),
    ("20% off", "twenty percent", "same"),
    ("99.9% uptime", "99.99% uptime", "different"),
    ("20%", "two weeks", "incomparable"),
    ("two weeks", "2-3 weeks", "same"),
    ("four weeks", "2-3 weeks", "different"),
    ("1 TB of storage", "1000 GB", "same"),
    ("24/7 support", "around the clock", "same"),
    ("24/7 support", "business hours", "different"),
    ("9am-5pm", "business hours", "same"),
    ("9am-5pm ET", "9am-5pm PT", "different"),
    ("nine to five Eastern", "9am-5pm ET", "same"),
    ("3x more pipeline", "triples your pipeline", "same"),
    ("The price is forty-nine a month.", "$49/month", "same"),
    ("5,000 API calls a day", "150,000 API calls a month", "same"),
    ("5,000 API calls a day", "5,000 API calls a month", "different"),
    ("10 GB per user", "10 GB per workspace", "same"),
    ("half the price", "50% off", "same"),
    # other lines of the price list are not drift; the same amount on other terms is
    ("$500 setup fee", "$49/month", "incomparable"),
    ("$49/mo billed annually", "$59 a month, month-to-month", "incomparable"),
    ("$59 billed monthly", "$59 a month, month-to-month", "same"),
    ("$5 per active employee", "$39 per location", "incomparable"),
    ("so that's $1,800 a month", "$45 per tech/month", "incomparable"),
    ("$59 a month", "$49 per user per month", "different"),
    ("forty-five per technician, per month", "$45 per tech/month", "same"),
    ("four thirty-two per tech for the whole year", "$36 per tech/month", "same"),
    ("sixty-five per tech monthly", "$65/tech/month billed monthly", "same"),
    ("9am-5pm ET", "6am-2pm PT", "same"),
    ("9am-5pm ET", "9am-5pm your time", "incomparable"),
    ("under a minute", "under 60 seconds", "same"),
    ("twenty-four seven", "24/7", "same"),
]


@pytest.mark.parametrize("a, b, expected", COMPARISONS)
def test_compare_quantities(a, b, expected):
    qa, qb = q1(a), q1(b)
    assert compare_quantities(qa, qb) == expected
    assert compare_quantities(qb, qa) == expected


def test_same_value_tolerance():
    assert same_value(360.0, 365.0)
    assert not same_value(30.0, 31.5)
    assert same_value(None, None)
    assert not same_value(None, 3.0)
    assert same_value(49.0, 49.5, rel=0.02)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Our robes are two dollars ten per robe", [("money", 2.10)]),  # dollars then cents, spoken
        ("nine dollars ninety-nine a month", [("money", 9.99)]),
        ("it's five dollars ten percent off", [("money", 5.0), ("percent", 10.0)]),  # the ten is a percent
        ("ten dollars twenty users", [("money", 10.0), ("count", 20.0)]),
        # a range of amounts, not a 4-to-5 o'clock window read off "five hundred" as 05:00
        ("VetHarbor's usually in that four to five hundred range", []),
        # a range's two ends, not 50,600 (the high end is checked below)
        ("between five hundred and six hundred dollars", [("money", 500.0)]),
        ("two thousand and five hundred dollars", [("money", 2500.0)]),
        # what a plan covers is a count of people; a coverage limit is a sum
        ("Pro is three twenty-nine monthly, and that covers up to eight.", [("money", 329.0)]),
        ("the policy covers up to five thousand", [("money", 5000.0)]),
    ],
)
def test_spoken_amounts_read_as_said(text, expected):
    assert [(q.kind, round(q.value, 2)) for q in extract_quantities(text)] == expected


def test_a_spoken_24_hour_clock_still_reads_as_one():
    [q] = extract_quantities("the crew is on site from oh-eight-hundred to sixteen hundred")
    assert (q.kind, q.unit) == ("hours", "08-16")
    [q] = extract_quantities("dispatch runs seven hundred hours to fifteen hundred hours")
    assert q.unit == "07-15"
    assert parse_number("five hundred and six hundred") is None
    [q] = extract_quantities("between five hundred and six hundred dollars")
    assert (q.value, q.high) == (500, 600)
    assert parse_number("twenty-five hundred") == 2500
