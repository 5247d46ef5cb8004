"""Texts built in Qt-free modules go through `i18n.tr`/`trn`: with a translation installed, they come out translated,
with their numbers filled in."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from wethrive_desktop import i18n
from wethrive_desktop.exchange.calendar_import import import_ics
from wethrive_desktop.models.rules import Progress

CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Budget webinar\r\nDTSTART:20260305T130000\r\nDTEND:20260305T143000\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:b\r\nSUMMARY:Annual conference\r\nDTSTART;VALUE=DATE:20260920\r\n"
    "DTEND;VALUE=DATE:20260923\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


def test_import_summary_and_progress_are_translated(db: object, tmp_path: Path) -> None:
    path = tmp_path / "registrations.ics"
    path.write_text(CALENDAR, newline="")
    zone = ZoneInfo("America/Chicago")
    # A count's source is its singular, with its English plural as the disambiguation (i18n.trn).
    i18n.install(lambda context, source, plural, n: "<<" + (plural if plural and n != 1 else source).replace(
        "%n", str(n)) + ">>")
    try:
        assert import_ics(path, zone=zone).describe() == "<<<<Added 2 planned items (<<2026: 2>>)>>.>>"
        assert import_ics(path, zone=zone).describe() == "<<<<No new events>>; <<2 already imported, skipped>>.>>"
        assert Progress(Decimal("12.5")).describe() == "<<12.5 of 40 h>>"
        assert Progress(Decimal("41.25")).describe() == "<<41.25 h: commitment met>>"
    finally:
        i18n.install(None)
    assert Progress(Decimal("12.5")).describe() == "12.5 of 40 h"
