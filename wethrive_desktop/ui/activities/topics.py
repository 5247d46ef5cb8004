"""The activity dialog's topic tags (issue 14, item 4): a line of topics separated by ';' or ',', completed from
the built-in topics and the ones the member already used, and, under it, the topics the title, type, description
and provider suggest (models.topics.suggest_topics) with an Add button: a suggestion is never added silently.

The built-in topics show by their (translated) names and are stored by their keys ("Ethics" -> "ethics"); a topic
of the member's own is stored lower-cased, as typed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from wethrive_desktop.i18n import tr
from wethrive_desktop.models.topics import BUILTIN_TOPICS, clean_topics, normalize_topic, suggest_topics, topic_label
from wethrive_desktop.ui.widgets.naming import named

SEPARATORS = ";,"
SHOWN_SEPARATOR = "; "


def _last_cut(text: str) -> int:
    """Where the topic being typed starts: after the last separator (0 when there is none)."""
    return max(text.rfind(s) for s in SEPARATORS) + 1


class TopicCompleter(QCompleter):
    """Completes the topic being typed (after the last ';' or ','), keeping the ones before it."""

    def __init__(self, words: Sequence[str], parent: QObject | None = None):
        super().__init__(list(words), parent)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)

    def splitPath(self, path: str) -> list[str]:
        return [path[_last_cut(path):].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        cut = _last_cut(text)
        head = text[:cut].rstrip()
        return (head + " " if head else "") + str(index.data())


class OneLineFirst(QLabel):
    """A word-wrapped label that asks for the width of its text on one line: beside a button, it stays on one line
    while the row has room for that, and wraps only when it has not (a wrapped QLabel asks for a width of its own
    choosing, so "Suggested: Ethics, Law" broke onto two lines beside free space)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        width = (self.fontMetrics().horizontalAdvance(self.text()) + 2 * self.margin() + margins.left()
                 + margins.right() + 1)
        return QSize(width, self.heightForWidth(width))


def builtin_names() -> str:
    """The built-in topics by their names: "Ethics, Law, Equity, Sustainability and resilience"."""
    return ", ".join(topic_label(key) for key in BUILTIN_TOPICS)


def topic_keys() -> dict[str, str]:
    """The key of each built-in topic by its name as shown (and by its key): "ethics" -> "ethics"."""
    keys = {key: key for key in BUILTIN_TOPICS}
    keys.update({normalize_topic(topic_label(key)): key for key in BUILTIN_TOPICS})
    return keys


def parse_shown(text: str, keys: dict[str, str] | None = None) -> tuple[str, ...]:
    """The topics typed (';' or ',' between them), the built-in ones by their keys."""
    keys = keys if keys is not None else topic_keys()
    for separator in SEPARATORS[1:]:
        text = text.replace(separator, SEPARATORS[0])
    found = (normalize_topic(part) for part in text.split(SEPARATORS[0]))
    return clean_topics(keys.get(t, t) for t in found)


def shown_text(topics: Iterable[str]) -> str:
    """The topics as the field shows them: "Ethics; Law; zoning"."""
    return SHOWN_SEPARATOR.join(topic_label(t) for t in clean_topics(topics))


class TopicsField(QWidget):
    """The topics line, with the suggestions under it (shown only when there are some not yet in the line)."""

    changed = Signal()

    def __init__(self, used: Iterable[str] = (), parent: QWidget | None = None):
        super().__init__(parent)
        self._keys = topic_keys()
        self._suggested: tuple[str, ...] = ()
        self.edit = named(QLineEdit(), "topicsEdit", tr("Topics"))
        self.edit.setPlaceholderText(tr("e.g. Ethics; Law (separate topics with ; or ,)"))
        self.edit.setToolTip(tr("Topic tags: the ones other requirements ask for ({topics}) or your own").format(
            topics=builtin_names()))
        words = [topic_label(key) for key in BUILTIN_TOPICS]
        words += sorted(set(clean_topics(used)) - set(BUILTIN_TOPICS))
        self.completer = TopicCompleter(words, self)
        self.edit.setCompleter(self.completer)
        # Qt connects a line edit to its completer only while the line has the focus: take a chosen topic always.
        self.completer.activated.connect(self.edit.setText)  # the text overload

        self.suggestion = named(OneLineFirst(), "topicSuggestion")
        self.add_button = named(QPushButton(tr("Add")), "addSuggestedTopicsButton", tr("Add the suggested topics"))
        self.add_button.setToolTip(tr("Add the suggested topics to this activity"))
        self.add_button.setAutoDefault(False)
        self.suggestion_row = QWidget()
        row = QHBoxLayout(self.suggestion_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.suggestion)
        row.addWidget(self.add_button)
        row.addStretch(1)
        self.suggestion_row.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.suggestion_row)
        self.edit.textChanged.connect(self._text_changed)
        self.add_button.clicked.connect(self.add_suggested)

    def topics(self) -> tuple[str, ...]:
        return parse_shown(self.edit.text(), self._keys)

    def set_topics(self, topics: Iterable[str]) -> None:
        self.edit.setText(shown_text(topics))

    def suggest(self, title: str, type_: str, description: str, provider: str) -> None:
        """Offer the topics these words suggest that the line does not have yet."""
        self._suggested = suggest_topics(title, type_, description, provider)
        self._show_suggestions()

    def pending(self) -> tuple[str, ...]:
        """The suggested topics not in the line."""
        have = set(self.topics())
        return tuple(t for t in self._suggested if t not in have)

    def add_suggested(self) -> None:
        pending = self.pending()
        if pending:
            self.set_topics(self.topics() + pending)
            self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _text_changed(self, _text: str) -> None:
        self._show_suggestions()
        self.changed.emit()

    def _show_suggestions(self) -> None:
        pending = self.pending()
        if pending:
            self.suggestion.setText(tr("Suggested: {topics}").format(topics=", ".join(map(topic_label, pending))))
            self.add_button.setToolTip(tr("Add {topics} to this activity's topics").format(
                topics=", ".join(map(topic_label, pending))))
        self.suggestion_row.setVisible(bool(pending))
