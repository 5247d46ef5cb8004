"""The #WeThriveHere challenge catalogue: one per challenge year, editable."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

import peewee

from wethrive_desktop.i18n import tr, trn
from wethrive_desktop.models.db import database_proxy
from wethrive_desktop.models.domain import MAX_YEAR, MIN_YEAR, SIGNUP_KEY, valid_year
from wethrive_desktop.models.rules import Catalogues, challenge_points, counts_in_year
from wethrive_desktop.models.tables import Activity, ChallengeItem, Profile
from wethrive_desktop.models.validation import FieldError, ValidationError

if TYPE_CHECKING:
    from wethrive_desktop.models.activities import ActivityData, ActivityRecord


class ChallengeItemData(NamedTuple):
    year: int
    key: str
    name: str
    points: int


def load_items(year: int | None = None) -> list[ChallengeItemData]:
    query = ChallengeItem.select().order_by(ChallengeItem.year, ChallengeItem.points.desc(), ChallengeItem.key)
    if year is not None:
        query = query.where(ChallengeItem.year == year)
    return [ChallengeItemData(i.year, i.key, i.name, i.points) for i in query]


def load_catalogues() -> Catalogues:
    by_year: dict[int, dict[str, int]] = {}
    for item in load_items():
        by_year.setdefault(item.year, {})[item.key] = item.points
    return Catalogues(by_year)


def catalogue_for_year(year: int) -> list[ChallengeItemData]:
    """The items that apply to activities of `year`: its catalogue, or the newest earlier one."""
    found = load_catalogues().year_for(year)
    return load_items(found) if found is not None else []


def save_item(item: ChallengeItemData) -> None:
    with database_proxy.atomic():
        ChallengeItem.insert(year=item.year, key=item.key, name=item.name, points=item.points).on_conflict(
            conflict_target=[ChallengeItem.year, ChallengeItem.key],
            update={ChallengeItem.name: item.name, ChallengeItem.points: item.points},
        ).execute()


# --- editing the catalogue, 0-hour entries and points earned (issue 6) -------------------------------------

KEY_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_POINTS = 1000
ENTRY_TYPE = "other"  # 0-hour entries (a donation, a renewal, an e-book) are activities of this type


def not_in_catalogue(year: int, key: str) -> LookupError:
    return LookupError(tr("'{key}' is not in the {year} catalogue").format(key=key, year=year))


def catalogue_years() -> list[int]:
    return [y for (y,) in ChallengeItem.select(ChallengeItem.year).distinct().order_by(ChallengeItem.year).tuples()]


def validate_item(item: ChallengeItemData) -> list[FieldError]:
    errors = []
    if not valid_year(item.year):
        errors.append(FieldError("year", tr("{year} is not a challenge year ({first}-{last})").format(
            year=item.year, first=MIN_YEAR, last=MAX_YEAR)))
    if not KEY_RE.match(item.key):
        errors.append(FieldError("key", tr("'{key}' should be lowercase letters, digits and hyphens "
                                           "(e.g. annual-conference)").format(key=item.key)))
    if not item.name.strip():
        errors.append(FieldError("name", tr("is required")))
    if not 0 <= item.points <= MAX_POINTS:
        errors.append(FieldError("points", tr("{points} is not between 0 and {most}").format(
            points=item.points, most=MAX_POINTS)))
    return errors


def _normalized_item(item: ChallengeItemData) -> ChallengeItemData:
    return ChallengeItemData(item.year, item.key.strip().lower(), item.name.strip(), item.points)


def add_item(item: ChallengeItemData) -> None:
    """Add an item to the catalogue of its year. Raises ValidationError (also when the key is already there)."""
    item = _normalized_item(item)
    errors = validate_item(item)
    if not errors and ChallengeItem.select().where(
            (ChallengeItem.year == item.year) & (ChallengeItem.key == item.key)).exists():
        errors.append(FieldError("key", tr("'{key}' is already in the {year} catalogue").format(
            key=item.key, year=item.year)))
    if errors:
        raise ValidationError(errors)
    save_item(item)


def update_item(item: ChallengeItemData) -> ChallengeItemData:
    """Change the name and points of an existing item (its key stays: entries refer to it). Returns the old item."""
    item = _normalized_item(item)
    errors = validate_item(item)
    if errors:
        raise ValidationError(errors)
    row = ChallengeItem.get_or_none((ChallengeItem.year == item.year) & (ChallengeItem.key == item.key))
    if row is None:
        raise not_in_catalogue(item.year, item.key)
    old = ChallengeItemData(row.year, row.key, row.name, row.points)
    save_item(item)
    return old


def entries_using(year: int, key: str) -> int:
    """How many activities earn their points from `key` in the catalogue of `year`."""
    return entry_counts(year).get(key, 0)


def entry_counts(year: int) -> dict[str, int]:
    """For each key of the catalogue of `year`: how many activities earn their points from it (one query)."""
    catalogues = load_catalogues()
    years = sorted(catalogues.by_year)
    later = [y for y in years if y > year]
    query = (Activity.select(Activity.challenge_key, peewee.fn.COUNT(Activity.id))
             .where(Activity.challenge_key.is_null(False) & (Activity.start_date >= date(year, 1, 1)))
             .group_by(Activity.challenge_key))
    if later:  # from the next catalogue's year on, that one applies
        query = query.where(Activity.start_date < date(later[0], 1, 1))
    return {key: count for key, count in query.tuples()}


def delete_item(year: int, key: str) -> ChallengeItemData:
    """Remove an item nobody's entries use (so no entry loses its points). Returns it, for undo."""
    row = ChallengeItem.get_or_none((ChallengeItem.year == year) & (ChallengeItem.key == key))
    if row is None:
        raise not_in_catalogue(year, key)
    used = entries_using(year, key)
    if used:
        raise ValidationError([FieldError("key", trn("'{key}' earns the points of %n entry; it cannot be removed",
                                                     "'{key}' earns the points of %n entries; it cannot be removed",
                                                     used).format(key=key))])
    with database_proxy.atomic():
        row.delete_instance()
    return ChallengeItemData(row.year, row.key, row.name, row.points)


def copy_catalogue(from_year: int, to_year: int) -> int:
    """Start the catalogue of `to_year` as a copy of `from_year`'s. Returns the number of items copied."""
    items = load_items(from_year)
    if not items:
        raise ValidationError([FieldError("year", tr("there is no {year} catalogue to copy").format(
            year=from_year))])
    if ChallengeItem.select().where(ChallengeItem.year == to_year).exists():
        raise ValidationError([FieldError("year", tr("{year} already has a catalogue").format(year=to_year))])
    copies = [ChallengeItemData(to_year, i.key, i.name, i.points) for i in items]
    errors = [e for e in validate_item(copies[0]) if e.field == "year"]
    if errors:
        raise ValidationError(errors)
    with database_proxy.atomic():
        ChallengeItem.insert_many([(c.year, c.key, c.name, c.points) for c in copies],
                                  fields=[ChallengeItem.year, ChallengeItem.key, ChallengeItem.name,
                                          ChallengeItem.points]).execute()
    return len(copies)


def delete_catalogue(year: int) -> list[ChallengeItemData]:
    """Remove a whole year's catalogue (undo of a copy); refused while entries use it."""
    items = load_items(year)
    for item in items:
        if entries_using(year, item.key):
            raise ValidationError([FieldError("year", tr("entries earn points from the {year} catalogue").format(
                year=year))])
    with database_proxy.atomic():
        ChallengeItem.delete().where(ChallengeItem.year == year).execute()
    return items


def restore_items(items: list[ChallengeItemData]) -> None:
    with database_proxy.atomic():
        for item in items:
            save_item(item)


def set_signup(signed_up: bool) -> None:
    """The challenge sign-up toggle (ProfileData.challenge_signup); touches no other profile field."""
    with database_proxy.atomic():
        Profile.update(challenge_signup=signed_up).where(Profile.id == 1).execute()


def zero_hour_entry(entry_date: date, key: str, title: str = "", description: str = "") -> ActivityData:
    """A challenge action that carries no PD hours, as an ordinary activity: 0 hours, type "other", its key."""
    from wethrive_desktop.models.activities import ActivityData

    if not title.strip():
        names = {i.key: i.name for i in catalogue_for_year(entry_date.year)}
        title = names.get(key, key)
    return ActivityData(start_date=entry_date, title=title, hours=Decimal(0), type=ENTRY_TYPE,
                        description=description, challenge_key=key)


def record_zero_hour_entry(entry_date: date, key: str, title: str = "", description: str = "") -> int:
    """Store a 0-hour entry (validated like any activity, so the key must be in that year's catalogue)."""
    from wethrive_desktop.models.activities import save_activity

    return save_activity(zero_hour_entry(entry_date, key, title, description))


class PointsLine(NamedTuple):
    """One entry that earned points: the activity (None for the automatic sign-up points) and what it earned."""

    activity: ActivityRecord | None
    key: str
    item_name: str
    points: int

    @property
    def date(self) -> date | None:
        return self.activity.start_date if self.activity else None


class ChallengePoints(NamedTuple):
    year: int
    total: int
    lines: tuple[PointsLine, ...]
    by_month: dict[int, int]  # 1..12; the sign-up points have no month and are only in the total
    signup_points: int
    catalogue_year: int | None


def points_earned(records: Iterable[ActivityRecord], items: Iterable[ChallengeItemData], catalogues: Catalogues,
                  year: int, signed_up: bool) -> ChallengePoints:
    """Points of `year` with the entries that earned them. The total is rules.challenge_points (the one rule)."""
    records = list(records)
    catalogue_year = catalogues.year_for(year)
    names = {i.key: i.name for i in items if i.year == catalogue_year}
    catalogue = catalogues.for_year(year)
    lines = [
        PointsLine(r, r.challenge_key, names.get(r.challenge_key, r.challenge_key), catalogue.get(r.challenge_key, 0))
        for r in sorted(records, key=lambda r: (r.start_date, r.id))
        if r.challenge_key and counts_in_year(r, year)
    ]
    by_month = dict.fromkeys(range(1, 13), 0)
    for line in lines:
        if line.date is not None:
            by_month[line.date.month] += line.points
    signup = catalogue.get(SIGNUP_KEY, 0) if signed_up else 0
    if signed_up and SIGNUP_KEY in catalogue:
        lines.append(PointsLine(None, SIGNUP_KEY, names.get(SIGNUP_KEY, tr("Signed up for the challenge")), signup))
    total = challenge_points(records, catalogues, year, signed_up)
    return ChallengePoints(year, total, tuple(lines), by_month, signup, catalogue_year)


def challenge_points_for_year(year: int) -> ChallengePoints:
    from wethrive_desktop.models.activities import load_activities

    return points_earned(load_activities(year=year), load_items(), load_catalogues(), year,
                         bool(Profile.get_by_id(1).challenge_signup))


# --- suggesting the challenge item of an activity (issue 3) -----------------------------------------------

# (key, pattern on the title (and provider), activity types it applies to or None for any), most specific first.
_SUGGESTIONS: list[tuple[str, re.Pattern[str], frozenset[str] | None]] = [
    ("gettysburg", re.compile(r"\bgettysburg\b"), None),
    ("williamsburg", re.compile(r"\bwilliamsburg\b"), None),
    ("sei-leadership-institute", re.compile(r"\bsei\b|senior executive institute"), None),
    ("eldp", re.compile(r"\beldp\b|emerging leaders development"), None),
    ("mcmi", re.compile(r"\bmcmi\b|mid-career managers"), None),
    ("leadership-icma", re.compile(r"\bleadership icma\b"), None),
    ("regional-ep-institute", re.compile(r"emerging professionals"), None),
    ("regional-summit", re.compile(r"\bregional summit\b"), None),
    ("lg101-201", re.compile(r"\blocal government [12]01\b|\blg ?[12]01\b"), None),
    ("ethics-101", re.compile(r"\bethics 101\b"), None),
    ("icmau-workshop", re.compile(r"\bicma university\b|\bicma-?u\b|\bannual conference\b"),
     frozenset({"workshop"})),
    ("annual-conference", re.compile(r"\bannual conference\b"), frozenset({"conference"})),
    ("icmau-webinar", re.compile(r"\bicma\b"), frozenset({"webinar"})),
]


def suggest_key(title: str, type: str, keys: Iterable[str], provider: str = "") -> str | None:
    """The catalogue key an activity most likely earns points for, from its title, type and provider.

    Known programmes are recognised by name ("Gettysburg" -> gettysburg; "Annual Conference" of type conference ->
    annual-conference); any other key is suggested when all its words appear in the title (an item added to a
    later catalogue, or "fund-donation" for "Fund donation"). Only keys in `keys` (the catalogue of the activity's
    year) are suggested; None when nothing fits.
    """
    available = set(keys)
    text = " ".join(f"{title} {provider}".casefold().split())
    kind = " ".join(type.casefold().split())
    for key, pattern, types in _SUGGESTIONS:
        if key in available and (types is None or kind in types) and pattern.search(text):
            return key
    words = set(re.findall(r"[a-z0-9]+", title.casefold()))
    ruled = {key for key, _, _ in _SUGGESTIONS}
    for key in sorted(available - ruled - {SIGNUP_KEY}):
        if set(key.split("-")) <= words:
            return key
    return None


def suggest_item(title: str, type: str, year: int, provider: str = "") -> str | None:
    """suggest_key against the catalogue that applies to activities of `year`."""
    return suggest_key(title, type, (i.key for i in catalogue_for_year(year)), provider)
