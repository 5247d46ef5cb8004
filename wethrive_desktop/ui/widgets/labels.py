"""The domain's names as the GUI shows them, in the user's language: practices, activity types, statuses,
assessment kinds and ratings. The constants in models/ stay English (the reports and the files use them as they
are); every label here goes through `tr` when it is shown."""

from __future__ import annotations

from wethrive_desktop.i18n import tr
from wethrive_desktop.models.assessments import KIND_LABELS, PRACTICE_SHORT, RATING_LABELS
from wethrive_desktop.models.domain import ACTIVITY_TYPES, PRACTICES, Status, type_label


def practice_name(number: int) -> str:
    """"Strategic Leadership"."""
    return tr(PRACTICES[number])


def practice_label(number: int) -> str:
    """"6 - Strategic Leadership", as the practice lists show them."""
    return tr("{number} - {name}").format(number=number, name=practice_name(number))


def practice_short(number: int) -> str:
    """"Strategic leadership": the short name for charts and narrow columns."""
    return tr(PRACTICE_SHORT[number])


def type_name(key: str) -> str:
    """An activity type as a label: "leadership institute" -> "Leadership institute"."""
    return tr(type_label(key))


def type_tip(key: str) -> str | None:
    """What an activity type covers, for its tooltip (None for a type not in the list)."""
    covers = ACTIVITY_TYPES.get(key)
    return tr(covers) if covers is not None else None


def status_name(status: str) -> str:
    return {Status.COMPLETED.value: tr("Completed"), Status.PLANNED.value: tr("Planned")}.get(status, status)


def kind_name(kind: str) -> str:
    """An assessment's kind: "Self-assessment", "Management Assessment results"..."""
    return tr(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def rating_name(rating: int) -> str:
    """"Needs development", "A strength"..."""
    return tr(RATING_LABELS[rating])
