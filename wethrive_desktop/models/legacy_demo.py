"""Demo records of issue 6: Legacy Leaders coaching and actions, the eligibility experience, and a few
#WeThriveHere entries that carry no hours. models/demo.py lists `add_demo_legacy` in DEMO_EXTENSIONS.

The demo manager (credentialed three years ago) coached an ELDP participant through both program years, recruited
or sponsored someone each year, and this year established an intern position: earned, maintained, maintained.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from wethrive_desktop.models.challenge import record_zero_hour_entry
from wethrive_desktop.models.eligibility import ExperienceData, save_experience
from wethrive_desktop.models.legacy import save_action, save_coaching
from wethrive_desktop.models.legacy_rule import ActionData, CoachingData, CoachingYearData


def add_demo_legacy(today: date) -> None:
    y = today.year

    def not_after_today(d: date) -> date:
        return min(d, today)

    save_coaching(CoachingData(
        person="Maya Okafor", program="eldp", start_date=date(y - 2, 9, 15), end_date=date(y - 1, 12, 15),
        final_project_approved=date(y - 1, 12, 15),
        notes=f"Assistant to the county manager in a neighbouring county; ELDP class of {y - 1}.",
        years=(
            CoachingYearData(y - 2, "Kick-off call in September; agreed on monthly calls and her learning goals.",
                             "CCCMA Fall Conference"),
            CoachingYearData(y - 1, "Monthly calls; capstone on volunteer recruitment for the library district, "
                                    "presented in December.", "ICMA Annual Conference"),
        ),
    ))
    save_coaching(CoachingData(
        person="Luis Romero", program="state", program_name="CCCMA Emerging Leaders",
        start_date=not_after_today(date(y, 2, 1)),
        notes="Budget analyst in a mountain town, new to the state program.",
        years=(CoachingYearData(y, "First two calls on his career plan.", ""),),
    ))
    save_action(ActionData(date(y - 2, 10, 20), "member-recruited", "Daniel Reyes",
                           notes="Assistant planner; his first ICMA membership."))
    save_action(ActionData(date(y - 1, 4, 8), "participant-sponsored", "Priya Shah", program="leadership-icma",
                           notes="The city paid her Leadership ICMA tuition."))
    save_action(ActionData(not_after_today(date(y, 1, 20)), "intern-position",
                           notes="Paid summer intern in the city manager's office, shared with the county."))
    save_experience(ExperienceData("mpa", Decimal(9), Decimal(6), date(y - 3, 3, 14), "senior"), today=today)

    record_zero_hour_entry(date(y - 1, 6, 2), "ebook-purchase", "E-book: Leading Your Community")
    record_zero_hour_entry(date(y - 1, 12, 1), "fund-donation", "Donation to The Fund")
    record_zero_hour_entry(not_after_today(date(y, 1, 8)), "early-renewal", "Renewed ICMA membership early")
    record_zero_hour_entry(not_after_today(date(y, 1, 9)), "credential-status", "Maintained the ICMA-CM credential")

