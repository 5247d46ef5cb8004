"""The demo data: two years of a city manager's professional-development records, relative to today, and a
requirement she tracks besides ICMA's Tenet 8 (Florida's ethics hours), with an ethics webinar a few weeks before
today that counts toward both.

`ensure_demo_database` creates the demo file on first use; `populate_demo` fills whatever database is open. Other
features add their own demo records (assessments, plans, reports, Legacy Leaders) as a function of `today`, listed
in `DEMO_EXTENSIONS` below; each is called after the activities exist, inside the same transaction. Such a module
does not import this one (this one imports it):

    # wethrive_desktop/models/demo_plans.py
    def add_demo(today: date) -> None: ...

    # here
    DEMO_EXTENSIONS: tuple[DemoExtension, ...] = (demo_plans.add_demo, legacy_demo.add_demo_legacy)
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from wethrive_desktop.models import clock, demo_plans, legacy_demo
from wethrive_desktop.models.activities import ActivityData, add_attachment, check, import_activities
from wethrive_desktop.models.dates import long_date
from wethrive_desktop.models.db import close_database, database_proxy, open_database
from wethrive_desktop.models.demo_records import LAST_YEAR, NEXT_YEAR_PLANNED, RECENT_ETHICS, THIS_YEAR
from wethrive_desktop.models.domain import CredentialStatus, Status
from wethrive_desktop.models.profile import ProfileData, save_profile
from wethrive_desktop.models.requirements.counting import period_containing
from wethrive_desktop.models.requirements.definitions import template
from wethrive_desktop.models.requirements.store import add_template
from wethrive_desktop.models.tables import Activity
from wethrive_desktop.models.validation import ValidationError

DemoExtension = Callable[[date], None]

# Functions that add a feature's demo records; called in order by populate_demo after its own data.
DEMO_EXTENSIONS: tuple[DemoExtension, ...] = (
    demo_plans.add_demo,
    legacy_demo.add_demo_legacy,
)

DEMO_REQUIREMENT = "fccma-ethics"

# Planned activities of this year further ahead than this are left out (the member has not registered yet).
PLANNING_HORIZON = timedelta(days=90)
RECENT_WEEKS = 3  # the recent ethics webinar (demo_records.RECENT_ETHICS) is dated about this long before today

DEMO_PROFILE = ProfileData(
    name="Elena Márquez-Whitfield",
    member_number="1048672",
    title="City Manager",
    organization="City of Alamosa Springs",
    location="Colorado, USA",
    email="elena.marquez@alamosasprings.example.org",
    credential_status=CredentialStatus.CREDENTIALED.value,
    challenge_signup=True,
)


def demo_profile(today: date) -> ProfileData:
    entry_year = today.year - 3
    return ProfileData(**{
        **DEMO_PROFILE.__dict__,
        "management_assessment_date": date(entry_year, 2, 20),
        "program_entry_date": date(entry_year, 3, 14),
        "credentialed_date": date(entry_year, 6, 18),
    })


def demo_activities(today: date) -> list[ActivityData]:
    """Last year's records, this year's up to today (later ones planned, if soon), a few planned next year, and a
    recent ethics webinar (`recent_ethics_day`)."""
    rows = [item.data(today.year - 1, Status.COMPLETED.value, today) for item in LAST_YEAR]
    for item in THIS_YEAR:
        completed = item.data(today.year, Status.COMPLETED.value, today)
        last_day = completed.end_date or completed.start_date
        if last_day <= today:
            rows.append(completed)
        elif completed.start_date - today <= PLANNING_HORIZON:
            rows.append(item.data(today.year, Status.PLANNED.value, today))
    rows += [item.data(today.year + 1, Status.PLANNED.value, today) for item in NEXT_YEAR_PLANNED]
    day = recent_ethics_day(today, rows)
    if day is not None:
        rows.append(replace(RECENT_ETHICS, month=day.month, day=day.day).data(day.year, Status.COMPLETED.value, today))
    return rows


def recent_ethics_day(today: date, rows: Sequence[ActivityData]) -> date | None:
    """The day of the recent ethics webinar: about RECENT_WEEKS before `today`, inside the period of the demo's
    Florida requirement that holds `today` (so it counts there and toward Tenet 8), never before that period began
    nor after today; a weekday no other activity of `rows` takes when there is one, else any free day. None when
    every day of the period so far is taken (a period begun today whose day is taken)."""
    start, _ = period_containing(template(DEMO_REQUIREMENT, today), today)
    aim = max(today - timedelta(weeks=RECENT_WEEKS), start)
    earlier = [aim - timedelta(days=n) for n in range((aim - start).days + 1)]
    later = [aim + timedelta(days=n) for n in range(1, (today - aim).days + 1)]
    taken = {row.start_date + timedelta(days=n) for row in rows
             for n in range(((row.end_date or row.start_date) - row.start_date).days + 1)}
    free = [day for day in earlier + later if day not in taken]
    return next((day for day in free if day.weekday() < 5), free[0] if free else None)


def _certificate_pdf(folder: Path, name: str, holder: str, course: str, when: date) -> Path:
    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.pdfgen import canvas

    path = folder / name
    pdf = canvas.Canvas(str(path), pagesize=landscape(letter), invariant=1)
    width, height = landscape(letter)
    pdf.setFont("Helvetica-Bold", 28)
    pdf.drawCentredString(width / 2, height - 150, "Certificate of Completion")
    pdf.setFont("Helvetica", 16)
    pdf.drawCentredString(width / 2, height - 220, "This certifies that")
    pdf.setFont("Helvetica-Bold", 22)
    pdf.drawCentredString(width / 2, height - 260, holder)
    pdf.setFont("Helvetica", 16)
    pdf.drawCentredString(width / 2, height - 300, f"completed {course}")
    pdf.drawCentredString(width / 2, height - 330, long_date(when))
    pdf.save()
    return path


def _attach_certificates(today: date) -> None:
    wanted = {("Ethics 101 e-course", today.year - 1): "ethics-101-certificate.pdf",
              ("Local Government 201 certificate program", today.year - 1): "lg201-certificate.pdf"}
    with tempfile.TemporaryDirectory() as tmp:
        for activity in Activity.select().where(Activity.title.in_([t for t, _ in wanted])):
            name = wanted.get((activity.title, activity.start_date.year))
            if name:
                pdf = _certificate_pdf(Path(tmp), name, DEMO_PROFILE.name, activity.title,
                                       activity.end_date or activity.start_date)
                add_attachment(activity.id, pdf)


def populate_demo(today: date | None = None) -> None:
    """Fill the open (empty) database with the demo records, in one transaction, then run DEMO_EXTENSIONS."""
    today = today or clock.today()
    rows = demo_activities(today)
    errors = [e for row in rows for e in check(row)]
    if errors:  # the demo data is ours: a failure here is a bug, reported before anything is written
        raise ValidationError(errors)
    with database_proxy.atomic():
        save_profile(demo_profile(today), today)
        import_activities(rows)
        _attach_certificates(today)
        # A requirement besides ICMA's Tenet 8, so the Requirements page and the dashboard's card show how one log
        # counts toward both: the manager kept her Florida association membership from an earlier post there.
        add_template(DEMO_REQUIREMENT, today)
        for extend in DEMO_EXTENSIONS:
            extend(today)


def ensure_demo_database(path: Path, today: date | None = None) -> Path:
    """Create and fill the demo database at `path` the first time; later calls leave it as the user left it.

    Leaves the database closed (the caller opens it). A file that is not a database is refused (StoreError).
    """
    path = Path(path)
    open_database(path)
    try:
        if not Activity.select().exists():
            populate_demo(today)
    finally:
        close_database()
    return path
