"""Qt's side of `wethrive_desktop.i18n`: `install_qt()` routes `tr`/`trn` through QCoreApplication.translate (so a
QTranslator installed on the application translates every string, models' included) and `format_date` through
QLocale (the user's locale), and loads the translation of the user's language when the package has one
(resources/i18n/wethrive_<language>.qm: see the README.txt there). `PseudoTranslator` is the translation the tests
install to find a string that does not go through `tr`: it wraps every text it is asked for in
PSEUDO_OPEN/PSEUDO_CLOSE."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTranslator

from wethrive_desktop import i18n, resources_path

PSEUDO_OPEN = "\u27e6"  # ⟦
PSEUDO_CLOSE = "\u27e7"  # ⟧
TRANSLATIONS_FOLDER = "i18n"  # resources/i18n/: wethrive_de.qm, wethrive_fr_CA.qm...

# The translation installed on the application: kept here, or Python would collect it while Qt still uses it.
_translator: QTranslator | None = None


def _qt_translate(context: str, source: str, disambiguation: str | None, n: int) -> str:
    return QCoreApplication.translate(context, source, disambiguation, n)


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


def load_translation(folder: Path | None = None) -> bool:
    """Install the translation of the user's locale (the default QLocale) from `folder` (the package's
    resources/i18n/), the file Qt picks for it among wethrive_<locale>.qm ("wethrive_de_DE.qm", then
    "wethrive_de.qm"...). Nothing happens when there is none, or when one is installed already. True when one is
    installed."""
    global _translator
    if _translator is not None:
        return True
    translator = QTranslator()
    where = folder if folder is not None else resources_path(TRANSLATIONS_FOLDER)
    if not translator.load(QLocale(), "wethrive", "_", str(where)):
        return False
    QCoreApplication.installTranslator(translator)
    _translator = translator
    return True


def unload_translation() -> None:
    """Take back the translation `load_translation` installed (tests; a change of language)."""
    global _translator
    if _translator is not None:
        QCoreApplication.removeTranslator(_translator)
        _translator = None


def install_qt(folder: Path | None = None) -> None:
    """From now on `i18n.tr`, `i18n.trn` and `i18n.format_date` go through Qt (call once a QApplication exists),
    with the translation of the user's language when `folder` (the package's resources/i18n/) has one.
    A system without a locale (LANG unset: the "C" locale, whose dates read "16 11 2026") gets US English."""
    if QLocale().language() == QLocale.Language.C:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    load_translation(folder)
    i18n.install(_qt_translate, locale_date)


class PseudoTranslator(QTranslator):
    """Every text translated as ⟦text⟧ (with %n replaced by Qt): install it with
    `QCoreApplication.installTranslator` and any text shown without the brackets did not go through `tr`."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return f"{PSEUDO_OPEN}{source}{PSEUDO_CLOSE}"

    def isEmpty(self) -> bool:
        return False
