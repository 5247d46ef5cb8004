"""The JSON codec of report snapshots: frozen dataclasses of dates, Decimals, ints, strings and tuples to plain JSON
values and back, and the canonical text a snapshot is stored as."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date
from decimal import Decimal
from typing import Any

from wethrive_desktop.models.rules import HUNDREDTH


def encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Decimal):
        return f"{value.quantize(HUNDREDTH):f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    return value


def decode(kind: Any, value: Any) -> Any:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return None if value is None else decode(options[0], value)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], v) for v in value)
        return tuple(decode(a, v) for a, v in zip(args, value, strict=True))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        names = {f.name for f in dataclasses.fields(kind)}
        return kind(**{k: decode(hints[k], v) for k, v in value.items() if k in names})
    if kind is Decimal:
        return Decimal(value).quantize(HUNDREDTH)
    if kind is date:
        return date.fromisoformat(value)
    if kind in (int, str, bool):
        if not isinstance(value, kind):
            raise ValueError(f"expected {kind.__name__}, found {value!r}")
        return value
    raise TypeError(f"cannot decode {kind!r}")


def canonical_json(payload: Any) -> str:
    """The exact text a snapshot is stored as: sorted keys, compact, UTF-8 (the JSON export writes it back so)."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
