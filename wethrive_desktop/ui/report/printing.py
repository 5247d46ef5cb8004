"""Printing the report: the print dialog, then the PDF shown in the preview sent to the printer one page per turn
of the event loop, so the window stays responsive while a long report prints."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from wethrive_desktop.i18n import tr, trn
from wethrive_desktop.ui import prompts


def ask_printer(parent: QWidget) -> QPrinter | None:
    """A printer set up by the user in the print dialog, or None when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("Print the annual report"))
    return printer if prompts.run_modal(dialog) else None


def start_printing(parent: QWidget, document: QPdfDocument, show_message: Callable[[str], None]) -> PrintJob | None:
    """Ask for a printer (`ask_printer`), then start printing the pages of `document` it asks for; the job, or None
    when the user cancelled, the document is empty or the printer could not be started (the user is told)."""
    printer = ask_printer(parent)  # looked up when called, so tests can patch it
    if printer is None:
        return None
    pages = document.pageCount()
    if pages <= 0:
        return None
    first, last = 1, pages
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = max(1, printer.fromPage()), min(pages, printer.toPage() or pages)
    job = PrintJob(document, printer, first, last, show_message)
    if not job.start():
        prompts.show_error(parent, tr("Print"), tr("The printer could not be started."))
        return None
    return job


class PrintJob(QObject):
    """Pages `first`..`last` (from 1) of `document` sent to `printer`, one a turn of the event loop, with the
    progress in the status bar (`show_message`); `printed` says how many pages once the last one is sent.
    The job holds the printer and its painter: keep it until `printed` (one job at a time per printer)."""

    printed = Signal(int)  # pages printed

    def __init__(self, document: QPdfDocument, printer: QPrinter, first: int, last: int,
                 show_message: Callable[[str], None]):
        super().__init__()
        self.document, self.printer = document, printer
        self.page, self.last = first, last
        self.count = 0
        self.painter = QPainter()
        self._show_message = show_message

    def start(self) -> bool:
        """Begin printing (the first page on the next turn of the event loop); False if the printer failed."""
        if not self.painter.begin(self.printer):
            return False
        QTimer.singleShot(0, self._print_next_page)
        return True

    def _print_next_page(self) -> None:
        printer, painter = self.printer, self.painter
        index = self.page - 1
        target: QRect = painter.viewport()
        size = self.document.pagePointSize(index)
        dpi = min(printer.resolution(), 300)
        image = self.document.render(index, QSize(int(size.width() / 72 * dpi), int(size.height() / 72 * dpi)))
        scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
        painter.drawImage(QRect(target.x(), target.y(), scaled.width(), scaled.height()), image)
        self.count += 1
        self._show_message(tr("Printing page {page} of {last}\u2026").format(page=self.page, last=self.last))
        if self.page < self.last:
            printer.newPage()
            self.page += 1
            QTimer.singleShot(0, self._print_next_page)
            return
        painter.end()
        self._show_message(trn("Sent %n page to the printer", "Sent %n pages to the printer", self.count))
        self.printed.emit(self.count)
