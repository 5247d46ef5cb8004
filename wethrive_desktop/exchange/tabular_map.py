"""Columns to fields: which column of a member's spreadsheet holds the title, the date, the hours...

`guess_mapping(headers)` matches each header by name and common synonyms ("Activity", "Date Attended", "Sponsor",
"CEUs"), without regard to case or punctuation; columns that match nothing stay unmapped (listed, never an error).
A mapping the user confirmed is remembered for files with the same headers (`save_mapping`, `load_mapping`, keyed
by `mapping_key(headers)`) in a JSON file in the data folder, written atomically. No Qt: the GUI wizard and the
command line both build on these functions. Messages go through i18n's `tr` (English as written on the command line).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from wethrive_desktop.files import write_atomically
from wethrive_desktop.i18n import tr
from wethrive_desktop.models import clock
from wethrive_desktop.paths import data_dir

# The fields a column can fill, in the order they are shown; the first three are required. Those of ICMA's counting
# (migration 6) come last: topics, teaching's delivery hours, whether a mentoring or coaching given meets ICMA's
# conditions, and what ICMA asks of it (the activity CSV's columns of the same names).
MENTORING_FIELDS = ("mentee", "mentee_position", "own_employee", "mentoring_program", "relationship_start",
                    "relationship_end", "frequency", "subjects")
FIELDS = ("title", "date", "end_date", "provider", "hours", "type", "practices", "description", "learned", "status",
          "challenge", "topics", "delivery_hours", "meets_conditions", *MENTORING_FIELDS)
REQUIRED_FIELDS = ("title", "date", "hours")
DATE_ORDERS = ("mdy", "dmy", "ymd")

# Header names and synonyms, written as normalized (see `normalize_name`).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "title": ("title", "activity", "activity name", "activity title", "course", "course name", "course title",
              "event", "event name", "event title", "program", "program name", "programme", "session",
              "session name", "session title", "name", "training", "training name", "workshop name", "webinar name",
              "topic", "subject"),
    "date": ("date", "start date", "start", "date attended", "attended", "attended on", "completion date",
             "date completed", "completed on", "date of completion", "from", "date from", "begin date", "event date",
             "activity date", "session date", "course date", "training date", "when"),
    "end_date": ("end date", "end", "finish date", "date to", "to", "through", "until", "last day", "date end",
                 "end of activity"),
    "provider": ("provider", "sponsor", "sponsored by", "sponsoring organization", "organization", "organisation",
                 "organizer", "organiser", "organizing body", "host", "hosted by", "host organization",
                 "institution", "offered by", "presented by", "training provider", "vendor"),
    "hours": ("hours", "hour", "hrs", "ceu", "ceus", "credit hours", "contact hours", "hours earned", "duration",
              "time", "pd hours", "pdh", "pdhs", "credits", "credit", "cpe", "total hours", "number of hours"),
    "type": ("type", "activity type", "category", "format", "kind", "delivery", "delivery format", "event type",
             "type of activity"),
    "practices": ("practices", "practice", "practice areas", "practice area", "icma practices", "icma practice",
                  "core areas", "competencies", "competency", "practice numbers"),
    "description": ("description", "notes", "note", "comments", "comment", "how i took part", "participation",
                    "details", "summary", "my role", "role"),
    "learned": ("learned", "what i learned", "what i learnt", "takeaways", "takeaway", "key takeaways",
                "reflection", "reflections", "lessons learned", "lesson learned", "learning", "application",
                "how i applied it"),
    "status": ("status", "state", "completed or planned", "planned or completed"),
    "challenge": ("challenge", "challenge key", "challenge item", "wethrivehere", "we thrive here",
                  "wethrivehere challenge"),
    # "topic" alone stays a title (a session's topic); these name tags.
    "topics": ("topics", "topic tags", "tags", "tag", "keywords", "subject areas", "topic areas"),
    "delivery_hours": ("delivery hours", "hours delivered", "delivered hours", "hours presenting", "presenting hours",
                       "presentation hours", "teaching hours", "hours taught", "delivery time"),
    "meets_conditions": ("meets conditions", "meets icma conditions", "meets icmas conditions", "conditions met",
                         "icma conditions met", "meets icma requirements"),
    "mentee": ("mentee", "mentee name", "mentees name", "protege", "person mentored", "person coached", "coachee",
               "coachee name"),
    "mentee_position": ("mentee position", "mentees position", "position of mentee", "mentee role", "mentee title",
                        "position coached", "position of person coached", "coachee position"),
    "own_employee": ("own employee", "my employee", "own staff", "is own employee", "mentee is my employee",
                     "mentee is own employee"),
    "mentoring_program": ("mentoring program", "mentoring programme", "formal program", "through program",
                          "coaching program name"),
    "relationship_start": ("relationship start", "relationship start date", "relationship started",
                           "relationship began", "mentoring start", "mentoring start date", "mentoring started"),
    "relationship_end": ("relationship end", "relationship end date", "relationship ended", "mentoring end",
                         "mentoring end date", "mentoring ended"),
    "frequency": ("frequency", "how often", "meeting frequency", "frequency of meetings"),
    "subjects": ("subjects", "subjects covered", "mentoring subjects", "nature of coaching",
                 "nature of the coaching"),
}
# Synonyms that match only a whole header: "Provider Name" is no title, "Time Zone" no hours.
_WHOLE_ONLY = frozenset({"name", "time", "to", "from", "end", "start", "state", "kind", "when", "host", "role",
                         "credit", "summary", "subject", "topic", "learning", "application", "details", "format",
                         "delivery", "training", "through", "until", "attended", "tag", "tags", "subjects",
                         "frequency"})
# A header with one of these words holds credits, read as hours (1 credit = 1 hour): the preview says so.
CREDIT_WORDS = frozenset({"ceu", "ceus", "credit", "credits", "pdh", "pdhs", "cpe"})

# Names a --map option may use for a field.
_FIELD_ALIASES = {"start date": "date", "start_date": "date", "end date": "end_date", "challenge key": "challenge",
                  "challenge_key": "challenge", "what i learned": "learned"}

MAPPINGS_FILENAME = "import-mappings.json"
MAPPINGS_VERSION = 1
MAX_REMEMBERED = 200  # the newest are kept
_MAX_MAPPINGS_BYTES = 2 * 1024 * 1024

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalize_name(name: str) -> str:
    """A header as it is compared: case, punctuation and spacing ignored ("Cost ($)" -> "cost",
    "CEU's" -> "ceus", "Date  Attended:" -> "date attended")."""
    text = name.casefold().replace("&", " and ").replace("'", "").replace("\u2019", "")
    return " ".join(_NOT_WORD.sub(" ", text).split())


_EXACT = {synonym: name for name, synonyms in SYNONYMS.items() for synonym in synonyms}


def _candidates(header: str) -> list[tuple[tuple[int, int, int], str]]:
    """(score, field) of every field the header could be, best first. An exact match beats any other; then the
    synonym found inside the header with the most words, at its end (English puts the noun last: "Program Type"),
    the longest."""
    name = normalize_name(header)
    if not name:
        return []
    exact = _EXACT.get(name)
    if exact is not None:
        return [((100, 1, len(name)), exact)]
    words = name.split()
    found: list[tuple[tuple[int, int, int], str]] = []
    for field_name, synonyms in SYNONYMS.items():
        for synonym in synonyms:
            if synonym in _WHOLE_ONLY:
                continue
            parts = synonym.split()
            for start in range(len(words) - len(parts) + 1):
                if words[start:start + len(parts)] == parts:
                    at_end = int(start + len(parts) == len(words))
                    found.append(((len(parts), at_end, len(synonym)), field_name))
                    break
    found.sort(key=lambda c: c[0], reverse=True)
    return found


def field_for_header(header: str) -> str | None:
    """The field a header names on its own (None when it names none)."""
    found = _candidates(header)
    return found[0][1] if found else None


def column_letter(index: int) -> str:
    """A column's spreadsheet letter: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class MappingError(ValueError):
    """A mapping that cannot be made (an unknown field or column): said in a sentence."""


@dataclass(frozen=True)
class Mapping:
    """Which column (an index into `headers`) fills each field; fields without a column are not in `columns`.

    `source` says where it came from: "guessed", "remembered" or "given" (the user chose at least one column)."""

    headers: tuple[str, ...]
    columns: tuple[tuple[str, int], ...] = ()
    source: str = "guessed"

    def column(self, field_name: str) -> int | None:
        return dict(self.columns).get(field_name)

    def field_of(self, index: int) -> str | None:
        return next((f for f, i in self.columns if i == index), None)

    def as_dict(self) -> dict[str, int]:
        return dict(self.columns)

    def unmapped(self) -> tuple[int, ...]:
        """The columns no field reads (listed and ignored; optionally appended to the description)."""
        used = {i for _, i in self.columns}
        return tuple(i for i in range(len(self.headers)) if i not in used)

    def missing(self) -> tuple[str, ...]:
        """The required fields without a column."""
        return tuple(f for f in REQUIRED_FIELDS if self.column(f) is None)

    def with_column(self, field_name: str, index: int | None) -> Mapping:
        """This mapping with `field_name` read from column `index` (None: from no column). A column fills one field:
        another field that read it loses it."""
        if field_name not in FIELDS:
            raise _not_a_field(field_name)
        if index is not None and not 0 <= index < len(self.headers):
            raise MappingError(tr("there is no column {number} (the table has {count})").format(
                number=index + 1, count=len(self.headers)))
        columns = {f: i for f, i in self.columns if f != field_name and i != index}
        if index is not None:
            columns[field_name] = index
        return replace(self, columns=_ordered(columns), source="given")


def _not_a_field(name: str) -> MappingError:
    return MappingError(tr("'{name}' is not a field (the fields are: {fields})").format(name=name,
                                                                                       fields=", ".join(FIELDS)))


def _ordered(columns: dict[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple((f, columns[f]) for f in FIELDS if f in columns)


def guess_mapping(headers: Sequence[str]) -> Mapping:
    """Each field from the best-matching column: exact names and synonyms first, then a synonym inside a longer
    header; a field takes one column and a column fills one field (the leftmost wins a tie)."""
    headers = tuple(headers)
    options = [(_candidates(h), i) for i, h in enumerate(headers)]
    # Strongest claims first: an exact name anywhere beats a synonym found inside another header.
    claims = sorted(((score, -i, f, i) for found, i in options for score, f in found), reverse=True)
    columns: dict[str, int] = {}
    taken: set[int] = set()
    for _score, _neg, field_name, index in claims:
        if field_name in columns or index in taken:
            continue
        columns[field_name] = index
        taken.add(index)
    return Mapping(headers, _ordered(columns), "guessed")


def field_name(text: str) -> str:
    """The field a --map option names ("end date", "END_DATE", "start_date"...); MappingError if none."""
    key = " ".join(text.strip().casefold().replace("-", " ").split())
    key = _FIELD_ALIASES.get(key, key.replace(" ", "_"))
    if key not in FIELDS:
        raise _not_a_field(text)
    return key


def find_column(headers: Sequence[str], name: str) -> int:
    """The column a user names: its header (exactly, then without regard to case and punctuation), else its
    spreadsheet letter (C) or its number counted from 1; MappingError if none or several."""
    exact = [i for i, h in enumerate(headers) if h == name]
    if len(exact) == 1:
        return exact[0]
    wanted = normalize_name(name)
    loose = [i for i, h in enumerate(headers) if wanted and normalize_name(h) == wanted]
    if len(loose) == 1:
        return loose[0]
    if len(loose) > 1:
        raise MappingError(tr("several columns are named '{name}'; name it by its letter (e.g. {letter}) "
                              "instead").format(name=name, letter=column_letter(loose[0])))
    text = name.strip()
    if text.isdigit() and 1 <= int(text) <= len(headers):
        return int(text) - 1
    if text.isascii() and text.isalpha() and len(text) <= 3:
        letters = {column_letter(i): i for i in range(len(headers))}
        if text.upper() in letters:
            return letters[text.upper()]
    listed = ", ".join(f"'{h}'" for h in headers)
    raise MappingError(tr("there is no column '{name}' (the columns are: {columns})").format(name=name, columns=listed))


def override_mapping(mapping: Mapping, overrides: Iterable[str]) -> Mapping:
    """`mapping` with each FIELD=COLUMN of `overrides` applied in turn (FIELD= with no column: the field reads no
    column). MappingError, in a sentence, for an option that is not FIELD=COLUMN or names no field or column."""
    for option in overrides:
        name, sep, column = option.partition("=")
        if not sep:
            raise MappingError(tr("'{option}' is not FIELD=COLUMN (e.g. hours=CEUs)").format(option=option))
        target = field_name(name)
        mapping = mapping.with_column(target, find_column(mapping.headers, column) if column.strip() else None)
    return mapping


# --- remembered mappings -----------------------------------------------------------------------------------------

def mapping_key(headers: Sequence[str]) -> str:
    """The key a mapping is remembered under: the headers, normalized, in their order."""
    text = "\x1f".join(normalize_name(h) for h in headers)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def mappings_path() -> Path:
    return data_dir() / MAPPINGS_FILENAME


@dataclass(frozen=True)
class RememberedMapping:
    """A mapping the user confirmed, with the choices that went with it."""

    mapping: Mapping
    date_order: str | None = None
    append_unmapped: bool = False
    saved_at: str = ""


def _read_all(path: Path) -> dict[str, dict[str, object]]:
    """The remembered mappings by key; {} when there is no file or it cannot be read (it is only a convenience)."""
    try:
        if not path.is_file() or path.stat().st_size > _MAX_MAPPINGS_BYTES:
            return {}
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(document, dict) or not isinstance(document.get("mappings"), dict):
        return {}
    return {k: v for k, v in document["mappings"].items() if isinstance(k, str) and isinstance(v, dict)}


def load_mapping(headers: Sequence[str], path: Path | None = None) -> RememberedMapping | None:
    """The mapping remembered for files with these headers, if any (and if it still fits them)."""
    entry = _read_all(path or mappings_path()).get(mapping_key(headers))
    if entry is None:
        return None
    fields = entry.get("fields")
    if not isinstance(fields, dict):
        return None
    headers = tuple(headers)
    columns: dict[str, int] = {}
    for name, index in fields.items():
        if name in FIELDS and isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(headers):
            columns[name] = index
    if len(set(columns.values())) != len(columns):
        return None
    order = entry.get("date_order")
    saved = entry.get("saved_at")
    return RememberedMapping(Mapping(headers, _ordered(columns), "remembered"),
                             order if order in DATE_ORDERS else None,
                             entry.get("append_unmapped") is True,
                             saved if isinstance(saved, str) else "")


def save_mapping(mapping: Mapping, *, date_order: str | None = None, append_unmapped: bool = False,
                 path: Path | None = None) -> Path:
    """Remember `mapping` (and the date order and append choice) for files with the same headers; returns the
    file. Written atomically; the oldest entries beyond MAX_REMEMBERED are dropped."""
    if date_order is not None and date_order not in DATE_ORDERS:
        raise MappingError(tr("'{order}' is not a date order ({orders})").format(order=date_order,
                                                                               orders=", ".join(DATE_ORDERS)))
    path = path or mappings_path()
    entries = _read_all(path)
    key = mapping_key(mapping.headers)
    entries.pop(key, None)
    entries[key] = {
        "headers": list(mapping.headers),
        "fields": mapping.as_dict(),
        "date_order": date_order,
        "append_unmapped": append_unmapped,
        "saved_at": clock.now().isoformat(timespec="seconds"),
    }
    kept = dict(list(entries.items())[-MAX_REMEMBERED:])
    text = json.dumps({"version": MAPPINGS_VERSION, "mappings": kept}, indent=1, ensure_ascii=False)
    write_atomically(path, text + "\n", make_parents=True)
    return path


def forget_mapping(headers: Sequence[str], path: Path | None = None) -> bool:
    """Forget the mapping remembered for these headers; True if there was one."""
    path = path or mappings_path()
    entries = _read_all(path)
    if entries.pop(mapping_key(headers), None) is None:
        return False
    text = json.dumps({"version": MAPPINGS_VERSION, "mappings": entries}, indent=1, ensure_ascii=False)
    write_atomically(path, text + "\n", make_parents=True)
    return True
