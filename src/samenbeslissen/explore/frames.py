"""Rows of plain values as pandas DataFrames, when pandas is installed; imports only the errors."""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import Any

from samenbeslissen.errors import OptionalDependencyError

__all__ = ["to_frame"]


def to_frame(rows: Sequence[Mapping[str, Any]]) -> Any:
    """``rows`` as a pandas DataFrame, one column per key.

    Raises:
        OptionalDependencyError: pandas is not installed.
    """
    try:
        pandas = importlib.import_module("pandas")  # optional: loaded only when asked for
    except ImportError:
        raise OptionalDependencyError("missing_extra", package="pandas", extra="pandas") from None
    return pandas.DataFrame(list(rows))
