"""Typed records back from their stored JSON: reports and cross-article clusters.

The store keeps each report as `claimtrace.export.report_to_dict` data and each cluster as
`claimtrace.crossref.cluster_to_dict` data. `from_data` rebuilds the frozen dataclasses from
their type hints (nested records, tuples, optional fields, enums, ISO dates), so the records
round-trip without a hand-written reader per class. Keys a record does not know are ignored
and missing fields take their defaults, so older stored reports still load.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Callable
from enum import Enum
from functools import cache
from typing import Any, TypeVar, Union

from ..crossref.records import Cluster, DuplicateGroup
from ..errors import StoreError
from ..model import Report

T = TypeVar("T")
Convert = Callable[[Any], Any]


def report_from_dict(data: dict[str, Any]) -> Report:
    """A Report from its stored JSON dict."""
    return from_data(Report, data)


def cluster_from_dict(data: dict[str, Any]) -> Cluster:
    """A Cluster from its stored JSON dict."""
    return from_data(Cluster, data)


def duplicate_group_from_dict(data: dict[str, Any]) -> DuplicateGroup:
    """A DuplicateGroup from its stored JSON dict."""
    return from_data(DuplicateGroup, data)


def from_data(cls: type[T], data: Any) -> T:
    """A dataclass instance of `cls` from plain data; CT400 when the data do not fit."""
    try:
        built: T = _converter(typing.cast(Any, cls))(data)
    except (KeyError, TypeError, ValueError) as error:
        raise StoreError(
            f"stored {cls.__name__} cannot be read: {type(error).__name__}: {error}"
        ) from None
    return built


@cache
def _converter(kind: Any) -> Convert:
    """A function turning plain data into the type `kind`, built once per type."""
    origin = typing.get_origin(kind)
    if origin in (Union, types.UnionType):
        return _union(typing.get_args(kind))
    if origin is tuple:
        return _tuple(typing.get_args(kind))
    if origin is dict:
        value = _converter(typing.get_args(kind)[1])
        return lambda data: {str(key): value(item) for key, item in dict(data).items()}
    if origin is list:
        item_kind = _converter(typing.get_args(kind)[0])
        return lambda data: [item_kind(item) for item in data]
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        return _record(kind)
    return _plain(kind)


def _record(cls: type) -> Convert:
    hints = typing.get_type_hints(cls)
    fields = [(field.name, _converter(hints[field.name])) for field in dataclasses.fields(cls)]

    def convert(data: Any) -> Any:
        if not isinstance(data, dict):
            raise TypeError(f"{cls.__name__} needs an object, not {type(data).__name__}")
        return cls(**{name: value(data[name]) for name, value in fields if name in data})

    return convert


def _union(options: tuple[Any, ...]) -> Convert:
    chosen = [option for option in options if option is not type(None)]
    if len(chosen) != 1:
        raise TypeError(f"cannot choose between {chosen}")
    inner = _converter(chosen[0])
    optional = len(options) > 1
    return lambda data: None if data is None and optional else inner(data)


def _tuple(args: tuple[Any, ...]) -> Convert:
    if len(args) == 2 and args[1] is Ellipsis:
        item = _converter(args[0])
        return lambda data: tuple(item(value) for value in data)
    kinds = [_converter(kind) for kind in args]
    return lambda data: tuple(kind(value) for kind, value in zip(kinds, data, strict=True))


def _plain(kind: Any) -> Convert:
    if kind is Any:
        return _same
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind
    if kind is dt.date:
        return lambda data: dt.date.fromisoformat(str(data)[:10])
    if kind is float:
        return float
    if kind in (str, int, bool):
        return _checked(kind)
    raise TypeError(f"no reader for {kind!r}")


def _same(data: Any) -> Any:
    return data


def _checked(kind: type) -> Convert:
    def convert(data: Any) -> Any:
        if not isinstance(data, kind):
            raise TypeError(f"expected {kind.__name__}, got {type(data).__name__}")
        return data

    return convert
