"""The transcript, read back: the PDF's text (non-Latin names and titles, totals, the fingerprint on every page, the
header row repeated), the CSV's rows and totals against the stored hours, the fingerprint's canonical form, and the
`wethrive transcript` command."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from cli_helpers import dump, run
from pypdf import PdfReader

from wethrive_desktop.exchange import csv_io
from wethrive_desktop.models.activities import ActivityData, get_activity, save_activity
from wethrive_desktop.models.dates import long_date
from wethrive_desktop.models.db import close_database, database_proxy
from wethrive_desktop.models.profile import ProfileData, get_profile, save_profile
from wethrive_desktop.reports.transcript import (
    CANONICAL_HEADER,
    Transcript,
    TranscriptError,
    build_transcript,
    neutralise,
    render_transcript_csv,
    render_transcript_pdf,
)

D = Decimal
TODAY = date(2027, 2, 1)
NAME = "Nguyễn Thị Minh 王小明"
CJK_TITLE = "城市预算研讨会"
PROFILE = ProfileData(name=NAME, member_number="123456", title="Городской управляющий",
                      organization="Ville de Montréal", location="Québec", credential_status="candidate")


def add(day: date, title: str, hours: str, **kw: object) -> int:
    return save_activity(ActivityData(day, title, D(hours), **kw))  # type: ignore[arg-type]


@pytest.fixture
def filled(db: object, frozen_today: Callable[[date], None]) -> dict[str, int]:
    """2023 and 2024 with activities, none in 2025, one in 2026; a planned and a 0-hour one the transcript skips."""
    frozen_today(TODAY)
    save_profile(PROFILE)
    ids = {
        "cjk": add(date(2023, 3, 4), CJK_TITLE, "6.5", type="workshop", provider="上海市政府", practices=(3, 12)),
        "formula": add(date(2023, 5, 1), "=HYPERLINK(\"http://x\")", "1.25", type="webinar", provider="+ICMA"),
        "span": add(date(2024, 12, 30), "Winter Institute", "20", type="leadership institute",
                    end_date=date(2025, 1, 2), practices=(5,)),
        "late": add(date(2026, 6, 1), "Budget webinar", "1.5", type="webinar", practices=tuple(range(1, 15))),
        "planned": add(date(2024, 8, 1), "Planned course", "3", status="planned"),
        "zero": add(date(2024, 2, 2), "Fund donation", "0", challenge_key="fund-donation"),
    }
    for i in range(45):  # enough for 2024's table to run onto a second page
        add(date(2024, 1 + i % 12, 1 + i % 28), f"Webinar number {i} on service delivery", "1.75",
            type="webinar", provider="ICMA University", practices=(10,))
    return ids


def stored_hours_by_year() -> dict[int, Decimal]:
    """What the store holds, summed by SQL: completed activities with hours, by the year they started."""
    rows = database_proxy.execute_sql(
        "SELECT substr(start_date, 1, 4), SUM(hours) FROM activity WHERE status = 'completed' AND hours > 0 "
        "GROUP BY 1")
    return {int(y): (D(total) / 100).quantize(D("0.01")) for y, total in rows}


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def record_rows(rows: list[list[str]]) -> list[list[str]]:
    start = rows.index(["Year", "Date", "End date", "Title", "Provider", "Type", "Practices", "Hours"])
    end = rows.index([], start)
    return rows[start + 1:end]


def total_rows(rows: list[list[str]]) -> dict[str, list[str]]:
    start = rows.index(["Year", "Activities", "Hours"])
    return {r[0]: r[1:] for r in rows[start + 1:]}


# --- the PDF -------------------------------------------------------------------------------------------------


def test_pdf_reads_back_with_names_totals_and_the_fingerprint_on_every_page(filled: dict[str, int]) -> None:
    t = build_transcript()
    pages = pages_text(render_transcript_pdf(t, invariant=True))
    text = "\n".join(pages)
    assert len(pages) >= 2
    for expected in (NAME, CJK_TITLE, "上海市政府", "Городской управляющий", "Ville de Montréal",
                     f"Generated on {long_date(TODAY)}", "2023 \u2013 2026", "ICMA-CM Candidate"):
        assert expected in text, expected
    assert "Planned course" not in text and "Fund donation" not in text
    assert "No activities recorded in 2025." in text  # the gap year is shown, not hidden
    hours = stored_hours_by_year()
    assert "2023 total 2 activities 7.75" in flat(text)
    assert hours[2023] == D("7.75")
    for page in pages:
        assert f"Fingerprint (sha256): {t.fingerprint}" in page
    continued = [p for p in pages[1:] if "Webinar number" in p]
    assert continued and all("Date (2024) Activity Type Practices Hours" in flat(p) for p in continued)


def test_a_transcript_with_nothing_in_it_still_renders(db: object) -> None:
    t = build_transcript()
    assert t.years == () and t.activity_count == 0
    assert "No activities are recorded in this period." in "".join(pages_text(render_transcript_pdf(t)))


# --- the CSV -------------------------------------------------------------------------------------------------


def test_csv_rows_and_totals_match_the_stored_hours(filled: dict[str, int]) -> None:
    rows = read_csv(render_transcript_csv(build_transcript()))
    assert rows[1] == ["Member", NAME]
    assert ["Generated on", TODAY.isoformat()] in rows
    records = record_rows(rows)
    stored = stored_hours_by_year()
    summed: dict[int, Decimal] = {}
    for r in records:
        summed[int(r[0])] = summed.get(int(r[0]), D(0)) + D(r[7])
    assert summed == stored
    totals = total_rows(rows)
    assert {int(y): D(v[1]) for y, v in totals.items() if y.isdigit() and v[0] != "0"} == stored
    assert totals["2025"] == ["0", "0"]
    assert D(totals["Total"][1]) == sum(stored.values())
    assert int(totals["Total"][0]) == len(records) == 49
    assert [r[2] for r in records if r[1] == "2024-12-30"] == ["2025-01-02"]  # the span's end date
    assert [r for r in records if r[3] == CJK_TITLE][0][4:] == ["上海市政府", "workshop", "3;12", "6.5"]


def test_formula_cells_are_neutralised_as_the_activity_export_does(filled: dict[str, int]) -> None:
    records = record_rows(read_csv(render_transcript_csv(build_transcript(2023, 2023))))
    formula = [r for r in records if "HYPERLINK" in r[3]][0]
    assert formula[3] == "'=HYPERLINK(\"http://x\")" and formula[4] == "'+ICMA"
    for text in ("=1+1", "+x", "-2", "@SUM", "\tx", "'=x", "plain", "", "it's"):
        assert neutralise(text) == csv_io.neutralise(text)


# --- the fingerprint -----------------------------------------------------------------------------------------


def recomputed_from_csv(data: bytes) -> str:
    """The fingerprint as docs/exports.md tells a reader to recompute it from the CSV alone."""
    lines = [CANONICAL_HEADER]
    for row in record_rows(read_csv(data)):
        cells = row[1:]
        cells[2], cells[3] = csv_io.unneutralise(cells[2]), csv_io.unneutralise(cells[3])
        lines.append(json.dumps(cells, ensure_ascii=False, separators=(",", ":")))
    return hashlib.sha256(("\n".join(lines) + "\n").encode("utf-8")).hexdigest()


def test_the_fingerprint_can_be_recomputed_from_the_csv(filled: dict[str, int]) -> None:
    t = build_transcript()
    data = render_transcript_csv(t)
    assert ["Fingerprint (sha256)", t.fingerprint] in read_csv(data)
    assert recomputed_from_csv(data) == t.fingerprint


def test_the_fingerprint_changes_with_a_listed_record_and_only_then(filled: dict[str, int],
                                                                    frozen_today: Callable[[date], None]) -> None:
    before = build_transcript().fingerprint
    frozen_today(date(2027, 5, 5))
    save_profile(replace(PROFILE, name="Someone Else"))
    record = get_activity(filled["cjk"])
    save_activity(replace(record.data, description="Another account of how I took part."), record.id)
    save_activity(replace(get_activity(filled["planned"]).data, title="Renamed plan"), filled["planned"])
    again = build_transcript()
    assert again.fingerprint == before  # another day, profile, reflection or unlisted record: the same records
    assert again.generated_on == date(2027, 5, 5) and again.member.name == "Someone Else"

    save_activity(replace(record.data, hours=D("6.75")), record.id)
    changed = build_transcript().fingerprint
    assert changed != before
    save_activity(replace(record.data, hours=D("6.5")), record.id)
    assert build_transcript().fingerprint == before  # the same records again give the same fingerprint
    save_activity(replace(record.data, title=CJK_TITLE + "!"), record.id)
    assert build_transcript().fingerprint not in (before, changed)


# --- years ---------------------------------------------------------------------------------------------------


def test_years_from_and_to(filled: dict[str, int]) -> None:
    t = build_transcript(2024, 2026)
    assert [y.year for y in t.years] == [2024, 2025, 2026]
    assert t.period == "2024 \u2013 2026"
    assert [y.count for y in t.years] == [46, 0, 1]
    only = build_transcript(2023, 2023)
    assert [a.title for a in only.activities] == [CJK_TITLE, "=HYPERLINK(\"http://x\")"]
    assert only.fingerprint != build_transcript().fingerprint
    assert build_transcript(2030).years == ()
    with pytest.raises(TranscriptError, match=r"the first year \(2025\) is after the last year \(2024\)"):
        build_transcript(2025, 2024)


def test_transcript_type_is_plain_data(filled: dict[str, int]) -> None:
    t = build_transcript(2026)
    assert isinstance(t, Transcript)
    assert t.first_year == 2026 and t.last_year == 2026 and t.total_hours == D("1.5")
    assert get_profile().name == NAME


# --- the command ---------------------------------------------------------------------------------------------


def test_cli_writes_pdf_and_csv(filled: dict[str, int], db_path: Path, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    fingerprint = build_transcript(2023, 2024).fingerprint
    close_database()
    before = dump(db_path)
    out = tmp_path / "out" / "transcript.PDF"
    assert run("transcript", "--db", db_path, "--out", out, "--from", "2023", "--to", "2024") == 0
    assert capsys.readouterr().out == (f"Wrote {out}: 48 activities, 106.5 h over 2 years (2023 \u2013 2024); "
                                       f"fingerprint sha256 {fingerprint}\n")
    assert fingerprint in pages_text(out.read_bytes())[0]
    csv_out = tmp_path / "transcript.csv"
    assert run("transcript", "--db", db_path, "--out", csv_out) == 0
    assert "49 activities" in capsys.readouterr().out
    assert len(record_rows(read_csv(csv_out.read_bytes()))) == 49
    assert dump(db_path) == before  # only read


@pytest.mark.parametrize(("args", "message"), [
    (("--out", "t.txt"), "t.txt should end in .pdf or .csv"),
    (("--out", "t.pdf", "--from", "2025", "--to", "2024"), "--from 2025 is after --to 2024; nothing was written"),
    (("--out", "t.pdf", "--from", "2010", "--to", "2012"),
     "there are no completed activities with hours between 2010 and 2012; nothing was written"),
    (("--out", "t.csv", "--from", "2025", "--to", "2025"),
     "there are no completed activities with hours in 2025; nothing was written"),
])
def test_cli_refuses_with_one_sentence(filled: dict[str, int], db_path: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                       args: tuple[str, ...], message: str) -> None:
    close_database()
    monkeypatch.chdir(tmp_path)
    assert run("transcript", "--db", db_path, *args) == 1
    err = capsys.readouterr().err
    assert err.startswith("wethrive: error: ") and message in err and err.count("\n") == 1
    assert not any(tmp_path.glob("t.*"))
