"""policygen schema: regenerate (or check) the JSON Schema editors use."""

from __future__ import annotations

import sys

from policygen.commands import EXIT_OK, EXIT_PROBLEMS


def register(sub) -> None:
    p = sub.add_parser("schema", help="write the JSON Schema for editors into schema/")
    p.add_argument("--check", action="store_true", help="only report whether schema/ is up to date")


def run(args, project) -> int:
    from policygen.schema import schema_files, stale_schemas
    from policygen.write import write_if_changed

    stale = stale_schemas(project.schema_dir)
    if args.check:
        for name in stale:
            print(f"schema/{name}: out of date with the models; run `policygen schema`", file=sys.stderr)
        return EXIT_PROBLEMS if stale else EXIT_OK
    for name, data in schema_files().items():
        if write_if_changed(project.schema_dir / name, data):
            print(f"wrote schema/{name}")
    return EXIT_OK
