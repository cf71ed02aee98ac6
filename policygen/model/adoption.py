"""Model policies and their adoption: what a model lets an adopter fill in, and what an adopter changes.

A model policy is an ordinary policy of an organisation that says it is a model body; its text
may use ``{param:KEY}`` for what each adopter fills in. A local policy that ``adopts`` it keeps
its own document control and lists only its differences by block id; loading writes the model
out with them (policygen.load.adoption), so nothing after loading knows a policy was adopted
except the statement of which model and version it follows.
"""

from __future__ import annotations

import re

from pydantic import Field, PrivateAttr

from policygen.model.base import Markdown, Slug, Strict
from policygen.model.content import Block

PARAM_RE = re.compile(r"\{param:([a-z0-9]+(?:-[a-z0-9]+)*)\}")

MODEL_POLICY_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$"


class Param(Strict):
    """Something a model's text leaves to each adopter: its complaints team, its response time."""

    description: str = Field(description="What the adopter fills in, for whoever adopts the model.")
    placeholder: str | None = Field(
        default=None,
        description="What the model's own document prints in brackets where the value goes; the key with spaces when not given.",
    )
    default: str | None = Field(default=None, description="The value an adopter gets without setting it.")


class Addition(Strict):
    """Blocks an adopter adds to the model's, after one of the model's blocks."""

    after: Slug = Field(description="The id of the model's block (clause or section) the new blocks follow.")
    blocks: list[Block] = Field(min_length=1)


class AdoptedModel(Strict):
    """What the adopting document says of its model: filled in by loading, never written."""

    title: str
    organisation: str
    version: str | None


class Adoption(Strict):
    """A local policy made from a model policy: the model, the version adopted, and only the differences."""

    policy: str = Field(pattern=MODEL_POLICY_PATTERN, description="The model policy, as organisation/policy: 'model-nhs/complaints'.")
    version: str = Field(description="The model's version adopted: a newer model version is reported as drift.")
    params: dict[Slug, str] = Field(default_factory=dict, description="A value for each {param:KEY} of the model that has no default, or to replace its default.")
    replace: dict[Slug, Markdown] = Field(default_factory=dict, description="Block id → the local text that replaces the model's.")
    remove: dict[Slug, str] = Field(default_factory=dict, description="Block id → why the local policy leaves it out.")
    add: list[Addition] = Field(default_factory=list, description="Local blocks, each group after a model block.")

    _model: AdoptedModel | None = PrivateAttr(default=None)

    @property
    def model(self) -> AdoptedModel | None:
        """The model's title, body and current version, as loading found them."""
        return self._model
