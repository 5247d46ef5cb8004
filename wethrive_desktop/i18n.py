"""The one door every user-visible string and date goes through, so the app can be translated (issue 15, item 9).

Qt-free, so models and the command line use it too: without a translator installed (the command line, plain
scripts) `tr` returns its text as written and `format_date` writes "Nov 16, 2026" (or ISO, short). The GUI
installs Qt's translation and QLocale (`ui/i18n.install_qt()`), so a loaded QTranslator and the user's locale reach
every string and date, including those built in models/. The PDF and Word reports stay English with `models/dates`
(a document for ICMA's reviewers reads the same on every machine).

- `tr("Save")`: a sentence or label. Build sentences with placeholders, `tr("Deleted '{title}'").format(title=...)`,
  never from translated fragments glued together, so a translator sees the whole sentence.
- `trn("%n activity", "%n activities", n)`: a count; `%n` becomes the number (Qt's numerus form: a translation
  file may give as many plural forms as its language has).
- `format_date(day)`, `format_date(day, short=True)`: a date in words ("Nov 16, 2026") or in figures for tables
  (the locale's short format with a four-digit year).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from wethrive_desktop.models.dates import short_date

# The context Qt's tools give a plain `tr("...")` call (pyside6-lupdate names no class for it): the translation
# files made from this package (resources/i18n/README.txt) hold every text under it.
CONTEXT = ""

# (context, source, disambiguation, n) -> the translation; n is -1 for a text without a count, and Qt's translate
# replaces %n. A count's disambiguation is its English plural (what pyside6-lupdate, told `tr+=trn`, records).
Translate = Callable[[str, str, str | None, int], str]
DateFormat = Callable[[date, bool], str]

_translate: Translate | None = None
_format_date: DateFormat | None = None


def install(translate: Translate | None, date_format: DateFormat | None = None) -> None:
    """Route `tr`/`trn` through `translate` and `format_date` through `date_format` (None: back to English)."""
    global _translate, _format_date
    _translate = translate
    _format_date = date_format


def tr(source: str) -> str:
    """`source` in the user's language (as written when no translation is installed or known)."""
    if _translate is None:
        return source
    return _translate(CONTEXT, source, None, -1)


def trn(singular: str, plural: str, n: int) -> str:
    """A count with its words in the right form: `trn("%n activity", "%n activities", 3)` -> "3 activities".
    A translation file knows it by its singular, with the plural as its comment, and gives as many forms as its
    language has; without one, English picks `singular` for exactly 1."""
    english = (singular if n == 1 else plural).replace("%n", str(n))
    if _translate is None:
        return english
    translated = _translate(CONTEXT, singular, plural, n)
    return english if translated == singular.replace("%n", str(n)) else translated


def noop(source: str) -> str:
    """Marks a text kept in a constant (a type's label, a status) for the translation tools, which find it here
    (pyside6-lupdate told `QT_TR_NOOP+=noop`); it is translated where it is shown, with `tr(label)`."""
    return source


def format_date(day: date, short: bool = False) -> str:
    """`day` for the user: in words ("Nov 16, 2026"; "16 nov. 2026" in a French locale), or with `short` in the
    locale's figures for a table column ("11/16/2026", "16.11.2026")."""
    if _format_date is not None:
        return _format_date(day, short)
    return day.isoformat() if short else short_date(day)
