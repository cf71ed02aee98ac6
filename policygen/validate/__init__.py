"""Validate: checks beyond types, across fields and files."""

from policygen.validate.checks import check_organisation, check_policy
from policygen.validate.lints import lint_policy

__all__ = ["check_organisation", "check_policy", "lint_policy"]
