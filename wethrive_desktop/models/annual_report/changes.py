"""What changed in the live report since its latest submitted revision (the editor shows it before a new one), in
the user's language (through i18n's `tr`)."""

from __future__ import annotations

from typing import Any

from wethrive_desktop.i18n import noop, tr
from wethrive_desktop.models.annual_report.assemble import build_report_data
from wethrive_desktop.models.annual_report.data import ReportData
from wethrive_desktop.models.annual_report.revisions import get_revision_payload, latest_revision

# What changed, as the editor names it (shown through tr).
ACTIVITY_LABELS = {
    "description": noop("how I took part"), "learned": noop("what I learned"), "practices": noop("practices"),
    "hours": noop("hours"), "title": noop("title"), "start_date": noop("dates"), "end_date": noop("dates"),
    "provider": noop("provider"), "type": noop("type"), "counted": noop("hours counted"),
    "not_counted": noop("hours counted"), "delivery_hours": noop("hours"), "mentoring": noop("mentoring details"),
    "meets_conditions": noop("ICMA\u2019s conditions"), "type_review": noop("type"),
}
SECTION_LABELS = {
    "member": noop("profile"), "summary_reflection": noop("summary reflection"),
    "next_year": noop("next year's plan"), "needs": noop("needs addressed"), "goals": noop("goals addressed"),
    "multirater": noop("360 assessment"), "attestation_name": noop("attestation"),
    "attestation_date": noop("attestation"), "practice_names": noop("practice names"),
    "counting": noop("hours counted"), "requirements": noop("other requirements"),
    "wholistic": noop("narrative for the year"), "narrative": noop("narrative for the year"),
    "extension_until": noop("extension"),
}


def _known_only(new: Any, stored: Any) -> Any:
    """`new` without what the stored snapshot's format did not know (a revision submitted before issue 14 has no
    counted hours, say): what was added since is not a change the member made."""
    if isinstance(new, dict) and isinstance(stored, dict):
        return {k: _known_only(v, stored[k]) for k, v in new.items() if k in stored}
    if isinstance(new, list) and isinstance(stored, list) and stored and all(isinstance(s, dict) for s in stored):
        keys: dict[str, Any] = {}
        for s in stored:
            keys.update(s)
        return [_known_only(v, keys) for v in new]
    return new


def _activity_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    before = {a["activity_id"]: a for a in old["activities"]}
    after = {a["activity_id"]: a for a in new["activities"]}
    changes = []
    removed = [before[i] for i in before if i not in after]
    added = [after[i] for i in after if i not in before]
    for a in added:
        changes.append(tr("activity \u201c{title}\u201d added").format(title=a["title"]))
    for a in removed:
        changes.append(tr("activity \u201c{title}\u201d removed").format(title=a["title"]))
    labels = ACTIVITY_LABELS
    for i in before:
        if i in after and before[i] != after[i]:
            changed = {labels[k] for k in labels if before[i].get(k) != after[i].get(k)}
            if ACTIVITY_LABELS["hours"] in changed:  # (its hours counted follow; no need to say so)
                changed.discard(ACTIVITY_LABELS["counted"])
            fields = sorted(changed)
            if fields:
                changes.append(tr("activity \u201c{title}\u201d: {fields} changed").format(
                    title=after[i]["title"], fields=", ".join(tr(f) for f in fields)))
    return changes


def changes_since_submitted(year: int, live: ReportData | None = None) -> list[str]:
    """What differs between the latest submitted revision and the live data (empty when nothing, or not
    submitted)."""
    if latest_revision(year) is None:
        return []
    _, stored = get_revision_payload(year)
    frozen = ReportData.from_json(stored)
    live = live or build_report_data(year)
    old, new = _known_only(frozen.content(), stored), _known_only(live.content(), stored)
    if old.get("wholistic") and new.get("wholistic"):  # the summary reflection is kept, not printed: no change
        old.pop("summary_reflection", None)
        new.pop("summary_reflection", None)
    if old == new:
        return []
    changes = _activity_changes(old, new)
    sections = SECTION_LABELS
    seen: list[str] = []
    for key, label in sections.items():
        if key == "counting" and changes:  # the activities' changes say why the hours counted changed
            continue
        if old.get(key) != new.get(key) and label not in seen:
            seen.append(label)
    if seen:
        changes.append(tr("{parts} changed").format(parts=", ".join(tr(label) for label in seen)))
    return changes or [tr("the report content changed")]
