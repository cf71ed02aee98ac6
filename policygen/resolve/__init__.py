"""Resolve: numbering, contents, cross-references and formatted values → one view model.

Every renderer reads the DocumentView built here and nothing else, so the
formats cannot disagree about a number, a date or a title.
"""

from policygen.resolve.view import DocumentView, build_view

__all__ = ["DocumentView", "build_view"]
