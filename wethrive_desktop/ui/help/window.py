"""The help window: the topics on the left, the page on the right (a QTextBrowser showing the Markdown files of
resources/help/, following the links between them), non-modal and one per main window (Help menu, F1).

The keyboard-shortcuts page is its file with the `[[shortcuts]]` line replaced by the table of the window's
shortcuts as they are when the page is shown (shortcuts.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wethrive_desktop import APP_NAME
from wethrive_desktop.i18n import tr
from wethrive_desktop.ui.help import SHORTCUTS
from wethrive_desktop.ui.help.topics import TOPICS, Topic, topic, topic_of_file
from wethrive_desktop.ui.widgets.naming import named

SHORTCUTS_MARK = "[[shortcuts]]"
DEFAULT_SIZE = (860, 600)


class HelpBrowser(QTextBrowser):
    """A QTextBrowser that fills the shortcuts page with the table `shortcuts()` writes when it loads it."""

    def __init__(self, shortcuts: Callable[[], str]):
        super().__init__()
        self.shortcuts = shortcuts

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        loaded = super().loadResource(kind, name)
        found = topic_of_file(QUrl(name).path())
        if found is not None and found.slug == SHORTCUTS:
            text = bytes(loaded.data()).decode("utf-8") if isinstance(loaded, QByteArray) else str(loaded)
            return text.replace(SHORTCUTS_MARK, self.shortcuts())
        return loaded


class HelpWindow(QDialog):
    """The help; `show_topic(slug)` brings it up on a topic."""

    def __init__(self, parent: QWidget, shortcuts: Callable[[], str]):
        """`shortcuts()`: the Markdown table of the window's shortcuts, asked each time that page is shown."""
        super().__init__(parent)
        self.setObjectName("helpWindow")
        self.setWindowTitle(tr("{app} Help").format(app=APP_NAME))
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMinMaxButtonsHint, True)

        self.topics = named(QListWidget(), "helpTopics", tr("Help topics"))
        for entry in TOPICS:
            item = QListWidgetItem(entry.shown_title())
            item.setData(Qt.ItemDataRole.UserRole, entry.slug)
            self.topics.addItem(item)
        self.topics.currentRowChanged.connect(self._topic_chosen)
        self.topics.setMinimumWidth(self.topics.sizeHintForColumn(0) + 2 * self.topics.frameWidth() + 8)
        topics_label = QLabel(tr("&Topics"))
        topics_label.setBuddy(self.topics)

        self.browser = named(HelpBrowser(shortcuts), "helpBrowser", tr("Help page"))
        self.browser.setOpenExternalLinks(True)
        self.browser.sourceChanged.connect(self._source_changed)
        self.back_button = named(QPushButton(tr("&Back")), "helpBackButton", tr("Back"))
        self.back_button.setEnabled(False)
        self.back_button.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.forward_button = named(QPushButton(tr("F&orward")), "helpForwardButton", tr("Forward"))
        self.forward_button.setEnabled(False)
        self.forward_button.clicked.connect(self.browser.forward)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(topics_label)
        left_layout.addWidget(self.topics, 1)
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([self.topics.minimumWidth(), DEFAULT_SIZE[0]])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(tr("&Close"))
        close.setAutoDefault(False)
        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addWidget(self.forward_button)
        bar.addStretch(1)
        bar.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bar)
        self._fit(*DEFAULT_SIZE)

    def _fit(self, width: int, height: int) -> None:
        """Open at `width` x `height`, or smaller where the screen is."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry().size() if screen is not None else None
        if available is not None:
            width, height = min(width, available.width()), min(height, available.height())
        self.resize(width, height)

    def show_topic(self, slug: str) -> None:
        """Show the window (raised, not blocking) on the topic `slug`; the shortcuts page is written afresh."""
        wanted = topic(slug)
        if self.current_topic() == wanted:
            self.browser.reload()
        else:
            self.browser.setSource(QUrl.fromLocalFile(str(wanted.path)), QTextDocument.ResourceType.MarkdownResource)
        if self.isVisible() and QGuiApplication.platformName() != "offscreen":
            self.raise_()  # over the main window again (the offscreen platform has no stacking, and warns)
        self.show()
        self.activateWindow()

    def current_topic(self) -> Topic | None:
        return topic_of_file(self.browser.source().path())

    def _topic_chosen(self, row: int) -> None:
        item = self.topics.item(row)
        if item is None:
            return
        slug = item.data(Qt.ItemDataRole.UserRole)
        current = self.current_topic()
        if current is None or current.slug != slug:
            self.browser.setSource(QUrl.fromLocalFile(str(topic(slug).path)),
                                   QTextDocument.ResourceType.MarkdownResource)

    def _source_changed(self, url: QUrl) -> None:
        """A link or Back/Forward went to another page: select its topic in the list."""
        found = topic_of_file(url.path())
        row = TOPICS.index(found) if found is not None else -1
        self.topics.blockSignals(True)
        self.topics.setCurrentRow(row)
        self.topics.blockSignals(False)
