"""Demo assessments and plans: the entry Management Assessment (about three years ago), this year's
self-assessment, and plans for last year, this year and next year, tied to the demo activities.

models/demo.py lists `add_demo` in DEMO_EXTENSIONS; everything is relative to `today`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from wethrive_desktop.models.assessments import AssessmentData, PracticeRating, save_assessment
from wethrive_desktop.models.domain import Status
from wethrive_desktop.models.plan_actions import link_activity
from wethrive_desktop.models.plans import GoalData, new_item, save_goal, save_item, set_needs
from wethrive_desktop.models.tables import Activity

# practice: (rating, score, notes)
MANAGEMENT_RATINGS: dict[int, tuple[int, str, str]] = {
    1: (5, "91", ""),
    2: (4, "78", ""),
    3: (2, "58", "Limited experience with equity assessments of programs."),
    4: (4, "80", ""),
    5: (3, "70", ""),
    6: (4, "82", ""),
    7: (3, "69", ""),
    8: (4, "77", ""),
    9: (4, "79", ""),
    10: (3, "72", ""),
    11: (2, "55", "Weakest area: technology strategy and cybersecurity."),
    12: (2, "61", "Long-range financial planning and debt management."),
    13: (3, "68", ""),
    14: (4, "81", ""),
}

SELF_RATINGS: dict[int, tuple[int, str]] = {
    1: (5, ""),
    2: (4, ""),
    3: (3, "The engagement workshops helped; still new to equity budgeting."),
    4: (3, "Two new assistant managers to develop this year."),
    5: (3, ""),
    6: (4, ""),
    7: (3, "Our strategic plan expires next year."),
    8: (4, ""),
    9: (4, ""),
    10: (3, ""),
    11: (3, "Better after the cybersecurity webinars; data use is next."),
    12: (2, "The revenue shortfall makes this the priority."),
    13: (3, ""),
    14: (4, ""),
}

LONG_TERM_GOAL = ("Within five years, be ready to lead a larger, fast-growing city as its manager", (6, 12, 13))


def _activity_id(title: str, year: int) -> int | None:
    row = (Activity.select(Activity.id)
           .where((Activity.title == title) & (Activity.status == Status.COMPLETED)
                  & (Activity.start_date >= date(year, 1, 1)) & (Activity.start_date <= date(year, 12, 31)))
           .first())
    return int(row.id) if row else None


def _item(year: int, goal: int | None, title: str, provider: str, type: str, month: int, day: int, hours: str,
          practices: tuple[int, ...], end: tuple[int, int] | None = None, status: str = "planned",
          notes: str = "") -> None:
    """A planned item; if the demo activity of that title was completed that year, it is logged (done)."""
    start = date(year, month, day)
    item_id = save_item(year, new_item(
        title, provider=provider, type=type, start_date=start,
        end_date=date(year, *end) if end else None, estimated_hours=Decimal(hours), goal_id=goal,
        practices=practices, status=status, notes=notes))
    activity_id = _activity_id(title, year)
    if activity_id is not None and status != "dropped":
        link_activity(item_id, activity_id)


def add_demo_assessments(today: date) -> None:
    entry = date(today.year - 3, 2, 20)
    save_assessment(AssessmentData(
        entry, "management",
        tuple(PracticeRating(n, r, Decimal(s), notes, need=n in (11, 12, 3))
              for n, (r, s, notes) in MANAGEMENT_RATINGS.items()),
        notes="Entry Management Assessment for the Credentialing Program (scores out of 100)."), today=today)
    self_date = min(date(today.year, 1, 12), today)
    save_assessment(AssessmentData(
        self_date, "self",
        tuple(PracticeRating(n, r, None, notes, need=n in (12, 4, 7)) for n, (r, notes) in SELF_RATINGS.items()),
        notes="Annual self-assessment before writing this year's plan."), today=today)


def add_demo_plans(today: date) -> None:
    last, this, nxt = today.year - 1, today.year, today.year + 1

    set_needs(last, (11, 12, 3))
    long_last = save_goal(last, GoalData(None, LONG_TERM_GOAL[0], "long", LONG_TERM_GOAL[1]))
    finance = save_goal(last, GoalData(None, "Build a ten-year financial plan with the finance director",
                                       "short", (12, 7)))
    engage = save_goal(last, GoalData(None, "Reach neighbourhoods that do not come to public hearings",
                                      "short", (2, 3)))
    tech = save_goal(last, GoalData(None, "Understand our cybersecurity risks well enough to brief council",
                                    "short", (11,)))
    ICMAU = "ICMA University"
    _item(last, finance, "Building a Long-Range Financial Plan", ICMAU, "webinar", 2, 10, "1.5", (12, 7))
    _item(last, tech, "Cybersecurity for Local Government Leaders", ICMAU, "webinar", 3, 24, "1.5", (11,))
    _item(last, engage, "Facilitating Difficult Public Conversations", "National Civic League", "workshop", 4, 7,
          "5", (2, 3, 14))
    _item(last, finance, "Strong Towns (Charles Marohn)", "Wiley", "reading", 4, 21, "3", (7, 12))
    _item(last, engage, "Equity in Budgeting", ICMAU, "webinar", 5, 19, "1.5", (3, 12))
    _item(last, long_last, "Local Government 201 certificate program", ICMAU, "certificate program", 7, 14, "6",
          (10, 12, 8), end=(8, 10))
    _item(last, long_last, "ICMA Annual Conference", "ICMA", "conference", 9, 27, "16", (6, 2, 13, 14),
          end=(9, 30))
    _item(last, long_last, "Mentoring an ELDP participant (sessions 1-3)",
          "ICMA Emerging Leaders Development Program", "mentoring", 2, 24, "3", (4, 13))
    _item(last, long_last, "Dare to Lead (Brené Brown)", "Random House", "reading", 11, 21, "3", (5, 4))
    _item(last, finance, "GFOA Advanced Budgeting Academy", "Government Finance Officers Association (GFOA)",
          "workshop", 10, 20, "12", (12,), end=(10, 22), status="dropped",
          notes="Dropped: the academy clashed with our budget adoption hearings.")

    set_needs(this, (12, 4, 7))
    long_this = save_goal(this, GoalData(None, LONG_TERM_GOAL[0], "long", LONG_TERM_GOAL[1]))
    shortfall = save_goal(this, GoalData(None, "Lead council and residents through the revenue shortfall",
                                         "short", (12, 2, 14)))
    people = save_goal(this, GoalData(None, "Develop my two new assistant city managers", "short", (4, 13)))
    data = save_goal(this, GoalData(None, "Use performance data in budget decisions", "short", (11, 10, 7)))
    GFOA = "Government Finance Officers Association (GFOA)"
    _item(this, people, "Coaching a new assistant city manager", "ICMA Coaching Program", "coaching-given", 2, 12,
          "1", (4, 13))
    _item(this, data, "Data-Driven Decision Making for Local Government", ICMAU, "e-course", 2, 26, "2", (11, 10))
    _item(this, long_this, "Thinking in Systems (Donella Meadows)", "Chelsea Green", "reading", 1, 29, "1.5",
          (6, 7))
    _item(this, shortfall, "Budgeting for Outcomes", GFOA, "webinar", 3, 25, "1.5", (12,))
    _item(this, people, "Inclusive Hiring Practices", "Colorado Municipal League", "workshop", 4, 15, "2.5",
          (3, 13))
    _item(this, data, "Strategic Planning in Uncertain Times", "Alliance for Innovation", "workshop", 5, 20, "6",
          (7, 6), status="dropped", notes="Dropped: the workshop was cancelled by the provider.")
    _item(this, shortfall, "Managing Through Fiscal Uncertainty", ICMAU, "webinar", 9, 9, "1.5", (12, 6))
    _item(this, long_this, "ICMA Annual Conference", "ICMA", "conference", 10, 4, "16", (6, 2, 13, 14),
          end=(10, 7))
    _item(this, people, "Trauma-Informed Leadership", "Colorado Municipal League", "webinar", 10, 22, "1",
          (5, 13))
    _item(this, people, "Leading Hybrid Teams", ICMAU, "webinar", 11, 6, "1.5", (4, 11, 13))
    _item(this, shortfall, "Facilitation Skills for Council Retreats", "National Civic League", "workshop", 11,
          16, "2", (8, 14))
    _item(this, shortfall, "Pension Funding Strategies", GFOA, "webinar", 12, 3, "1.5", (12,))
    _item(this, people, "Coaching a new assistant city manager (year-end session)", "ICMA Coaching Program",
          "coaching-given", 12, 10, "1", (4, 13))
    _item(this, data, "Performance Management Academy (online)", ICMAU, "e-course", 12, 14, "7", (10, 11, 7),
          end=(12, 18))

    long_next = save_goal(nxt, GoalData(None, LONG_TERM_GOAL[0], "long", LONG_TERM_GOAL[1]))
    strategy = save_goal(nxt, GoalData(None, "Lead the update of the city's strategic plan", "short", (7, 6, 2)))
    _item(nxt, long_next, "Local Government Leadership in an Election Year", ICMAU, "webinar", 1, 20, "1.5",
          (8, 1))
    _item(nxt, strategy, "CCCMA Winter Conference", "Colorado City & County Management Association (CCCMA)",
          "conference", 3, 18, "8", (2, 6, 14), end=(3, 19))
    _item(nxt, strategy, "ICMA Mountain Plains Regional Summit", "ICMA", "conference", 5, 12, "7", (5, 6),
          end=(5, 13))
    _item(nxt, long_next, "Gettysburg Leadership Institute", "ICMA and the Gettysburg Foundation",
          "leadership institute", 6, 9, "24", (6, 1, 5), end=(6, 12))


def add_demo(today: date) -> None:
    add_demo_assessments(today)
    add_demo_plans(today)

