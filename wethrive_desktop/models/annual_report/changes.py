"""What changed in the live report since its latest submitted revision (the editor shows it before a new one), in
the user's language (through i18n's `tr`)."""

from __future__ import annotations

from typing import Any

from wethrive_desktop.i18n import tr
from wethrive_desktop.models.annual_report.assemble import build_report_data
from wethrive_desktop.models.annual_report.data import ReportData
from wethrive_desktop.models.annual_report.revisions import get_revision, latest_revision


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
    labels = {"description": "how I took part", "learned": "what I learned", "practices": "practices",
              "hours": "hours", "title": "title", "start_date": "dates", "end_date": "dates",
              "provider": "provider", "type": "type"}
    for i in before:
        if i in after and before[i] != after[i]:
            fields = sorted({labels[k] for k in labels if before[i].get(k) != after[i].get(k)})
            if fields:
                changes.append(tr("activity \u201c{title}\u201d: {fields} changed").format(
                    title=after[i]["title"], fields=", ".join(tr(f) for f in fields)))
    return changes


def changes_since_submitted(year: int, live: ReportData | None = None) -> list[str]:
    """What differs between the latest submitted revision and the live data (empty when nothing, or not
    submitted)."""
    if latest_revision(year) is None:
        return []
    _, frozen = get_revision(year)
    live = live or build_report_data(year)
    old, new = frozen.content(), live.content()
    if old == new:
        return []
    changes = _activity_changes(old, new)
    sections = {"member": "profile", "summary_reflection": "summary reflection", "next_year": "next year's plan",
                "needs": "needs addressed", "goals": "goals addressed", "multirater": "360 assessment",
                "attestation_name": "attestation", "attestation_date": "attestation",
                "practice_names": "practice names"}
    seen: list[str] = []
    for key, label in sections.items():
        if old.get(key) != new.get(key) and label not in seen:
            seen.append(label)
    if seen:
        changes.append(tr("{parts} changed").format(parts=", ".join(tr(label) for label in seen)))
    return changes or [tr("the report content changed")]
