"""The annual report: its plain data (built from the store), the editor's writes, the readiness check, and the
frozen revisions that were submitted.

One truth: the reflections the member writes in the report editor ("how I took part", "what I learned") are the
activity's own description and learned fields, saved through `save_activity`. The report only adds per-year text
(summary reflection, attestation). Submitting stores the exact content as JSON with the sha256 of the PDF built from
it (the caller passes the renderer; models/ never imports reports/): later edits never change it.

    data.py       the frozen dataclasses (ReportData and its parts, drafts, revisions)
    codec.py      the JSON snapshot codec and its canonical text
    assemble.py   building ReportData from loaded facts or from the store
    drafts.py     the editor's writes (per-year text and settings, reflections)
    hours.py      what the report says of its hours: counted and logged, why, and what ICMA asks of mentoring
    readiness.py  the ordinary-work check and the readiness list
    revisions.py  submit, reprint, list and read revisions, the report's status
    changes.py    what changed since the latest submitted revision

The rules it applies live once elsewhere: the prompts, word counts and attestation sentence in models.reflections,
the hours, year and due-date rules in models.rules, dates in models.dates, type labels and years in models.domain.
"""

from wethrive_desktop.models.annual_report.assemble import (
    ProgramFacts,
    assemble_report,
    build_report_data,
    get_draft,
    practice_names,
    program_facts,
    report_activities,
)
from wethrive_desktop.models.annual_report.changes import changes_since_submitted
from wethrive_desktop.models.annual_report.codec import canonical_json
from wethrive_desktop.models.annual_report.data import (
    SNAPSHOT_FORMAT,
    CapLine,
    HoursCounted,
    MemberInfo,
    MultiraterStatus,
    NextYearPlan,
    PlannedActivity,
    ReportActivity,
    ReportData,
    ReportDraft,
    ReportGoal,
    ReportNeed,
    Reprint,
    RequirementLine,
    RevisionInfo,
    Submission,
    TopicLine,
)
from wethrive_desktop.models.annual_report.drafts import save_draft, save_reflection
from wethrive_desktop.models.annual_report.hours import activity_counting, explanations
from wethrive_desktop.models.annual_report.readiness import (
    LEARNING_WORDS,
    NARRATIVE_MIN_WORDS,
    NARRATIVE_PROMPT,
    ORDINARY_WORK_PATTERNS,
    Fix,
    ReadinessItem,
    activity_problems,
    is_ready,
    ordinary_work_match,
    readiness,
)
from wethrive_desktop.models.annual_report.revisions import (
    PdfRenderer,
    get_revision,
    latest_revision,
    list_revisions,
    reprint_revision,
    submit_report,
)
from wethrive_desktop.models.domain import type_label  # ui/report/ imports it from here; domain's is the one
from wethrive_desktop.models.report_status import report_status

__all__ = [
    "LEARNING_WORDS",
    "NARRATIVE_MIN_WORDS",
    "NARRATIVE_PROMPT",
    "ORDINARY_WORK_PATTERNS",
    "SNAPSHOT_FORMAT",
    "CapLine",
    "Fix",
    "HoursCounted",
    "MemberInfo",
    "MultiraterStatus",
    "NextYearPlan",
    "PdfRenderer",
    "PlannedActivity",
    "ProgramFacts",
    "ReadinessItem",
    "ReportActivity",
    "ReportData",
    "ReportDraft",
    "ReportGoal",
    "ReportNeed",
    "Reprint",
    "RequirementLine",
    "RevisionInfo",
    "Submission",
    "TopicLine",
    "activity_counting",
    "activity_problems",
    "assemble_report",
    "build_report_data",
    "canonical_json",
    "changes_since_submitted",
    "explanations",
    "get_draft",
    "get_revision",
    "is_ready",
    "latest_revision",
    "list_revisions",
    "ordinary_work_match",
    "practice_names",
    "program_facts",
    "readiness",
    "report_activities",
    "report_status",
    "reprint_revision",
    "save_draft",
    "save_reflection",
    "submit_report",
    "type_label",
]
