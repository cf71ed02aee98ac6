"""Number formats of the organisations' numbering schemes."""

from __future__ import annotations

from policygen.model.organisation import Numbering

MAX_NUMBERED_DEPTH = 3


def reference_number(scheme: Numbering, path: tuple[int, ...]) -> str | None:
    """The number as text cites it: '5', '5.1', or '3.0' in the "1.0" scheme."""
    if scheme is Numbering.none or not path or len(path) > MAX_NUMBERED_DEPTH:
        return None
    if len(path) == 1 and scheme is Numbering.zero:
        return f"{path[0]}.0"
    return ".".join(map(str, path))


def label(scheme: Numbering, path: tuple[int, ...]) -> str | None:
    """The number as printed before a heading or clause: '5.' in the "1." scheme."""
    number = reference_number(scheme, path)
    if number and len(path) == 1 and scheme is Numbering.dotted:
        return number + "."
    return number
