"""policygen schema: regenerate (or check) the JSON Schema editors use."""

from __future__ import annotations

import sys

from policygen.commands import EXIT_OK, EXIT_PROBLEMS


def add_parser(sub) -> None:
    p = sub.add_parser("schema", help="write the JSON Schema for editors into schema/")
    p.add_argument("--check", action="store_true", help="only report whether schema/ is up to date")


def run(args, project) -> int:
    from policygen.commands.report import report
    from policygen.load.registers import project_registers
    from policygen.model.schema import schema_files, stale_schemas
    from policygen.write import write_if_changed

    # The topic ids and role keys the schema offers come from the data: a file that does not
    # load would leave its keys out, so nothing is written or judged until it does.
    registers, problems = project_registers(project)
    if problems:
        return report(problems, strict=False)
    stale = stale_schemas(project.schema_dir, registers)
    if args.check:
        for name in stale:
            print(f"schema/{name}: out of date with the models or the vocabulary and role registers; run `policygen schema`", file=sys.stderr)
        return EXIT_PROBLEMS if stale else EXIT_OK
    for name, data in schema_files(registers).items():
        if write_if_changed(project.schema_dir / name, data):
            print(f"wrote schema/{name}")
    return EXIT_OK
