"""Layouts that fit the window they are in, from a 1366x768 laptop down to 800x480 (the same laptop at 150%):
nothing scrolls sideways and nothing is cut; what does not fit side by side goes one under another.

- `Reflow`: widgets (or groups of them) side by side while they fit, stacked when they do not.
- `ColumnFitter`: a table's columns share its width; the stretch column (a title) keeps a fair share and the
  others shrink in proportion, their text elided, instead of the table scrolling sideways.
- `vertical_scroll`: a scroll area for a page or a dialog's form that scrolls down, never sideways.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFrame,
    QHeaderView,
    QLayout,
    QScrollArea,
    QSplitter,
    QStyle,
    QTableView,
    QWidget,
)

_LEFT_TO_RIGHT = QBoxLayout.Direction.LeftToRight
_TOP_TO_BOTTOM = QBoxLayout.Direction.TopToBottom


class Reflow(QWidget):
    """`items` side by side (each with its stretch) while the width holds all their preferred widths; one under
    another when it does not. Its minimum width is the widest item's, so the window can shrink past the row."""

    def __init__(self, items: Sequence[QWidget | QLayout], stretches: Sequence[int] = (), spacing: int = -1,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.box = QBoxLayout(_LEFT_TO_RIGHT, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # our minimum is minimumSizeHint's
        if spacing >= 0:
            self.box.setSpacing(spacing)
        self.items = list(items)
        for index, item in enumerate(self.items):
            stretch = stretches[index] if index < len(stretches) else 0
            if isinstance(item, QLayout):
                self.box.addLayout(item, stretch)
            else:
                self.box.addWidget(item, stretch)

    def _hints(self, minimum: bool) -> list[QSize]:
        hints = []
        for item in self.items:
            if isinstance(item, QWidget) and item.isHidden():
                continue
            if isinstance(item, QLayout):
                hints.append(item.minimumSize() if minimum else item.sizeHint())
            else:
                hint = item.minimumSizeHint() if minimum else item.sizeHint()
                hints.append(hint.expandedTo(item.minimumSize()))
        return hints

    def wide_width(self) -> int:
        """The width the items take side by side at their preferred widths."""
        hints = self._hints(minimum=False)
        return sum(h.width() for h in hints) + max(self.box.spacing(), 0) * max(len(hints) - 1, 0)

    def is_stacked(self) -> bool:
        return self.box.direction() == _TOP_TO_BOTTOM

    def minimumSizeHint(self) -> QSize:
        hints = self._hints(minimum=True)
        if not hints:
            return QSize(0, 0)
        width = max(h.width() for h in hints)
        if self.is_stacked():
            height = sum(h.height() for h in hints) + max(self.box.spacing(), 0) * (len(hints) - 1)
        else:
            height = max(h.height() for h in hints)
        return QSize(width, height)

    def sizeHint(self) -> QSize:
        return self.box.sizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(event.size().width())
        super().resizeEvent(event)

    def _arrange(self, width: int) -> None:
        direction = _LEFT_TO_RIGHT if width >= self.wide_width() else _TOP_TO_BOTTOM
        if self.box.direction() != direction:
            self.box.setDirection(direction)
            self.updateGeometry()


class StackingSplitter(QSplitter):
    """A splitter whose panels stand side by side when the width allows `wide_width`, one above the other when it
    does not (in a vertical scroll area, the page then scrolls down); `stacked` tells which, when it changes."""

    stacked = Signal(bool)

    def __init__(self, wide_width: int, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.wide_width = wide_width
        self.setChildrenCollapsible(False)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.arrange(event.size().width())

    def arrange(self, width: int) -> None:
        orientation = Qt.Orientation.Horizontal if width >= self.wide_width else Qt.Orientation.Vertical
        if self.orientation() != orientation:
            self.setOrientation(orientation)
            self.stacked.emit(orientation == Qt.Orientation.Vertical)
            self.updateGeometry()

    def _least_height(self, panel: QWidget, width: int) -> int:
        layout = panel.layout()
        if layout is not None and layout.hasHeightForWidth():
            return layout.totalMinimumHeightForWidth(width)
        return panel.minimumSizeHint().expandedTo(panel.minimumSize()).height()

    def hasHeightForWidth(self) -> bool:
        return True  # a panel with wrapping text needs more height when narrower

    def panels(self) -> list[QWidget]:
        """The panels shown."""
        found = [self.widget(i) for i in range(self.count())]
        return [p for p in found if p is not None and not p.isHidden()]

    def heightForWidth(self, width: int) -> int:
        """The least height at `width`: stacked, every panel's (at that width) one above the other; side by side,
        the tallest panel's at its own width."""
        panels = self.panels()
        if not panels:
            return 0
        if self.orientation() == Qt.Orientation.Vertical:
            return sum(self._least_height(p, width) for p in panels) + self.handleWidth() * (len(panels) - 1)
        return max(self._least_height(p, p.width() or width // len(panels)) for p in panels)

    def minimumSizeHint(self) -> QSize:
        """Stacked, the widest panel's minimum width is enough; side by side, the splitter stacks before that."""
        hints = [p.minimumSizeHint().expandedTo(p.minimumSize()) for p in self.panels()]
        if not hints:
            return super().minimumSizeHint()
        if self.orientation() == Qt.Orientation.Vertical:
            return QSize(max(h.width() for h in hints), sum(h.height() for h in hints) + self.handleWidth())
        return QSize(max(h.width() for h in hints), max(h.height() for h in hints))


class VerticalScrollArea(QScrollArea):
    """A frameless scroll area whose content is as wide as the area (so it must reflow to fit it) and as tall as
    the area or its minimum height for that width, whichever is more: it scrolls down only when the area is
    shorter than the content's minimum, and never sideways.

    (QScrollArea's own widgetResizable gives content with wrapping text its preferred height instead, so a page
    with a word-wrapped label scrolled at sizes where everything fitted.)"""

    def __init__(self, content: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.content = content
        self.setWidget(content)
        self.setWidgetResizable(False)
        content.installEventFilter(self)
        self._fitting = False

    def minimum_height(self, width: int) -> int:
        """The content's least height at `width`."""
        content = self.content
        layout = content.layout()
        if layout is None:
            return content.minimumSizeHint().height()
        if layout.hasHeightForWidth():
            return layout.totalMinimumHeightForWidth(width)
        return layout.totalMinimumSize().height()

    def fit_content(self) -> None:
        content = self.content
        if self._fitting:
            return
        self._fitting = True
        try:
            width = self.viewport().width()
            content.resize(width, max(self.viewport().height(), self.minimum_height(width)))
        finally:
            self._fitting = False

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit_content()
        return super().viewportEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.content and event.type() == QEvent.Type.LayoutRequest:
            self.fit_content()  # the content's minimum may have changed (a message shown, panels stacked)
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:
        hint = self.content.sizeHint()
        return QSize(hint.width() + self.verticalScrollBar().sizeHint().width(), hint.height())


def vertical_scroll(content: QWidget, name: str = "") -> VerticalScrollArea:
    """`content` in a `VerticalScrollArea`: it scrolls down when the height is short, never sideways."""
    area = VerticalScrollArea(content)
    if name:
        area.setObjectName(name)
    return area


class ColumnFitter(QObject):
    """Shares a table's width among its columns. Every column but `stretch` has a preferred width (the width given,
    the one the user dragged it to, or with `preferred=None` what its contents need) and a minimum (what its header
    needs); while the preferred widths leave the stretch column `share` of the width, they keep them, else each
    gives up the same part of what it has above its minimum, and its text is elided. The stretch column takes the
    rest, so the table does not scroll sideways for them."""

    def __init__(self, view: QTableView, stretch: int, preferred: dict[int, int] | None = None, *,
                 share: float = 0.35, minimum: int = 40, minimums: dict[int, int] | None = None):
        super().__init__(view)
        self.view = view
        self.stretch = stretch
        self.share = share
        self.minimum = minimum
        self.minimums = dict(minimums or {})  # columns that need more than their header (a date, say)
        self.from_contents = preferred is None
        self.preferred: dict[int, int] = dict(preferred or {})
        self._fitting = False
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(min(header.minimumSectionSize(), minimum))
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._set_modes()
        header.sectionResized.connect(self._resized)
        view.viewport().installEventFilter(self)
        model = view.model()
        if model is not None and self.from_contents:
            for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.dataChanged):
                signal.connect(self.refit)
        self.refit()

    def _set_modes(self) -> None:
        header = self.view.horizontalHeader()
        for column in range(header.count()):
            mode = (QHeaderView.ResizeMode.Stretch if column == self.stretch
                    else QHeaderView.ResizeMode.Interactive)
            if header.sectionResizeMode(column) != mode:
                header.setSectionResizeMode(column, mode)

    def refit(self, *_args: object) -> None:
        """Take the columns' preferred widths again (from their contents, when they follow them) and fit."""
        if self.from_contents:
            self._set_modes()
            header = self.view.horizontalHeader()
            self.preferred = {c: max(self.view.sizeHintForColumn(c), header.sectionSizeHint(c))
                              for c in range(header.count()) if c != self.stretch}
        self.fit()

    def take_current_widths(self) -> None:
        """The columns' widths as they are now become their preferred ones (after restoring a saved header)."""
        header = self.view.horizontalHeader()
        self.preferred.update({c: header.sectionSize(c) for c in self.preferred if header.sectionSize(c) > 0})
        self._set_modes()  # a header saved by an older version may have other modes
        self.fit()

    def use_widths(self, widths: dict[int, int]) -> None:
        """Take `widths` (column -> width, as `preferred` held them when saved) as the preferred widths and fit:
        a width the user dragged on a wide window survives a session closed on a narrow one."""
        self.preferred.update({c: w for c, w in widths.items() if c in self.preferred and w > 0})
        self.fit()

    def fit(self) -> None:
        header = self.view.horizontalHeader()
        available = self.view.viewport().width()
        if available <= 0:
            return
        preferred = {c: w for c, w in self.preferred.items() if c < header.count() and not header.isSectionHidden(c)}
        least = {c: min(w, max(self.minimum, self._header_width(c), self.minimums.get(c, 0)))
                 for c, w in preferred.items()}
        room = available - int(available * self.share)
        spare = sum(preferred.values()) - sum(least.values())
        # The part of each column's width above its minimum that it keeps: all of it while everything fits.
        keep = 1.0 if spare <= 0 else min(1.0, max(0.0, (room - sum(least.values())) / spare))
        self._fitting = True
        try:
            for column, width in preferred.items():
                wanted = least[column] + int((width - least[column]) * keep)
                if header.sectionSize(column) != wanted:
                    header.resizeSection(column, wanted)
        finally:
            self._fitting = False

    def _header_width(self, column: int) -> int:
        """What a column's header text needs (without room for the sort arrow, which only the sorted column shows:
        Qt's own size hint keeps that room in every header)."""
        header = self.view.horizontalHeader()
        model = self.view.model()
        text = str(model.headerData(column, Qt.Orientation.Horizontal) or "") if model is not None else ""
        if not text:
            return 0
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        return header.fontMetrics().horizontalAdvance(text) + 2 * margin + 4

    def _resized(self, column: int, _old: int, new: int) -> None:
        if not self._fitting and column != self.stretch and column in self.preferred and new > 0:
            self.preferred[column] = new  # the user dragged it: keep it

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
