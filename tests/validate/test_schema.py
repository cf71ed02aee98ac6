"""The JSON Schema in schema/ matches the models, every YAML file points at it, and it works in an editor."""

import json
import re
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT
from policygen.cli import main
from policygen.load.source import read_source
from policygen.model import Organisation, Policy, Vocabulary
from policygen.project import Project
from policygen.load.registers import project_registers
from policygen.model.schema import schema_files, stale_schemas


def test_committed_schema_is_up_to_date():
    registers, problems = project_registers(Project(ROOT))
    assert problems == []
    assert stale_schemas(ROOT / "schema", registers) == [], "run `policygen schema` and commit schema/"


def test_check_fails_when_schema_is_out_of_date(tmp_path, capsys):
    (tmp_path / "schema").mkdir()
    for name, data in schema_files(project_registers(Project(tmp_path))[0]).items():
        (tmp_path / "schema" / name).write_bytes(data)
    assert main(["--root", str(tmp_path), "schema", "--check"]) == 0
    (tmp_path / "schema" / "policy.schema.json").write_text("{}")
    assert main(["--root", str(tmp_path), "schema", "--check"]) == 1
    assert "policy.schema.json: out of date" in capsys.readouterr().err


YAML_FILES = sorted((ROOT / "organisations").glob("*/*.yaml")) + [ROOT / "vocabulary" / "topics.yaml"]


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_yaml_points_editors_at_the_schema(path: Path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    target = (path.parent / first[len(prefix):]).resolve()
    expected = {"organisation.yaml": "organisation.schema.json", "topics.yaml": "vocabulary.schema.json"}.get(path.name, "policy.schema.json")
    assert target == (ROOT / "schema" / expected).resolve()


# --- The schema as an editor uses it: validated with jsonschema (Draft 2020-12) ---------------


def _schema_for(root: Path, path: Path) -> Draft202012Validator:
    """The validator an editor uses for ``path``: the schema its first line names."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    schema_path = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert schema_path.is_relative_to(root.resolve())
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _editor_errors(root: Path, path: Path) -> list[str]:
    """What an editor's YAML language server reports: YAML 1.2, dates as the text written."""
    data = read_source(path, path.name).data
    errors = _schema_for(root, path).iter_errors(data)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.validator}: {e.message[:300]}" for e in errors]


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_shipped_file_is_valid_against_its_schema(path: Path):
    assert _editor_errors(ROOT, path) == []


SCRATCH_ORG = """\
# yaml-language-server: $schema=../../schema/organisation.schema.json
id: northway
name: Northway Integrated Care Board
short_name: NICB
referred_to_as: the ICB
type: icb
roles:
  records-manager:
    title: Records Manager
    aliases: [Head of Records]
  siro-office:
    title: SIRO Office
stale_terms:
  - term: CCG
    since: 2022-07-01
    use_instead: ICB
style:
  numbering: "1.0"
  number_clauses: false
  blocks: [title, front_sheet, signatories, summary, contents, preamble, sections, appendices, end_marker]
  colours: {primary: "#330072", secondary: "#00A499", text: "#000000"}
  date_format: ordinal
  front_sheet:
    - {label: Reference, field: document_control.reference}
    - {label: Next review, field: review.next_review}
  contents_depth: 3
  end_marker: END
"""

SCRATCH_POLICY = """\
# yaml-language-server: $schema=../../schema/policy.schema.json
id: records-retention
kind: records-management
document_control:
  title: Records Retention Procedure
  document_type: procedure
  reference: IG-07
  version: "2.1"
  status: published
  author: {role: records-manager, date: 2025-05}
  reviewers:
    - {title: Caldicott Guardian, name: A Person}
  owner: {role: siro-office}
  approved: {body: Information Governance Group, short: IGG, date: 2025-06-12}
  issued: 2025-07
  keywords: [records, retention]
review:
  every: 2 years
  first: 12 months
  counts_from: issued
  triggers: [A change in the law]
  extensions:
    - {to: 2027-09, reason: Awaiting national guidance, agreed_by: IGG, agreed_on: 2027-05-01}
version_history:
  - {version: "2.0", date: 2024-07, description: Full review}
  - {version: "2.1", date: 2025-06-12, sections: "3", description: New schedule}
summary:
  rows:
    - {label: Purpose, text: "How long {org} keeps records."}
preamble:
  - id: foreword
    text: This procedure replaces the CSU's guidance.
sections:
  - id: purpose
    title: Purpose
    kind: purpose
    topics: [purpose]
    text: Lead text under the heading.
    blocks:
      - id: purpose-why
        topics: [purpose]
        text: "{org:name} keeps records for as long as the law requires; see {ref:schedule}."
      - id: purpose-aside
        numbered: false
        text: An unnumbered paragraph.
  - id: schedule
    title: Retention schedule
    kind: policy
    blocks:
      - id: schedule-table
        caption: How long each record is kept
        header: [Record, Period]
        row_headers: true
        rows:
          - [Complaints, 10 years]
          - [Minutes, Permanent]
      - id: schedule-terms
        terms:
          - {term: Record, definition: Information created or received in the course of business.}
      - id: untitled-block
        blocks:
          - id: schedule-duty
            topics: [responsibilities]
            text: The {role:records-manager} keeps the schedule.
      - id: schedule-detail
        title: Detail
        blocks:
          - id: schedule-detail-text
            topics: [monitoring]
            text: Checked every year.
  - id: equality
    title: Equality impact
    kind: equality
    numbered: false
    blocks:
      - id: equality-eia
        include: eia
eia:
  title: Equality Impact Assessment
  completed_on: 2025-05-20
  parts:
    - heading: Screening
    - fields:
        - {label: Activity, value: Records retention}
        - {label: Lead}
    - assessors:
        - {name: A Person, job_role: Records Manager, department: Governance}
    - grid:
        rows:
          - {characteristic: age, label: Age, impact: neutral, evidence: None found.}
          - {characteristic: disability, label: Disability, impact: positive}
          - {characteristic: gender-reassignment, label: Gender reassignment, impact: neutral}
          - {characteristic: marriage-civil-partnership, label: Marriage, impact: neutral}
          - {characteristic: pregnancy-maternity, label: Pregnancy, impact: neutral}
          - {characteristic: race, label: Race, impact: neutral}
          - {label: Carers, impact: neutral}
    - questions:
        questions:
          - question: Does it affect any group differently?
            answer: "no"
            questions:
              - {question: Religion?, characteristic: religion-belief, answer: "no"}
              - {question: Sex?, characteristic: sex, answer: na}
              - {question: Sexual orientation?, characteristic: sexual-orientation, answer: "no"}
    - choice: {question: Overall impact, options: [High, Medium, Low], chosen: Low}
    - text: Contact the {role:siro-office} with concerns.
associated_documents:
  - {reference: IG-01, title: Information Governance Policy}
references:
  - {title: Records Management Code of Practice, url: "https://transform.england.nhs.uk/"}
appendices:
  - id: appendix-form
    label: Appendix A
    title: Disposal form
    missing: The form is held by the records team.
notes:
  - Written for the schema tests.
"""


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A library that is not the shipped one, with its schema generated as a user would."""
    shutil.copytree(ROOT / "vocabulary", tmp_path / "vocabulary")
    org = tmp_path / "organisations" / "northway"
    org.mkdir(parents=True)
    (org / "organisation.yaml").write_text(SCRATCH_ORG, encoding="utf-8")
    (org / "records-retention.yaml").write_text(SCRATCH_POLICY, encoding="utf-8")
    assert main(["--root", str(tmp_path), "schema"]) == 0
    return tmp_path


def test_another_library_is_valid_for_policygen_and_its_schema(scratch: Path, capsys):
    assert main(["--root", str(scratch), "validate"]) == 0, capsys.readouterr().err
    for path in sorted((scratch / "organisations" / "northway").glob("*.yaml")):
        assert _editor_errors(scratch, path) == [], path.name
    role_key = json.loads((scratch / "schema" / "policy.schema.json").read_text(encoding="utf-8"))["$defs"]["RoleKey"]
    own_keys = read_source(scratch / "organisations" / "northway" / "organisation.yaml", "organisation.yaml").data["roles"]
    assert role_key["examples"] == sorted(own_keys), "its editor suggests its own role keys"


def _shown(error) -> list:
    """An ``anyOf`` error (a value that may also be null) as the errors of the alternative of the value's type."""
    if not error.context:
        return [error]
    alternatives: dict[int, list] = {}
    for e in error.context:
        alternatives.setdefault(e.relative_schema_path[0], []).append(e)
    fitting = [errs for errs in alternatives.values() if not any(e.validator == "type" and not e.path for e in errs)]
    return [shown for errs in fitting or alternatives.values() for e in errs for shown in _shown(e)]


@pytest.mark.parametrize(
    "old, new, path, validators, words",
    [
        ("        topics: [purpose]\n        text: \"{org:name}", "        topics: [purpose]\n        txet: \"{org:name}",
         ["sections", 0, "blocks", 0], {"additionalProperties", "required"}, "'txet' was unexpected"),
        ("      - id: purpose-aside\n", "      - id: purpose-aside\n        topics: [purpouse]\n",
         ["sections", 0, "blocks", 1, "topics", 0], {"enum"}, "'purpouse' is not one of"),
        ("        row_headers: true", "        row_header: true",
         ["sections", 1, "blocks", 0], {"additionalProperties"}, "'row_header' was unexpected"),
        ("          - {term: Record,", "          - {trem: Record,",
         ["sections", 1, "blocks", 1, "terms", 0], {"additionalProperties", "required"}, "'trem' was unexpected"),
        ("    - choice: {question: Overall impact,", "    - choice: {qestion: Overall impact,",
         ["eia", "parts", 5, "choice"], {"additionalProperties", "required"}, "'qestion' was unexpected"),
        ("  author: {role: records-manager,", "  author: {role: Records Manager,",
         ["document_control", "author", "role"], {"pattern"}, "does not match"),
    ],
    ids=["clause-misspelt-key", "unknown-topic", "table-misspelt-key", "definition-misspelt-key", "eia-part-misspelt-key", "role-not-a-key"],
)
def test_schema_reports_a_wrong_file_where_policygen_does(scratch: Path, capsys, old, new, path, validators, words):
    """The editor flags the mistake policygen rejects, at that place and nowhere else."""
    policy = scratch / "organisations" / "northway" / "records-retention.yaml"
    assert old in SCRATCH_POLICY
    policy.write_text(SCRATCH_POLICY.replace(old, new), encoding="utf-8")
    assert main(["--root", str(scratch), "validate"]) == 1
    capsys.readouterr()
    data = read_source(policy, policy.name).data
    shown = [s for e in _schema_for(scratch, policy).iter_errors(data) for s in _shown(e)]
    assert {(tuple(e.absolute_path), e.validator) for e in shown} == {(tuple(path), v) for v in validators}, [e.message for e in shown]
    assert any(words in e.message for e in shown)


def _definitions(schema: dict) -> dict[str, dict]:
    return {**schema.get("$defs", {}), schema["title"]: schema}


def _models(root_models) -> dict[str, type]:
    """Every model reachable from the root models, by name."""
    from policygen.load.models import _types_in
    from pydantic import BaseModel

    found: dict[str, type] = {}
    stack = list(root_models)
    while stack:
        cls = stack.pop()
        if cls.__name__ in found:
            continue
        found[cls.__name__] = cls
        for field in cls.model_fields.values():
            stack += [t for t in _types_in(field.annotation) if isinstance(t, type) and issubclass(t, BaseModel)]
    return found


@pytest.mark.parametrize("name, model", [("policy", Policy), ("organisation", Organisation), ("vocabulary", Vocabulary)])
def test_schema_and_models_agree_on_keys(name, model):
    """Each model's keys are the schema's properties, its required keys the schema's, no others allowed."""
    defs = _definitions(json.loads((ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")))
    models = _models([model])
    assert set(defs) >= set(models)
    for model_name, cls in models.items():
        d = defs[model_name]
        assert cls.model_config.get("extra") == "forbid" and d["additionalProperties"] is False, model_name
        assert set(d["properties"]) == set(cls.model_fields), model_name
        # a key required only without another (an adopting policy's sections) is in the schema's then
        required = set(d.get("required", [])) | set(d.get("then", {}).get("required", []))
        assert required == {n for n, f in cls.model_fields.items() if f.is_required()}, model_name


def test_topics_kinds_and_role_keys_autocomplete():
    """Topics (every kind's) and kinds are enums from the vocabulary; role keys suggest every organisation's register."""
    schema = json.loads((ROOT / "schema" / "policy.schema.json").read_text(encoding="utf-8"))
    vocabulary = Vocabulary.model_validate(read_source(ROOT / "vocabulary" / "topics.yaml", "topics.yaml").data)
    clause_topics = schema["$defs"]["Clause"]["properties"]["topics"]["items"]
    topic = schema["$defs"][clause_topics["$ref"].rsplit("/", 1)[1]]
    assert topic["enum"] == vocabulary.ids()
    kind = schema["$defs"][schema["properties"]["kind"]["anyOf"][0]["$ref"].rsplit("/", 1)[1]]
    assert kind["enum"] == vocabulary.kind_ids()
    assert kind["enumDescriptions"][0] == "Social media: Staff and the organisation using social media, at work and in private."
    role_keys = set()
    for org in (ROOT / "organisations").glob("*/organisation.yaml"):
        role_keys |= set(read_source(org, org.name).data.get("roles", {}))
    person_role = schema["$defs"]["Person"]["properties"]["role"]["anyOf"][0]
    role = schema["$defs"][person_role["$ref"].rsplit("/", 1)[1]]
    assert set(role["examples"]) == role_keys
    assert "enum" not in role, "a role key from another register must not make a file invalid"


@pytest.mark.parametrize("old, new", [("every: 2 years", "every: 2 Years"), ("first: 12 months", "first: 12 MONTHS")])
def test_what_policygen_accepts_the_schema_accepts(scratch: Path, capsys, old, new):
    """Read with any capitals by policygen, so an editor must not flag them either."""
    policy = scratch / "organisations" / "northway" / "records-retention.yaml"
    policy.write_text(SCRATCH_POLICY.replace(old, new), encoding="utf-8")
    assert main(["--root", str(scratch), "validate"]) == 0, capsys.readouterr().err
    assert _editor_errors(scratch, policy) == []


def test_schema_is_not_written_from_a_register_that_does_not_load(scratch: Path, capsys):
    """A broken roles register would leave its keys out of the schema: reported, nothing written."""
    org = scratch / "organisations" / "northway" / "organisation.yaml"
    org.write_text(SCRATCH_ORG.replace("  siro-office:\n", "  siro-office:\n    titel: SIRO\n"), encoding="utf-8")
    schema_dir = scratch / "schema"
    (schema_dir / "policy.schema.json").write_text("{}")  # out of date, yet not to be replaced
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in schema_dir.iterdir()}
    capsys.readouterr()
    for args in (["schema"], ["schema", "--check"]):
        assert main(["--root", str(scratch), *args]) == 1
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert re.search(r"^organisations/northway/organisation\.yaml:\d+: roles\.siro-office\.titel: unknown key", err, re.M), err
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in schema_dir.iterdir()} == before
