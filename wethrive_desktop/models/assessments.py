"""Assessments against the 14 practices: self-assessments, Management Assessment results and 360 summaries.

Each assessment rates every practice 1-5 (1 = needs significant development ... 5 = a strength), may carry the
score a Management Assessment reported for it, and notes. The member marks the practices to develop (development
needs); the app suggests the lowest-rated ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum

import peewee

from wethrive_desktop.i18n import format_date, noop, tr
from wethrive_desktop.models import clock
from wethrive_desktop.models.db import database_proxy
from wethrive_desktop.models.domain import PRACTICES
from wethrive_desktop.models.tables import Assessment, AssessmentRating, utc_now
from wethrive_desktop.models.validation import FieldError, ValidationError, practice_numbers_problem

RATING_LABELS: dict[int, str] = {
    1: noop("Needs significant development"),
    2: noop("Needs development"),
    3: noop("Adequate"),
    4: noop("Proficient"),
    5: noop("A strength"),
}
MAX_SCORE = Decimal(1000)
HUNDREDTH = Decimal("0.01")
SUGGESTED_NEEDS = 3

# Short names for charts and narrow tables.
PRACTICE_SHORT: dict[int, str] = {
    1: noop("Integrity"),
    2: noop("Community engagement"),
    3: noop("Equity and inclusion"),
    4: noop("Staff effectiveness"),
    5: noop("Resiliency and development"),
    6: noop("Strategic leadership"),
    7: noop("Strategic planning"),
    8: noop("Policy facilitation"),
    9: noop("Community service"),
    10: noop("Service delivery"),
    11: noop("Technological literacy"),
    12: noop("Financial management"),
    13: noop("HR and workforce"),
    14: noop("Communication"),
}


class Kind(StrEnum):
    SELF = "self"
    MANAGEMENT = "management"
    MULTIRATER = "multirater"

    @property
    def label(self) -> str:
        return KIND_LABELS[self.value]


KIND_LABELS = {
    "self": noop("Self-assessment"),
    "management": noop("Management Assessment results"),
    "multirater": noop("Multi-rater (360) summary"),
}


# --- plain data --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PracticeRating:
    practice: int
    rating: int | None = None
    score: Decimal | None = None
    notes: str = ""
    need: bool = False


@dataclass(frozen=True)
class AssessmentData:
    date: date
    kind: str
    ratings: tuple[PracticeRating, ...]  # one per practice, in practice order (missing ones are unrated)
    notes: str = ""
    id: int | None = None
    created_at: datetime | None = None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def rating_of(self, practice: int) -> PracticeRating:
        return next((r for r in self.ratings if r.practice == practice), PracticeRating(practice))

    @property
    def needs(self) -> tuple[int, ...]:
        return tuple(r.practice for r in self.ratings if r.need)

    @property
    def rated(self) -> int:
        return sum(1 for r in self.ratings if r.rating is not None)


def full_ratings(ratings: Iterable[PracticeRating]) -> tuple[PracticeRating, ...]:
    """One entry per practice, 1 to 14 (a practice left out is unrated)."""
    given = {r.practice: r for r in ratings}
    return tuple(given.get(n, PracticeRating(n)) for n in PRACTICES)


def not_a_number(text: str) -> str:
    """"'lots' is not a number", for a score typed."""
    return tr("'{text}' is not a number").format(text=text)


def parse_score(text: str) -> Decimal | None:
    """A score as typed ("" means none). Raises ValidationError naming the field."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError([FieldError("score", not_a_number(text))]) from None
    if not value.is_finite():
        raise ValidationError([FieldError("score", not_a_number(text))])
    return value


def check_assessment(data: AssessmentData, today: date | None = None) -> list[FieldError]:
    errors: list[FieldError] = []
    today = today or clock.today()
    if data.date > today:
        errors.append(FieldError("date", tr("{date} is in the future").format(date=format_date(data.date))))
    if data.kind not in KIND_LABELS:
        errors.append(FieldError("kind", tr("'{value}' is not one of: {choices}").format(
            value=data.kind, choices=", ".join(KIND_LABELS))))
    seen: set[int] = set()
    for r in data.ratings:
        name = f"practice {r.practice}"
        if r.practice not in PRACTICES:
            errors.append(FieldError("practices", practice_numbers_problem([r.practice])))
            continue
        if r.practice in seen:
            errors.append(FieldError(name, tr("is rated twice")))
        seen.add(r.practice)
        if r.rating is not None and not (isinstance(r.rating, int) and 1 <= r.rating <= 5):
            errors.append(FieldError(f"{name} rating", tr("{rating} is not a rating from 1 to 5").format(
                rating=r.rating)))
        if r.score is not None:
            if not Decimal(r.score).is_finite():
                errors.append(FieldError(f"{name} score", tr("is not a number")))
            elif r.score < 0 or r.score > MAX_SCORE:
                errors.append(FieldError(f"{name} score", tr("{score} is not between 0 and {most}").format(
                    score=r.score, most=MAX_SCORE)))
            elif r.score != r.score.quantize(HUNDREDTH):
                errors.append(FieldError(f"{name} score", tr("use at most two decimals")))
    if not any(r.rating is not None or r.score is not None for r in data.ratings):
        errors.append(FieldError("ratings", tr("rate at least one practice")))
    return errors


# --- reading -----------------------------------------------------------------------------------------------


def _load(query: peewee.ModelSelect) -> list[AssessmentData]:
    rows = list(query)
    ratings: dict[int, list[PracticeRating]] = defaultdict(list)
    if rows:
        for r in (AssessmentRating.select().where(AssessmentRating.assessment.in_([a.id for a in rows]))
                  .order_by(AssessmentRating.practice)):
            ratings[r.assessment_id].append(PracticeRating(r.practice_id, r.rating, r.score, r.notes, r.need))
    return [AssessmentData(a.date, a.kind, full_ratings(ratings[a.id]), a.notes, a.id, a.created_at) for a in rows]


def load_assessments() -> list[AssessmentData]:
    """Every assessment, newest first."""
    return _load(Assessment.select().order_by(Assessment.date.desc(), Assessment.id.desc()))


def get_assessment(assessment_id: int) -> AssessmentData:
    found = _load(Assessment.select().where(Assessment.id == assessment_id))
    if not found:
        raise LookupError(tr("assessment {id} does not exist").format(id=assessment_id))
    return found[0]


def latest_two() -> tuple[AssessmentData | None, AssessmentData | None]:
    """The latest assessment and the one before it (for the chart)."""
    found = _load(Assessment.select().order_by(Assessment.date.desc(), Assessment.id.desc()).limit(2))
    return (found[0] if found else None, found[1] if len(found) > 1 else None)


# --- writing -----------------------------------------------------------------------------------------------


def normalized(data: AssessmentData) -> AssessmentData:
    """Trimmed notes, scores to the hundredth, one rating per practice (call after check_assessment)."""
    return replace(
        data,
        notes=data.notes.strip(),
        ratings=tuple(
            replace(r, notes=r.notes.strip(), score=None if r.score is None else Decimal(r.score).quantize(HUNDREDTH))
            for r in full_ratings(data.ratings)
        ),
    )


def _write_ratings(assessment_id: int, ratings: Sequence[PracticeRating]) -> None:
    AssessmentRating.delete().where(AssessmentRating.assessment == assessment_id).execute()
    rows = [
        {"assessment": assessment_id, "practice": r.practice, "rating": r.rating, "score": r.score,
         "notes": r.notes, "need": r.need}
        for r in ratings
        if r.rating is not None or r.score is not None or r.notes or r.need
    ]
    if rows:
        AssessmentRating.insert_many(rows).execute()


def save_assessment(data: AssessmentData, today: date | None = None) -> int:
    """Insert (data.id None) or update an assessment. Raises ValidationError; writes nothing then."""
    errors = check_assessment(data, today)
    if errors:
        raise ValidationError(errors)
    data = normalized(data)
    with database_proxy.atomic():
        values = {"date": data.date, "kind": data.kind, "notes": data.notes}
        if data.id is None:
            assessment_id = int(Assessment.insert(created_at=data.created_at or utc_now(), **values).execute())
        else:
            if not Assessment.update(**values).where(Assessment.id == data.id).execute():
                raise LookupError(tr("assessment {id} no longer exists").format(id=data.id))
            assessment_id = data.id
        _write_ratings(assessment_id, data.ratings)
    return assessment_id


def delete_assessment(assessment_id: int) -> AssessmentData:
    """Delete and return it as it was (for undo)."""
    data = get_assessment(assessment_id)
    with database_proxy.atomic():
        Assessment.delete().where(Assessment.id == assessment_id).execute()
    return data


def restore_assessment(data: AssessmentData) -> int:
    assert data.id is not None
    with database_proxy.atomic():
        Assessment.insert(id=data.id, date=data.date, kind=data.kind, notes=data.notes,
                          created_at=data.created_at or utc_now()).execute()
        _write_ratings(data.id, data.ratings)
    return data.id


def set_needs(assessment_id: int, practices: Iterable[int]) -> None:
    """Mark exactly `practices` as the development needs from this assessment."""
    wanted = set(practices)
    bad = sorted(p for p in wanted if p not in PRACTICES)
    if bad:
        raise ValidationError([FieldError("needs", practice_numbers_problem(bad))])
    data = get_assessment(assessment_id)
    ratings = tuple(replace(r, need=r.practice in wanted) for r in data.ratings)
    with database_proxy.atomic():
        _write_ratings(assessment_id, ratings)


# --- rules -------------------------------------------------------------------------------------------------


def suggest_needs(data: AssessmentData, limit: int = SUGGESTED_NEEDS) -> tuple[int, ...]:
    """The lowest-rated practices (up to `limit`), lowest first; a practice rated 5 (a strength) is never suggested.

    Ties go to the lower practice number, so the suggestion is stable.
    """
    rated = sorted((r.rating, r.practice) for r in data.ratings if r.rating is not None and r.rating < 5)
    return tuple(practice for _, practice in rated[:limit])


def current_needs() -> tuple[int, ...]:
    """The needs of the latest assessment: those the member marked, else the suggestion. Empty if none."""
    latest, _ = latest_two()
    if latest is None:
        return ()
    return latest.needs or suggest_needs(latest)


@dataclass(frozen=True)
class Change:
    practice: int
    before: int | None
    after: int | None
    score_before: Decimal | None
    score_after: Decimal | None

    @property
    def change(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def score_change(self) -> Decimal | None:
        if self.score_before is None or self.score_after is None:
            return None
        return self.score_after - self.score_before


def compare(earlier: AssessmentData, later: AssessmentData) -> list[Change]:
    """Per practice: the two ratings (and scores) and the change from `earlier` to `later`."""
    return [
        Change(n, earlier.rating_of(n).rating, later.rating_of(n).rating, earlier.rating_of(n).score,
               later.rating_of(n).score)
        for n in PRACTICES
    ]


def ordered_pair(a: AssessmentData, b: AssessmentData) -> tuple[AssessmentData, AssessmentData]:
    """The two in time order (earlier, later), whichever way they were picked."""
    key_a, key_b = (a.date, a.id or 0), (b.date, b.id or 0)
    return (a, b) if key_a <= key_b else (b, a)


def all_rows() -> list[AssessmentData]:
    """Every assessment, oldest first, for exports."""
    return _load(Assessment.select().order_by(Assessment.id))
