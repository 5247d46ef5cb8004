"""The evidence pack, read back: its zip listing and manifest, every sha256, the attachments in their activities'
folders with names safe on every system, missing or altered attachments, verify on a fresh and on a tampered pack,
and the `wethrive evidence-pack` and `verify-pack` commands."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import dump, run
from docx import Document
from pypdf import PdfReader

from wethrive_desktop import __version__
from wethrive_desktop.models.activities import (
    ActivityData,
    AttachmentData,
    add_attachment,
    attachment_path,
    restore_attachment,
    save_activity,
)
from wethrive_desktop.models.db import close_database
from wethrive_desktop.models.profile import ProfileData, save_profile
from wethrive_desktop.models.tables import utc_now
from wethrive_desktop.reports.evidence_pack import (
    MANIFEST,
    EvidencePackError,
    NotAnEvidencePackError,
    PackResult,
    build_evidence_pack,
    safe_name,
    unique_name,
    verify_evidence_pack,
)

YEAR = 2026
TODAY = date(2027, 1, 20)
NAME = "Zoë Ñúñez 王小明"
CJK_TITLE = "城市预算研讨会"


@pytest.fixture
def filled(db: object, frozen_today: Callable[[date], None], tmp_path: Path) -> dict[str, int]:
    """Three activities of 2026 (one with two certificates of the same name, one with a CJK title), one of 2025."""
    frozen_today(TODAY)
    save_profile(ProfileData(name=NAME, member_number="42"))

    def add(day: date, title: str, hours: str) -> int:
        return save_activity(ActivityData(day, title, Decimal(hours), type="workshop", practices=(6,),
                                          learned="I learned to plan budgets with the council."))

    ids = {
        "first": add(date(YEAR, 2, 1), "Budget: what/why? <part 1>", "3"),
        "cjk": add(date(YEAR, 5, 1), CJK_TITLE, "6"),
        "plain": add(date(YEAR, 9, 1), "Ethics 101", "2"),
        "old": add(date(YEAR - 1, 5, 1), "Last year's course", "4"),
    }
    folder = tmp_path / "sources"
    for sub, content in (("a", b"%PDF-1.4 first certificate"), ("b", b"%PDF-1.4 second certificate")):
        (folder / sub).mkdir(parents=True)
        (folder / sub / "Certificate.pdf").write_bytes(content)
        add_attachment(ids["first"], folder / sub / "Certificate.pdf")
    (folder / "证书.png").write_bytes(b"\x89PNG cjk certificate")
    add_attachment(ids["cjk"], folder / "证书.png")
    (folder / "old.pdf").write_bytes(b"%PDF-1.4 last year")
    add_attachment(ids["old"], folder / "old.pdf")
    return ids


def manifest_of(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as zf:
        result: dict[str, Any] = json.loads(zf.read(MANIFEST))
        return result


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def rewrite(path: Path, change: Callable[[dict[str, bytes]], None]) -> None:
    """The pack as someone who edited it would leave it: every member copied, with `change` applied."""
    content = members(path)
    change(content)
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in content.items():
            zf.writestr(name, data)


@pytest.fixture
def pack(filled: dict[str, int], tmp_path: Path) -> tuple[Path, PackResult, list[tuple[int, int]]]:
    calls: list[tuple[int, int]] = []
    out = tmp_path / "out" / "pack.zip"
    result = build_evidence_pack(YEAR, out, progress=lambda done, total: calls.append((done, total)))
    return out, result, calls


# --- building ------------------------------------------------------------------------------------------------


def test_the_pack_holds_every_file_with_its_sha256_in_the_manifest(
        pack: tuple[Path, PackResult, list[tuple[int, int]]], filled: dict[str, int]) -> None:
    out, result, calls = pack
    content = members(out)
    assert sorted(content) == sorted([
        "report-2026.pdf", "report-2026.docx", "transcript-2026.pdf", "transcript-2026.csv",
        "01 - Budget_ what_why_ _part 1_/Certificate.pdf", "01 - Budget_ what_why_ _part 1_/Certificate (2).pdf",
        f"02 - {CJK_TITLE}/证书.png", MANIFEST,
    ])
    manifest = manifest_of(out)
    assert (manifest["year"], manifest["generated_on"], manifest["app_version"]) == (YEAR, TODAY.isoformat(),
                                                                                       __version__)
    listed = {f["path"]: f for f in manifest["files"]}
    assert set(listed) == set(content) - {MANIFEST}
    for name, entry in listed.items():
        assert entry["sha256"] == hashlib.sha256(content[name]).hexdigest() and entry["size"] == len(content[name])
    cert = listed[f"02 - {CJK_TITLE}/证书.png"]
    assert content[cert["path"]] == b"\x89PNG cjk certificate"
    assert cert["activity"] == {"id": filled["cjk"], "number": 2, "title": CJK_TITLE, "date": "2026-05-01"}
    assert {content[p] for p in listed if p.startswith("01 - ")} == {b"%PDF-1.4 first certificate",
                                                                      b"%PDF-1.4 second certificate"}
    assert manifest["missing"] == [] and result.warnings == ()
    assert (result.attachments, result.missing) == (3, 0)
    assert calls[-1] == (8, 8) and [d for d, _ in calls] == list(range(1, 9))  # once per file


def test_the_documents_in_the_pack_read_back(pack: tuple[Path, PackResult, list[tuple[int, int]]]) -> None:
    out, result, _ = pack
    content = members(out)
    report = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content["report-2026.pdf"])).pages)
    assert NAME in report and CJK_TITLE in report
    transcript = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content["transcript-2026.pdf"])).pages)
    assert NAME in transcript and result.fingerprint in transcript and "Last year" not in transcript
    csv_text = content["transcript-2026.csv"].decode("utf-8-sig")
    assert "Total,3,11\r\n" in csv_text and result.fingerprint in csv_text
    assert manifest_of(out)["transcript_fingerprint"] == result.fingerprint
    docx = Document(io.BytesIO(content["report-2026.docx"]))
    words = "\n".join(p.text for p in docx.paragraphs) + "".join(
        c.text for t in docx.tables for row in t.rows for c in row.cells)
    assert NAME in words and CJK_TITLE in words


def test_a_missing_or_altered_attachment_is_listed_as_missing_with_a_warning(
        filled: dict[str, int], tmp_path: Path) -> None:
    for name in ("Certificate.pdf", "证书.png"):
        folder = tmp_path / "sources"
        source = next(folder.rglob(name))
        stored = attachment_path(hashlib.sha256(source.read_bytes()).hexdigest() + source.suffix.lower())
        if name == "证书.png":
            stored.unlink()
        else:
            stored.write_bytes(b"%PDF-1.4 a different certificate")
    restore_attachment(filled["plain"], AttachmentData("bad.pdf", "../../etc/passwd", "0" * 64, 1, utc_now()))
    out = tmp_path / "pack.zip"
    result = build_evidence_pack(YEAR, out)
    names = set(members(out))
    assert not any(n.startswith("02 - ") for n in names)  # nothing to put in the CJK activity's folder
    assert [n for n in names if n.startswith("01 - ")] == ["01 - Budget_ what_why_ _part 1_/Certificate.pdf"]
    missing = {m["original_name"]: m for m in manifest_of(out)["missing"]}
    assert "altered" in missing["Certificate.pdf"]["reason"]
    assert "missing" in missing["证书.png"]["reason"]
    assert "not one WeThrive made" in missing["bad.pdf"]["reason"]
    assert missing["证书.png"]["activity"]["number"] == 2
    assert len(result.warnings) == 3 and result.missing == 3 and result.attachments == 1
    assert any("activity #2" in w and "证书.png" in w for w in result.warnings)
    check = verify_evidence_pack(out)
    assert check.ok and len(check.not_packed) == 3  # the pack is as built; what it lacks is noted


def test_a_year_without_activities_is_refused_and_nothing_is_written(db: object, tmp_path: Path) -> None:
    with pytest.raises(EvidencePackError, match="no completed activities with hours in 2019"):
        build_evidence_pack(2019, tmp_path / "pack.zip")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_build_keeps_the_old_file_and_leaves_no_temp(filled: dict[str, int], tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "pack.zip"
    out.write_bytes(b"the pack built last week")

    def fails(data: object) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("wethrive_desktop.reports.word.render_report_docx", fails)
    with pytest.raises(OSError):
        build_evidence_pack(YEAR, out)
    assert out.read_bytes() == b"the pack built last week"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.zip", "sources"]


@pytest.mark.parametrize(("name", "expected"), [
    ("Certificate.pdf", "Certificate.pdf"),
    ('a<b>:c"d|e?f*g\\h/i.pdf', "a_b__c_d_e_f_g_h_i.pdf"),
    ("CON.pdf", "_CON.pdf"),
    ("lpt1", "_lpt1"),
    ("..", "fallback"),
    ("  name. . ", "name"),
    ("tab\there\x00.pdf", "tab_here_.pdf"),
    ("Nguyễn.pdf", "Nguyễn.pdf"),
])
def test_names_are_safe_on_every_system(name: str, expected: str) -> None:
    assert safe_name(name, "fallback") == expected


def test_long_names_keep_their_extension_and_duplicates_get_numbers() -> None:
    long = safe_name("证" * 200 + ".pdf", "x")
    assert long.endswith(".pdf") and len(long.encode("utf-8")) <= 150
    taken: set[str] = set()
    assert [unique_name(n, taken) for n in ("a.pdf", "A.PDF", "a.pdf", "b")] == ["a.pdf", "A (2).PDF", "a (3).pdf",
                                                                                  "b"]


# --- verifying -----------------------------------------------------------------------------------------------


def test_verify_passes_on_a_fresh_pack(pack: tuple[Path, PackResult, list[tuple[int, int]]]) -> None:
    check = verify_evidence_pack(pack[0])
    assert check.ok and check.checked == 7 and check.problems() == [] and check.year == YEAR


def test_verify_names_an_altered_a_removed_and_an_extra_file(
        pack: tuple[Path, PackResult, list[tuple[int, int]]]) -> None:
    out = pack[0]
    cert = f"02 - {CJK_TITLE}/证书.png"

    def tamper(content: dict[str, bytes]) -> None:
        content[cert] = b"\x89PNG a forged certificate"
        del content["transcript-2026.csv"]
        content["notes.txt"] = b"added later"

    rewrite(out, tamper)
    check = verify_evidence_pack(out)
    assert not check.ok
    assert check.altered == ((cert, "25 bytes, the manifest says 20"),)
    assert check.missing == ("transcript-2026.csv",) and check.extra == ("notes.txt",)
    problems = check.problems()
    assert len(problems) == 3 and any(cert in p for p in problems)


def test_verify_finds_same_size_changes(pack: tuple[Path, PackResult, list[tuple[int, int]]]) -> None:
    out = pack[0]

    def flip(content: dict[str, bytes]) -> None:
        data = bytearray(content["report-2026.pdf"])
        data[-10] ^= 1
        content["report-2026.pdf"] = bytes(data)

    rewrite(out, flip)
    assert verify_evidence_pack(out).altered == (("report-2026.pdf", "its sha256 differs from the manifest's"),)


def test_verify_finds_a_second_member_of_the_same_name(pack: tuple[Path, PackResult, list[tuple[int, int]]]) -> None:
    out = pack[0]
    with zipfile.ZipFile(out, "a") as zf, pytest.warns(UserWarning, match="Duplicate name"):
        zf.writestr("report-2026.pdf", b"%PDF-1.4 a substitute")
    check = verify_evidence_pack(out)
    assert not check.ok
    assert ("report-2026.pdf", "the zip holds 2 files of this name") in check.altered


def test_a_file_that_is_not_a_pack_is_one_sentence(tmp_path: Path) -> None:
    text = tmp_path / "notes.zip"
    text.write_text("not a zip at all")
    with pytest.raises(NotAnEvidencePackError, match=r"notes\.zip is not a zip file, so it is not an evidence pack"):
        verify_evidence_pack(text)
    bare = tmp_path / "bare.zip"
    with zipfile.ZipFile(bare, "w") as zf:
        zf.writestr("report.pdf", b"%PDF")
    with pytest.raises(NotAnEvidencePackError, match=r"bare\.zip is not a WeThrive evidence pack: its manifest"):
        verify_evidence_pack(bare)
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr(MANIFEST, b'{"format": "something else", "files": []}')
    with pytest.raises(NotAnEvidencePackError, match=r"other\.zip is not a WeThrive evidence pack: its manifest\.json "
                                                     "is another kind of manifest"):
        verify_evidence_pack(other)
    with pytest.raises(NotAnEvidencePackError, match="there is no file at"):
        verify_evidence_pack(tmp_path / "nowhere.zip")


# --- the commands --------------------------------------------------------------------------------------------


def test_cli_builds_and_verifies_a_pack(filled: dict[str, int], db_path: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    close_database()
    before = dump(db_path)
    out = tmp_path / "pack.zip"
    assert run("evidence-pack", "--db", db_path, "--year", str(YEAR), "--out", out) == 0
    assert capsys.readouterr().out == (f"Wrote {out}: the 2026 report (PDF and Word), its transcript (PDF and CSV) "
                                       "and 3 attachments, with manifest.json\n")
    assert dump(db_path) == before  # only read
    assert run("verify-pack", out) == 0
    assert capsys.readouterr().out == (f"{out} is intact: its 7 files match its manifest (the 2026 evidence pack, "
                                       f"generated on {TODAY.isoformat()}).\n")
    def remove(content: dict[str, bytes]) -> None:
        del content["report-2026.docx"]

    rewrite(out, remove)
    assert run("verify-pack", out) == 1
    captured = capsys.readouterr()
    assert captured.out == "missing: report-2026.docx (listed in the manifest, not in the zip)\n"
    assert captured.err == f"wethrive: error: {out} is not intact: 1 problem (listed above)\n"


@pytest.mark.parametrize(("args", "message"), [
    (("--year", "2026", "--out", "pack.pdf"), "pack.pdf should end in .zip"),
    (("--year", "2019", "--out", "pack.zip"), "there are no completed activities with hours in 2019"),
])
def test_cli_evidence_pack_refusals(filled: dict[str, int], db_path: Path, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                    args: tuple[str, ...], message: str) -> None:
    close_database()
    monkeypatch.chdir(tmp_path)
    assert run("evidence-pack", "--db", db_path, *args) == 1
    err = capsys.readouterr().err
    assert err.startswith("wethrive: error: ") and message in err and err.count("\n") == 1
    assert not any(tmp_path.glob("pack.*"))


def test_cli_verify_of_a_file_that_is_not_a_zip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4")
    assert run("verify-pack", path) == 1
    assert capsys.readouterr().err == f"wethrive: error: {path} is not a zip file, so it is not an evidence pack\n"
