"""Diff: compare two versions of a policy by stable id, for summaries and redlines."""

from policygen.diff.changes import Change, FieldChange, PolicyDiff, diff_views

__all__ = ["Change", "FieldChange", "PolicyDiff", "diff_views"]
