"""A rendered report: its PDF bytes and page count (apart from builder.py, so the GUI can name the type without
loading ReportLab, about 19 MiB, until it renders)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RenderedReport:
    pdf: bytes = field(repr=False)
    pages: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()
