"""The GUI loads the translation of the user's language from resources/i18n/ (wethrive_<language>.qm), once, and
stays in English when there is none."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from wethrive_desktop import i18n, resources_path
from wethrive_desktop.i18n import tr, trn
from wethrive_desktop.ui import i18n as qt_i18n

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name></name>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message numerus="yes">
        <source>%n activity</source>
        <comment>%n activities</comment>
        <translation>
            <numerusform>%n Aktivität</numerusform>
            <numerusform>%n Aktivitäten</numerusform>
        </translation>
    </message>
</context>
</TS>
"""


def lrelease() -> str | None:
    """pyside6-lrelease beside the running Python (the virtual environment's), else on PATH."""
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    return str(beside) if beside.exists() else shutil.which("pyside6-lrelease")


@pytest.fixture
def german(qapp: object) -> Iterator[None]:
    """The user's locale is German while the test runs; English and no translation afterwards."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    qt_i18n.unload_translation()
    i18n.install(None)
    QLocale.setDefault(before)


@pytest.mark.skipif(lrelease() is None, reason="pyside6-lrelease is not installed")
def test_a_german_locale_gets_the_german_translation(german: None, tmp_path: Path) -> None:
    source = tmp_path / "wethrive_de.ts"
    source.write_text(TS, encoding="utf-8")
    folder = tmp_path / "i18n"
    folder.mkdir()
    tool = lrelease()
    assert tool is not None
    subprocess.run([tool, str(source), "-qm", str(folder / "wethrive_de.qm")], check=True, capture_output=True)

    qt_i18n.install_qt(folder)
    assert tr("Save") == "Speichern"
    assert [trn("%n activity", "%n activities", n) for n in (1, 3)] == ["1 Aktivität", "3 Aktivitäten"]
    assert tr("Cancel") == "Cancel"  # a text the file does not have stays as written
    assert trn("%n plan", "%n plans", 2) == "2 plans"  # in English, with its English plural
    qt_i18n.install_qt(folder)  # a second call installs nothing more
    assert tr("Save") == "Speichern"
    qt_i18n.unload_translation()
    assert tr("Save") == "Save"


def test_without_a_file_for_the_language_the_texts_stay_english(german: None, tmp_path: Path) -> None:
    assert qt_i18n.load_translation(tmp_path) is False
    qt_i18n.install_qt(tmp_path)
    assert tr("Save") == "Save"


def test_the_package_has_its_translations_folder() -> None:
    assert (resources_path(qt_i18n.TRANSLATIONS_FOLDER) / "README.txt").is_file()
