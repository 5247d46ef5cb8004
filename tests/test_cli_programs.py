"""`wethrive challenge`, `legacy` and `eligibility` print what the program pages show."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from wethrive_desktop.cli import main
from wethrive_desktop.models.activities import ActivityData, save_activity
from wethrive_desktop.models.challenge import set_signup
from wethrive_desktop.models.db import close_database, open_database
from wethrive_desktop.models.eligibility import ExperienceData, save_experience


@pytest.fixture
def filled(db_path: Path) -> Iterator[Path]:
    open_database(db_path)
    save_activity(ActivityData(date(2025, 6, 1), "Gettysburg Leadership Institute", Decimal(24),
                               "leadership institute", end_date=date(2025, 6, 3), challenge_key="gettysburg"))
    save_activity(ActivityData(date(2025, 2, 1), "Donation to The Fund", Decimal(0), challenge_key="fund-donation"))
    set_signup(True)
    close_database()
    yield db_path
    close_database()


def test_challenge_json_lists_the_entries_and_the_total(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["challenge", "--year", "2025", "--json", "--db", str(filled)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["total_points"] == 10 + 5 + 3
    assert [(e["date"], e["key"], e["points"]) for e in out["entries"]] == [
        ("2025-02-01", "fund-donation", 5), ("2025-06-01", "gettysburg", 10), (None, "challenge-signup", 3)]


def test_challenge_before_any_catalogue_earns_nothing(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["challenge", "--year", "2016", "--db", str(filled)]) == 0
    out = capsys.readouterr().out
    assert "0 points (no catalogue for this year)" in out
    assert "challenge-signup" not in out


def test_legacy_without_records_says_so(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["legacy", "--db", str(filled)]) == 0
    assert "No Legacy Leaders records yet" in capsys.readouterr().out


def test_eligibility_prompts_until_entered_then_answers(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eligibility", "--db", str(filled)]) == 0
    assert "Enter your education" in capsys.readouterr().out
    open_database(filled)
    save_experience(ExperienceData(education="mpa", senior_years=Decimal(8), department_head_years=Decimal(0),
                                   as_of=date.today()))
    close_database()
    assert main(["eligibility", "--db", str(filled)]) == 0
    assert capsys.readouterr().out.startswith("Eligible as Credentialed Manager")
