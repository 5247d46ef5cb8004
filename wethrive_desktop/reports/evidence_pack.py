"""The evidence pack: one zip with everything a member hands in for a year, and the check that it is intact.

The pack holds the annual report (PDF and Word), the year's transcript (PDF and CSV), every attachment of the
activities the report lists in a folder per activity (`07 - Title/original-name.pdf`, numbered as in the report),
and `manifest.json`, which lists every other file with its sha256 and size (docs/exports.md has its format).

An attachment whose stored file is gone, or whose bytes no longer have the sha256 recorded when it was attached, is
not packed: the manifest lists it under "missing" with the reason, and the build returns a warning for it. A pack
never holds a file that is not what the member attached.

The zip is built in a temp file beside the target and moved into place when complete (files.atomic_path): a failed
build leaves no half pack and keeps an older file of that name. No Qt here.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from wethrive_desktop import APP_NAME, __version__
from wethrive_desktop.files import atomic_path
from wethrive_desktop.models import clock
from wethrive_desktop.models.activities import (
    AttachmentData,
    UnsafeAttachmentError,
    attachment_path,
    load_activities,
)
from wethrive_desktop.models.annual_report import ReportActivity, build_report_data
from wethrive_desktop.models.attachment_names import valid_sha256
from wethrive_desktop.models.rules import format_hours
from wethrive_desktop.reports.pdf.builder import render_report
from wethrive_desktop.reports.transcript import build_transcript, render_transcript_csv, render_transcript_pdf

Progress = Callable[[int, int], None]

MANIFEST = "manifest.json"
PACK_FORMAT = "wethrive-evidence-pack"
PACK_VERSION = 1
CHUNK = 1 << 20
MAX_FOLDER_TITLE_BYTES = 80  # of an activity's folder name, after its number
MAX_FILE_NAME_BYTES = 150  # well under the 255 bytes most file systems allow per name
ZIP64_FROM = 1 << 31
# Names Windows refuses for a file or folder, whatever the extension.
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')  # not allowed in a name on Windows, or a folder separator


class EvidencePackError(ValueError):
    """A pack that cannot be built as asked; one sentence for the user."""


class NotAnEvidencePackError(ValueError):
    """A file given to verify that is not a zip, or not one with a manifest WeThrive wrote; one sentence."""


# --- names safe on every system ----------------------------------------------------------------------------


def _truncate_utf8(text: str, limit: int) -> str:
    while len(text.encode("utf-8")) > limit:
        text = text[:-1]
    return text


def safe_name(name: str, fallback: str, limit: int = MAX_FILE_NAME_BYTES) -> str:
    """`name` as a file or folder name every system accepts: NFC (as macOS stores it), no control characters and
    none of < > : " / \\ | ? *, no leading or trailing spaces or dots, not a reserved Windows name, at most `limit`
    UTF-8 bytes (keeping a short extension); `fallback` when nothing is left."""
    text = name.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate becomes "?", then "_"
    text = unicodedata.normalize("NFC", text)
    text = _UNSAFE.sub("_", text)
    text = " ".join(text.split())
    text = text.strip(" .")
    if not text:
        text = fallback
    if text.split(".")[0].upper() in _RESERVED:
        text = "_" + text
    stem, dot, ext = text.rpartition(".")
    if not dot or not stem or len(ext.encode("utf-8")) > 16:
        stem, ext = text, ""
    suffix = f".{ext}" if ext else ""
    stem = _truncate_utf8(stem, limit - len(suffix.encode("utf-8"))).rstrip(" .") or fallback
    return stem + suffix


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `name (2)`, `name (3)`... before its extension, so that no two names in a folder are the same on a
    system that ignores case (Windows, macOS). Adds the one chosen to `taken` (casefolded)."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    suffix = f".{ext}" if ext else ""
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{stem} ({n}){suffix}"
    taken.add(candidate.casefold())
    return candidate


def activity_folder(activity: ReportActivity, width: int) -> str:
    """`07 - Title`: the activity's number in the report, zero-padded to `width`, and its title made safe."""
    title = safe_name(activity.title, "Activity", MAX_FOLDER_TITLE_BYTES)
    return f"{activity.number:0{width}d} - {title}"


# --- building ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PackResult:
    path: Path
    files: int  # files in the zip besides the manifest
    attachments: int  # attachments packed
    missing: int  # attachments listed as missing
    warnings: tuple[str, ...]
    fingerprint: str  # the transcript's


def _digest(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


class _PackWriter:
    """Adds members to the zip and records each one's manifest entry."""

    def __init__(self, zf: zipfile.ZipFile, stamp: tuple[int, int, int, int, int, int]):
        self.zf = zf
        self.stamp = stamp
        self.entries: list[dict[str, Any]] = []

    def info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=self.stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16  # a plain readable file when unpacked on Unix
        return info

    def add_bytes(self, name: str, data: bytes, kind: str) -> None:
        self.zf.writestr(self.info(name), data)
        self.entries.append({"path": name, "kind": kind, "sha256": hashlib.sha256(data).hexdigest(),
                             "size": len(data)})

    def add_file(self, name: str, source: Path, size: int) -> tuple[str, int]:
        """Stream `source` into the zip; returns the sha256 and size of the bytes written."""
        h = hashlib.sha256()
        written = 0
        with source.open("rb") as src, self.zf.open(self.info(name), "w", force_zip64=size >= ZIP64_FROM) as dst:
            for chunk in iter(lambda: src.read(CHUNK), b""):
                h.update(chunk)
                dst.write(chunk)
                written += len(chunk)
        return h.hexdigest(), written


def _activity_ref(a: ReportActivity) -> dict[str, Any]:
    return {"id": a.activity_id, "number": a.number, "title": a.title, "date": a.start_date.isoformat()}


def _check_attachment(att: AttachmentData) -> tuple[Path | None, str]:
    """The stored file of an attachment when it is there with the bytes recorded, else (None, why not)."""
    try:
        path = attachment_path(att.stored_name, att.sha256)
    except UnsafeAttachmentError:
        return None, "its stored file name is not one WeThrive made"
    try:
        if not path.is_file():
            return None, "its stored file is missing from the attachments folder"
        sha, size = _digest(path)
    except OSError as exc:
        return None, f"its stored file could not be read ({exc.strerror or exc})"
    if sha != att.sha256 or size != att.size:
        return None, "its stored file was altered since it was attached (its sha256 differs)"
    return path, ""


def build_evidence_pack(year: int, out: Path | str, progress: Progress | None = None,
                        generated_on: date | None = None) -> PackResult:
    """Write the evidence pack of `year` to `out` (a .zip); `progress(done, total)` after each file. Raises
    EvidencePackError when the year has no activity to report. Attachments that are missing or altered on disk
    are listed in the manifest as missing and returned as warnings."""
    from wethrive_desktop.reports.word import render_report_docx  # written beside this module, loaded on use

    out = Path(out)
    day = generated_on or clock.today()
    data = build_report_data(year, generated_on=day)
    if not data.activities:
        raise EvidencePackError(f"there are no completed activities with hours in {year}, so there is nothing to "
                                "put in an evidence pack; nothing was written")
    transcript = build_transcript(year, year, generated_on=day)
    records = {r.id: r for r in load_activities(year=year)}
    planned = [(a, att) for a in data.activities for att in (records[a.activity_id].attachments
                                                             if a.activity_id in records else ())]
    total = 4 + len(planned) + 1
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    warnings: list[str] = []
    missing: list[dict[str, Any]] = []
    now = clock.now()
    stamp = (max(now.year, 1980), now.month, now.day, now.hour, now.minute, now.second)
    width = max(2, len(str(len(data.activities))))
    with atomic_path(out, make_parents=True) as part, zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as zf:
        pack = _PackWriter(zf, stamp)
        pack.add_bytes(f"report-{year}.pdf", render_report(data).pdf, "report-pdf")
        step()
        pack.add_bytes(f"report-{year}.docx", render_report_docx(data), "report-docx")
        step()
        pack.add_bytes(f"transcript-{year}.pdf", render_transcript_pdf(transcript), "transcript-pdf")
        step()
        pack.add_bytes(f"transcript-{year}.csv", render_transcript_csv(transcript), "transcript-csv")
        step()
        taken: dict[str, set[str]] = {}
        for activity, att in planned:
            folder = activity_folder(activity, width)
            ref = _activity_ref(activity)
            source, why = _check_attachment(att)
            if source is None:
                missing.append({"original_name": att.original_name, "sha256": att.sha256, "size": att.size,
                                "reason": why, "activity": ref})
                warnings.append(f"activity #{activity.number} ({activity.title}): the attachment "
                                f"{att.original_name} was not packed: {why}")
                step()
                continue
            name = unique_name(safe_name(att.original_name, "attachment"), taken.setdefault(folder, set()))
            path = f"{folder}/{name}"
            sha, size = pack.add_file(path, source, att.size)
            if sha != att.sha256:  # changed between the check and the copy: the manifest says what was packed
                warnings.append(f"activity #{activity.number} ({activity.title}): the attachment "
                                f"{att.original_name} changed while it was packed; the pack holds the new bytes")
            pack.entries.append({"path": path, "kind": "attachment", "sha256": sha, "size": size,
                                 "original_name": att.original_name, "activity": ref})
            step()
        manifest = {
            "format": PACK_FORMAT,
            "version": PACK_VERSION,
            "year": year,
            "generated_on": day.isoformat(),
            "app": APP_NAME,
            "app_version": __version__,
            "member": {"name": data.member.name, "member_number": data.member.member_number},
            "report": {"activities": len(data.activities), "hours": format_hours(data.total_hours)},
            "transcript_fingerprint": transcript.fingerprint,
            "files": pack.entries,
            "missing": missing,
        }
        info = pack.info(MANIFEST)
        zf.writestr(info, json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8") + b"\n")
        step()
    packed = sum(1 for e in pack.entries if e["kind"] == "attachment")
    return PackResult(out, len(pack.entries), packed, len(missing), tuple(warnings), transcript.fingerprint)


# --- verifying ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PackCheck:
    """What verify_evidence_pack found: every file listed in the manifest compared with the zip's members."""

    path: Path
    year: int | None
    generated_on: str
    checked: int  # files the manifest lists
    missing: tuple[str, ...]  # listed, not in the zip
    extra: tuple[str, ...]  # in the zip, not listed
    altered: tuple[tuple[str, str], ...]  # (name, what differs)
    not_packed: tuple[str, ...]  # attachments the manifest says were missing when the pack was built

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.altered)

    def problems(self) -> list[str]:
        """One line per problem, each naming the file."""
        lines = [f"missing: {name} (listed in the manifest, not in the zip)" for name in self.missing]
        lines += [f"altered: {name} ({why})" for name, why in self.altered]
        lines += [f"extra: {name} (in the zip, not listed in the manifest)" for name in self.extra]
        return lines


def _read_manifest(zf: zipfile.ZipFile, shown: str) -> dict[str, Any]:
    not_pack = f"{shown} is not a WeThrive evidence pack: its {MANIFEST} cannot be read"
    try:
        raw = zf.read(MANIFEST)
        manifest = json.loads(raw.decode("utf-8"))
    except (KeyError, OSError, zipfile.BadZipFile, UnicodeDecodeError, ValueError, EOFError,
            RuntimeError) as exc:
        raise NotAnEvidencePackError(not_pack) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != PACK_FORMAT:
        raise NotAnEvidencePackError(f"{shown} is not a WeThrive evidence pack: its {MANIFEST} is another kind of "
                                     "manifest")
    if manifest.get("version") != PACK_VERSION:
        raise NotAnEvidencePackError(f"{shown} is an evidence pack of version {manifest.get('version')!r}, which "
                                     f"this version of {APP_NAME} cannot check (it knows version {PACK_VERSION})")
    files = manifest.get("files")
    if not isinstance(files, list) or not all(
            isinstance(f, dict) and isinstance(f.get("path"), str) and valid_sha256(f.get("sha256", ""))
            and isinstance(f.get("size"), int) and not isinstance(f.get("size"), bool) for f in files):
        raise NotAnEvidencePackError(f"{shown} is not a WeThrive evidence pack: its {MANIFEST} does not list its "
                                     "files as a pack's manifest does")
    return manifest


def _member_digest(fh: IO[bytes]) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    for chunk in iter(lambda: fh.read(CHUNK), b""):
        h.update(chunk)
        size += len(chunk)
    return h.hexdigest(), size


def _members(zf: zipfile.ZipFile) -> Iterator[zipfile.ZipInfo]:
    return (i for i in zf.infolist() if not i.is_dir())


def verify_evidence_pack(path: Path | str) -> PackCheck:
    """Compare every file of the pack at `path` with its manifest (sha256 and size): which are missing, altered or
    extra. Raises NotAnEvidencePackError (one sentence) for a file that is not a zip or has no pack manifest. Only
    reads: nothing is unpacked."""
    path = Path(path)
    shown = str(path)
    if not path.exists():
        raise NotAnEvidencePackError(f"there is no file at {shown}")
    if not path.is_file():
        raise NotAnEvidencePackError(f"{shown} is not a file")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise NotAnEvidencePackError(f"{shown} is not a zip file, so it is not an evidence pack") from exc
    with zf:
        manifest = _read_manifest(zf, shown)
        listed: dict[str, dict[str, Any]] = {}
        altered: list[tuple[str, str]] = []
        for entry in manifest["files"]:
            if entry["path"] in listed:
                altered.append((entry["path"], "listed more than once in the manifest"))
            listed[entry["path"]] = entry
        members: dict[str, list[zipfile.ZipInfo]] = {}
        for info in _members(zf):
            members.setdefault(info.filename, []).append(info)
        missing = [name for name in listed if name not in members]
        extra = [name for name in members if name not in listed and name != MANIFEST]
        for name, infos in members.items():
            if len(infos) > 1:
                altered.append((name, f"the zip holds {len(infos)} files of this name"))
        for name, entry in listed.items():
            if name not in members:
                continue
            try:
                with zf.open(members[name][-1]) as fh:
                    sha, size = _member_digest(fh)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
                altered.append((name, f"it cannot be read: {exc}"))
                continue
            if size != entry["size"]:
                altered.append((name, f"{size} bytes, the manifest says {entry['size']}"))
            elif sha != entry["sha256"]:
                altered.append((name, "its sha256 differs from the manifest's"))
    not_packed = []
    for m in manifest.get("missing") or ():
        if isinstance(m, dict):
            activity = m.get("activity")
            if not isinstance(activity, dict):
                activity = {}
            not_packed.append(f"{m.get('original_name', '?')} of activity #{activity.get('number', '?')} "
                              f"({m.get('reason', 'missing')})")
    year = manifest.get("year")
    return PackCheck(path, year if isinstance(year, int) else None, str(manifest.get("generated_on", "")),
                     len(listed), tuple(missing), tuple(sorted(extra)), tuple(altered), tuple(not_packed))
