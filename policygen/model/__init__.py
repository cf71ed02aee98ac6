"""Pydantic models of the YAML files: what a policy *is*, never how it looks."""

from policygen.model.organisation import Organisation
from policygen.model.policy import Policy
from policygen.model.vocabulary import Vocabulary

__all__ = ["Organisation", "Policy", "Vocabulary"]
