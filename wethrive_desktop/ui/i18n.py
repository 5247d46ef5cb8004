"""Qt's side of `wethrive_desktop.i18n`: `install_qt()` routes `tr`/`trn` through QCoreApplication.translate (so a
QTranslator installed on the application translates every string, models' included) and `format_date` through
QLocale (the user's locale). `PseudoTranslator` is the translation the tests install to find a string that does
not go through `tr`: it wraps every text it is asked for in PSEUDO_OPEN/PSEUDO_CLOSE."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTranslator

from wethrive_desktop import i18n

PSEUDO_OPEN = "\u27e6"  # ⟦
PSEUDO_CLOSE = "\u27e7"  # ⟧


def _qt_translate(context: str, source: str, n: int) -> str:
    return QCoreApplication.translate(context, source, None, n)


def short_date_pattern() -> str:
    """The locale's short date format with a four-digit year ("M/d/yyyy", "dd.MM.yyyy"): a two-digit year cannot
    tell 1926 from 2026. Tables write dates with it, and date fields show them with it."""
    pattern = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def locale_date(day: date, short: bool) -> str:
    """`day` in the default QLocale: the short format with a four-digit year for tables, else the long format
    without its weekday ("November 16, 2026", "16. November 2026")."""
    locale = QLocale()
    qdate = QDate(day.year, day.month, day.day)
    if short:
        return locale.toString(qdate, short_date_pattern())
    pattern = locale.dateFormat(QLocale.FormatType.LongFormat)
    for weekday in ("dddd, ", "dddd ", ", dddd", "dddd"):
        pattern = pattern.replace(weekday, "")
    return locale.toString(qdate, pattern.strip(" ,"))


def install_qt() -> None:
    """From now on `i18n.tr`, `i18n.trn` and `i18n.format_date` go through Qt (call once a QApplication exists).
    A system without a locale (LANG unset: the "C" locale, whose dates read "16 11 2026") gets US English."""
    if QLocale().language() == QLocale.Language.C:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    i18n.install(_qt_translate, locale_date)


class PseudoTranslator(QTranslator):
    """Every text translated as ⟦text⟧ (with %n replaced by Qt): install it with
    `QCoreApplication.installTranslator` and any text shown without the brackets did not go through `tr`."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return f"{PSEUDO_OPEN}{source}{PSEUDO_CLOSE}"

    def isEmpty(self) -> bool:
        return False
