"""The domain values as plain JSON types: the one encoder records and events share."""

from __future__ import annotations

import enum
import functools
from typing import TYPE_CHECKING, Any

from samenbeslissen.i18n import Labelled

if TYPE_CHECKING:
    from cattrs import Converter

__all__ = ["to_json_types"]


@functools.cache
def _converter() -> Converter:
    # cattrs compiles one unstructuring function per attrs class, on first
    # use: about 4x quicker than walking the fields generically, for every
    # event of every record saved. Imported when first needed (it takes
    # some 15 ms), so that commands that never write a record start quicker.
    from cattrs.preconf.json import make_converter

    converter = make_converter()
    # Our enums are also str, so cattrs would pass the member on; JSON types want its value.
    converter.register_unstructure_hook(Labelled, _value)
    return converter


def _value(member: enum.Enum) -> Any:
    return member.value


def to_json_types(value: Any) -> Any:
    """``value`` as plain JSON types: attrs classes as objects, enums as their value,
    dates and times as ISO 8601, tuples as lists.

    >>> import samenbeslissen as sb
    >>> to_json_types(sb.Option(key="a", title="Thuiszorg", pros=("Vast",)))["pros"]
    ['Vast']
    """
    return _converter().unstructure(value)
