"""What the Reflections and the Summary tab share: the text field with its word count and prompt, and the autosave
delay (text typed is stored within about a second of the last key, and at once when focus leaves the field)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from wethrive_desktop.i18n import tr, trn
from wethrive_desktop.models.reflections import enough_words, word_count
from wethrive_desktop.ui.report.style import MUTED_COLOR, OK_COLOR, TODO_COLOR, bold_label
from wethrive_desktop.ui.widgets.naming import named

COMMIT_DELAY_MS = 900  # save typed text after this pause in typing
MIN_EDIT_LINES = 4  # a field keeps room for this many lines: where the page is short, its tab scrolls instead


class ReflectionField(QWidget):
    """A label (`title`, translated, with its access key), a word count and a prompt above a plain-text edit."""

    edited = Signal()

    def __init__(self, title: str, prompt: str, name: str, min_words: int = 0):
        super().__init__()
        self.min_words = min_words
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        head = QHBoxLayout()
        label = bold_label(title)
        head.addWidget(label)
        head.addStretch(1)
        self.count = named(QLabel(), f"{name}WordCount")
        head.addWidget(self.count)
        layout.addLayout(head)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.prompt.setStyleSheet(f"color: {MUTED_COLOR};")
        layout.addWidget(self.prompt)
        self.edit = named(QPlainTextEdit(), name)
        self.edit.setAccessibleName(title.replace("&", ""))
        self.edit.setPlaceholderText(prompt)
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(MIN_EDIT_LINES * self.edit.fontMetrics().lineSpacing()
                                   + 2 * self.edit.frameWidth() + 8)
        label.setBuddy(self.edit)
        layout.addWidget(self.edit, 1)
        self.edit.textChanged.connect(self._changed)
        self._loading = False
        self.update_count()

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        """Replace the text (from the store) without counting it as an edit; keeps the caret where possible."""
        if self.text().strip() == text.strip():
            return
        self._loading = True
        try:
            cursor = self.edit.textCursor()
            position = cursor.position()
            self.edit.setPlainText(text)
            cursor = self.edit.textCursor()
            cursor.setPosition(min(position, len(text)))
            self.edit.setTextCursor(cursor)
        finally:
            self._loading = False
        self.update_count()

    def _changed(self) -> None:
        self.update_count()
        if not self._loading:
            self.edited.emit()

    def update_count(self) -> None:
        words = word_count(self.text())
        if self.min_words:
            color = OK_COLOR if enough_words(words, self.min_words) else TODO_COLOR
            text = tr("{words} / {minimum} words").format(words=words, minimum=self.min_words)
        else:
            color, text = MUTED_COLOR, trn("%n word", "%n words", words)
        self.count.setText(f"<span style='color:{color}'>{text}</span>")
