"""An attachment's stored file name comes back from the database (or an imported file) and is joined to the
attachments folder: only names of the form WeThrive makes are, and only files inside that folder are ever opened."""

from __future__ import annotations

import hashlib
import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from wethrive_desktop.models.activities import (
    ActivityData,
    UnsafeAttachmentError,
    add_attachment,
    attachment_folder,
    attachment_path,
    get_activity,
    save_activity,
)
from wethrive_desktop.models.db import StoreError
from wethrive_desktop.models.tables import Attachment
from wethrive_desktop.ui import prompts
from wethrive_desktop.ui.main_window import MainWindow

SHA = hashlib.sha256(b"certificate").hexdigest()
OTHER_SHA = hashlib.sha256(b"agenda").hexdigest()


def new_activity() -> int:
    return save_activity(ActivityData(date(2026, 5, 1), "Budget workshop", Decimal(1), "workshop"))


def watch_open_and_errors(monkeypatch: pytest.MonkeyPatch) -> tuple[list[QUrl], list[str]]:
    """What is handed to the system viewer (QDesktopServices.openUrl, which is not called) and the errors shown."""
    opened: list[QUrl] = []
    errors: list[str] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    def show_error(parent: QWidget | None, title: str, text: str) -> None:
        errors.append(text)

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    monkeypatch.setattr(prompts, "show_error", show_error)
    return opened, errors


def test_a_name_wethrive_made_is_a_file_in_the_attachments_folder(db: object) -> None:
    assert attachment_path(SHA + ".pdf") == attachment_folder() / f"{SHA}.pdf"
    assert attachment_path(SHA) == attachment_folder() / SHA  # no extension
    assert attachment_path(SHA + ".pdf", SHA) == attachment_folder() / f"{SHA}.pdf"


@pytest.mark.parametrize("planted", [
    "../x", "/etc/hostname", "a/b", "", "..", ".", f"../{SHA}.pdf", f"{SHA}/../../x", f"{SHA}.pdf/../../x",
    f"{SHA}\\..\\x", f"/{SHA}.pdf", SHA.upper() + ".pdf", f"{SHA}.PDF", f"{SHA}.pdf ", f"{SHA}..pdf", f"{SHA}.",
    f"{SHA}.pdf\x00", SHA[:-1],
])
def test_a_name_wethrive_did_not_make_is_refused(db: object, planted: str) -> None:
    with pytest.raises(UnsafeAttachmentError, match="is not one WeThrive made; it was not opened") as raised:
        attachment_path(planted)
    assert isinstance(raised.value, StoreError)


def test_a_name_of_another_attachments_digest_is_refused(db: object) -> None:
    with pytest.raises(UnsafeAttachmentError):
        attachment_path(OTHER_SHA + ".pdf", SHA)


def test_a_link_inside_the_folder_that_leads_out_of_it_is_refused(db: object, tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("not an attachment")
    folder = attachment_folder()
    folder.mkdir(parents=True)
    try:
        (folder / f"{SHA}.pdf").symlink_to(outside)
    except (OSError, NotImplementedError):
        pytest.skip("this system cannot make symbolic links")
    with pytest.raises(UnsafeAttachmentError, match="leads out of the attachments folder"):
        attachment_path(f"{SHA}.pdf")


def test_an_attachments_folder_that_is_itself_a_link_still_works(db: object, tmp_path: Path) -> None:
    """A user who moved the attachments to another disk and linked the folder back keeps their files."""
    moved = tmp_path / "other-disk"
    moved.mkdir()
    (moved / f"{SHA}.pdf").write_bytes(b"certificate")
    try:
        attachment_folder().symlink_to(moved, target_is_directory=True)
    except (OSError, NotImplementedError):
        pytest.skip("this system cannot make symbolic links")
    assert attachment_path(f"{SHA}.pdf").read_bytes() == b"certificate"


def test_a_file_with_an_odd_extension_is_stored_under_its_digest_alone(db: object, tmp_path: Path) -> None:
    source = tmp_path / "minutes.docx (1)"
    source.write_bytes(b"certificate")
    data = add_attachment(new_activity(), source)
    assert data.stored_name == SHA and data.original_name == "minutes.docx (1)"
    assert attachment_path(data.stored_name, data.sha256).read_bytes() == b"certificate"
    upper = tmp_path / "Scan.PDF"
    upper.write_bytes(b"agenda")
    assert add_attachment(new_activity(), upper).stored_name == f"{OTHER_SHA}.pdf"


@pytest.mark.parametrize("planted", ["absolute", "relative"])
def test_open_refuses_a_planted_name_with_a_message(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch, planted: str) -> None:
    secret = tmp_path / "hostname"
    secret.write_text("a file outside the attachments folder")
    activity_id = new_activity()
    # What an edited JSON import could have stored: a list entry called "certificate.pdf" that is another file
    # (one that exists, so that without the check it would reach the system viewer).
    attachment_folder().mkdir(parents=True)  # so that "../.." from it leads somewhere
    name = str(secret) if planted == "absolute" else os.path.relpath(secret, attachment_folder())
    assert (attachment_folder() / name).resolve() == secret.resolve()
    Attachment.create(activity=activity_id, original_name="certificate.pdf", stored_name=name, sha256=SHA, size=11)
    assert [a.original_name for a in get_activity(activity_id).attachments] == ["certificate.pdf"]
    opened, errors = watch_open_and_errors(monkeypatch)
    dialog = window.open_activity_dialog(activity_id=activity_id)
    dialog.attachment_list.setCurrentRow(0)
    assert dialog.attachment_list.currentItem().text() == "certificate.pdf"
    dialog.open_file_button.click()
    assert opened == []
    assert len(errors) == 1
    assert errors[0].startswith("certificate.pdf could not be opened: ")
    assert "is not one WeThrive made; it was not opened" in errors[0]


def test_open_refuses_a_link_leading_out_of_the_folder(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "certificate.pdf"
    source.write_bytes(b"certificate")
    activity_id = new_activity()
    data = add_attachment(activity_id, source)
    stored = attachment_path(data.stored_name)
    stored.unlink()
    try:
        os.symlink(tmp_path / "secret.txt", stored)
    except (OSError, NotImplementedError):
        pytest.skip("this system cannot make symbolic links")
    opened, errors = watch_open_and_errors(monkeypatch)
    dialog = window.open_activity_dialog(activity_id=activity_id)
    dialog.attachment_list.setCurrentRow(0)
    dialog.open_file_button.click()
    assert opened == []
    assert len(errors) == 1 and "leads out of the attachments folder" in errors[0]


def test_open_hands_a_stored_file_to_the_system_viewer(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The control for the two tests above: the patched openUrl does see what Open opens."""
    source = tmp_path / "certificate.pdf"
    source.write_bytes(b"certificate")
    activity_id = new_activity()
    data = add_attachment(activity_id, source)
    opened, errors = watch_open_and_errors(monkeypatch)
    dialog = window.open_activity_dialog(activity_id=activity_id)
    dialog.attachment_list.setCurrentRow(0)
    dialog.open_file_button.click()
    assert [Path(url.toLocalFile()) for url in opened] == [attachment_path(data.stored_name)]
    assert errors == []
