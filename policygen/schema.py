"""JSON Schema for editors, generated from the models into schema/.

Editors (VS Code with the YAML extension, JetBrains) read the
``# yaml-language-server: $schema=…`` line of each YAML file and validate and
autocomplete against these files, so they must never drift from the models:
``policygen schema --check`` (and a test) fails when they do.
"""

from __future__ import annotations

import json
from pathlib import Path

from policygen.model import Organisation, Policy, Vocabulary

SCHEMAS = {
    "organisation.schema.json": Organisation,
    "policy.schema.json": Policy,
    "vocabulary.schema.json": Vocabulary,
}


def schema_files() -> dict[str, bytes]:
    out = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema()
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
        out[name] = (json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    return out


def stale_schemas(schema_dir: Path) -> list[str]:
    """Names of schema files that are missing or differ from the models."""
    return [
        name for name, data in schema_files().items()
        if not (schema_dir / name).is_file() or (schema_dir / name).read_bytes() != data
    ]
