"""The issue's 'done when': 26 h of mentoring and 30 of workshops count 50; Florida's and Texas's periods."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from wethrive_desktop.models.activities import ActivityData, load_activities, save_activity
from wethrive_desktop.models.mentoring import MentoringData
from wethrive_desktop.models.requirements import icma_year, standing
from wethrive_desktop.models.requirements.store import add_template
from wethrive_desktop.models.summary import year_summary


def test_mentoring_over_the_cap_counts_twenty(db: object) -> None:
    mentee = MentoringData("Ana Ruiz", "management intern", False, "", date(2025, 9, 1), None, "every two weeks",
                           "budgeting, council relations")
    for month in range(1, 14, 1):
        if month <= 13:
            save_activity(ActivityData(date(2026, min(month, 12), 2 if month < 13 else 20), f"Mentoring {month}",
                                       Decimal(2), "mentoring", mentoring=mentee, meets_conditions=True))
    for n in range(5):
        save_activity(ActivityData(date(2026, 3, 3 + n), f"Workshop {n}", Decimal(6), "workshop"))
    records = load_activities(year=2026)
    icma = icma_year(records, 2026, on=date(2026, 11, 30))
    assert icma.logged == Decimal(56)
    assert icma.counted == Decimal(50)
    assert icma.status == "met"
    assert [c.describe() for c in icma.caps] == ["Mentoring given: 26 h logged, 20 h count (at most 20 h a period)"]
    summary = year_summary(2026).to_json()
    assert summary["total_hours"] == 56.0 and summary["counted_hours"] == 50.0
    assert summary["caps"]["mentoring"] == {"logged": 26.0, "counted": 20.0}


def test_florida_and_texas_periods(db: object) -> None:
    add_template("fccma-ethics", date(2026, 11, 30))
    add_template("tcma-ethics", date(2026, 11, 30), start=date(2025, 1, 1))
    save_activity(ActivityData(date(2025, 9, 30), "Ethics in local government", Decimal(2), "workshop",
                               provider="TML", topics=("ethics",)))
    save_activity(ActivityData(date(2025, 10, 1), "Ethics refresher", Decimal(3), "webinar", provider="FCCMA",
                               topics=("ethics",)))
    found = {p.requirement.key: p for p in standing(load_activities(), date(2026, 1, 15))}
    fl = found["fccma-ethics"]
    assert (fl.period_start, fl.period_end) == (date(2025, 10, 1), date(2026, 9, 30))
    assert fl.counted == Decimal(3) and fl.status == "short"
    tx = found["tcma-ethics"]
    assert (tx.period_start, tx.period_end) == (date(2025, 1, 1), date(2026, 12, 31))
    assert tx.logged == Decimal(5) and tx.counted == Decimal(2) and tx.status == "met"
