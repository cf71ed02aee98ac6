"""JSON Schema for editors, generated from the models into schema/.

Editors (VS Code with the YAML extension, JetBrains) read the
``# yaml-language-server: $schema=…`` line of each YAML file and validate and
autocomplete against these files, so they must never drift from the models:
``policygen schema --check`` (and a test) fails when they do.

The models say where a value is a key of a register kept in the data (topic
ids, kinds, role keys); the project's registers fill those places in, so the schema
also changes when vocabulary/topics.yaml or an organisation's ``roles`` do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policygen.model import Organisation, Policy, Vocabulary
from policygen.model.base import REGISTER_MARK, SLUG_PATTERN

SCHEMAS = {
    "organisation.schema.json": Organisation,
    "policy.schema.json": Policy,
    "vocabulary.schema.json": Vocabulary,
}


@dataclass(frozen=True)
class Registers:
    """What the project's registers hold: (id, label, description) of each topic and each kind, and every role key."""

    topics: tuple[tuple[str, str, str | None], ...] = ()
    roles: tuple[str, ...] = ()
    kinds: tuple[tuple[str, str, str | None], ...] = ()

    def definitions(self) -> dict[str, dict[str, Any]]:
        """The JSON Schema of a key of each register, by the name the models mark it with."""
        # policygen validate rejects any other topic or kind, so the editor may too. Every topic is
        # offered whatever the policy's kind: validation says which kind a topic belongs to.
        topic = _enum("A topic id from vocabulary/topics.yaml.", self.topics)
        kind = _enum("A kind of policy from vocabulary/topics.yaml.", self.kinds)
        role: dict[str, Any] = {
            "type": "string",
            "pattern": SLUG_PATTERN,
            "description": (
                "A key of the organisation's role register (organisation.yaml, roles). "
                "The suggestions are every organisation's keys; the file's own organisation decides."
            ),
        }
        if self.roles:
            # Suggestions only: the schema is shared, and one organisation's key is another's typo.
            role["examples"] = list(self.roles)
        return {"TopicId": topic, "KindId": kind, "RoleKey": role}


def _enum(description: str, entries: tuple[tuple[str, str, str | None], ...]) -> dict[str, Any]:
    """A register's ids as an enum with their labels for the editor, or any slug when it is empty."""
    out: dict[str, Any] = {"type": "string", "description": description}
    if entries:
        out["enum"] = [eid for eid, _, _ in entries]
        out["enumDescriptions"] = [f"{label}: {text}" if text else label for _, label, text in entries]
    else:
        out["pattern"] = SLUG_PATTERN
    return out


def _link_registers(node: Any, used: set[str]) -> Any:
    """Replace each value the models mark as a register key by a reference to that register's definition."""
    if isinstance(node, dict):
        if REGISTER_MARK in node:
            used.add(node[REGISTER_MARK])
            return {"$ref": f"#/$defs/{node[REGISTER_MARK]}"}
        return {k: _link_registers(v, used) for k, v in node.items()}
    if isinstance(node, list):
        return [_link_registers(v, used) for v in node]
    return node


def schema_files(registers: Registers) -> dict[str, bytes]:
    definitions = registers.definitions()
    out = {}
    for name, model in SCHEMAS.items():
        used: set[str] = set()
        schema = _link_registers(model.model_json_schema(), used)
        if used:
            schema.setdefault("$defs", {}).update({r: definitions[r] for r in used})
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
        out[name] = (json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    return out


def stale_schemas(schema_dir: Path, registers: Registers) -> list[str]:
    """Names of schema files that are missing or differ from the models and registers."""
    return [
        name for name, data in schema_files(registers).items()
        if not (schema_dir / name).is_file() or (schema_dir / name).read_bytes() != data
    ]
