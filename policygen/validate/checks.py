"""Cross-checks the models cannot express on their own.

Each check yields Problems located at the offending field. Errors make the
data unusable (a dangling reference would render as nonsense); warnings are
things a reviewer should know (a review date that has passed).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel

from policygen.load.document import LoadedOrganisation, LoadedPolicy
from policygen.model import Policy, Vocabulary
from policygen.model.base import PolicyDate
from policygen.load.images import BITMAP_TYPES, BadPicture, open_picture
from policygen.load.source import Source
from policygen.load.word_template import BadWordTemplate, open_word_template
from policygen.model.content import Figure, Include, Section
from policygen.model.organisation import Picture
from policygen.model.eia import PROTECTED_CHARACTERISTICS
from policygen.model.policy import HistoryRow
from policygen.model.refs import ORG_FORMS, find_refs, into_other_policy
from policygen.model.walk import includes, iter_blocks, iter_strings
from policygen.problems import Problem, suggest
from policygen.resolve.identifiers import statement_identifiers

MAX_SECTION_DEPTH = 3


def check_organisation(org: LoadedOrganisation, folder: Path) -> Iterator[Problem]:
    src, model = org.source, org.model
    if model.id != folder.name:
        yield src.problem(("id",), f"'{model.id}' does not match its folder name '{folder.name}'")
    if model.style.logo is not None:
        yield from _picture(src, ("style", "logo"), model.style.logo, folder)
    if model.style.word_template is not None:
        try:
            open_word_template(folder, model.style.word_template)
        except BadWordTemplate as exc:
            yield src.problem(("style", "word_template"), str(exc))
    if "front_sheet" in model.style.blocks and not model.style.front_sheet:
        yield src.problem(("style", "front_sheet"), "has no rows, so the front sheet the blocks list will not appear: add rows, or leave the key out for the default ones", warning=True)
    for i, row in enumerate(model.style.front_sheet):
        if not _field_exists(Policy, row.field):
            yield src.problem(("style", "front_sheet", i, "field"), f"'{row.field}' is not a policy field")
    for i, row in enumerate(model.style.version_history):
        if row.field not in HistoryRow.model_fields:
            yield src.problem(
                ("style", "version_history", i, "field"),
                f"'{row.field}' is not a version history field{suggest(row.field, HistoryRow.model_fields)}",
            )


def _field_exists(cls: type[BaseModel], path: str) -> bool:
    """Whether a dotted path names a field of the model (through nested models)."""
    current: Any = cls
    for part in path.split("."):
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return False
        current = _model_in(fields[part].annotation)
    return True


def _model_in(annotation: Any) -> Any:
    for arg in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def check_policy(doc: LoadedPolicy, vocabulary: Vocabulary | None, today: dt.date) -> Iterator[Problem]:
    yield from _ids(doc)
    yield from _references(doc)
    yield from _dates(doc)
    yield from _versions(doc)
    yield from _topics(doc, vocabulary)
    yield from _eia(doc)
    yield from _figures(doc)
    yield from _unplaced_parts(doc)


def _figures(doc: LoadedPolicy) -> Iterator[Problem]:
    for item in iter_blocks(doc.model):
        if isinstance(item.block, Figure):
            yield from _picture(doc.source, item.loc + ("figure",), item.block.figure, doc.target.org_dir)


def _picture(src: Source, loc: tuple, picture: Picture, folder: Path) -> Iterator[Problem]:
    """The picture's file, and its fallback, are ones we may use (see policygen.load.images);
    Word shows bitmaps only, so an SVG needs a PNG or JPEG fallback and a bitmap none."""
    try:
        main = open_picture(folder, picture.src)
    except BadPicture as exc:
        yield src.problem(loc + ("src",), str(exc))
        return
    if picture.fallback is None:
        if main.media_type not in BITMAP_TYPES:
            yield src.problem(loc + ("fallback",), f"'{picture.src}' is an SVG, which Word cannot show: add a fallback, a PNG or JPEG of the same picture")
        return
    if main.media_type in BITMAP_TYPES:
        yield src.problem(loc + ("fallback",), f"'{picture.src}' is already a PNG or JPEG, which every format shows: remove the fallback")
        return
    try:
        fallback = open_picture(folder, picture.fallback)
    except BadPicture as exc:
        yield src.problem(loc + ("fallback",), str(exc))
        return
    if fallback.media_type not in BITMAP_TYPES:
        yield src.problem(loc + ("fallback",), f"'{picture.fallback}' must be a PNG or JPEG, for Word")


def _ids(doc: LoadedPolicy) -> Iterator[Problem]:
    src, policy = doc.source, doc.model
    if policy.id != doc.target.policy_id:
        yield src.problem(("id",), f"'{policy.id}' does not match its file name '{doc.target.policy_id}.yaml'")
    first: dict[str, int] = {}
    for item in iter_blocks(policy):
        loc = item.loc + ("id",)
        block_id = item.block.id
        if block_id in first:
            yield src.problem(loc, f"duplicate id '{block_id}' (first used at line {first[block_id]})")
        else:
            first[block_id] = src.line(loc)
        if isinstance(item.block, Section) and item.depth > MAX_SECTION_DEPTH and item.block.title:
            yield src.problem(item.loc, f"sections nest at most {MAX_SECTION_DEPTH} levels deep")
        if isinstance(item.block, Include) and item.block.include == "eia" and policy.eia is None:
            yield src.problem(item.loc + ("include",), "includes the EIA but the policy has no eia")
    for i, ref in enumerate(policy.references):  # a reference's id is an anchor beside the blocks'
        if ref.id is None:
            continue
        loc = ("references", i, "id")
        if ref.id in first:
            yield src.problem(loc, f"duplicate id '{ref.id}' (first used at line {first[ref.id]}); a reference's id is unique among the policy's ids")
        else:
            first[ref.id] = src.line(loc)
    owners: dict[str, str] = {}
    for item, identifier in statement_identifiers(policy):
        if identifier in owners:
            loc = item.loc + ("identifier",) if item.block.identifier else item.loc
            yield src.problem(loc, f"duplicate identifier '{identifier}' (clause '{owners[identifier]}' has it); identifiers are unique within a policy")
        else:
            owners[identifier] = item.block.id


def _references(doc: LoadedPolicy) -> Iterator[Problem]:
    src, policy, org = doc.source, doc.model, doc.org.model
    ids = [item.block.id for item in iter_blocks(policy)]
    citable = [r.id for r in policy.references if r.id]
    placed = includes(policy, "references")
    for loc, text in iter_strings(policy):
        for ref in find_refs(text):
            if ref.kind == "cite" and ref.key:
                yield from _citation(src, loc, ref.key, citable, placed)
                continue
            if into_other_policy(ref):
                continue  # another policy's block: validate/links.py, which reads the library
            if ref.kind in ("ref", "num") and ref.key not in ids:
                yield src.problem(loc, f"{{{ref.kind}:{ref.key}}} refers to no section, clause or appendix{suggest(ref.key, ids)}")
            elif ref.kind == "role" and ref.key not in org.roles:
                yield src.problem(loc, f"{{role:{ref.key}}} is not in {org.id}'s role register{suggest(ref.key, org.roles)}")
            elif ref.kind == "org" and ref.key not in ORG_FORMS:
                yield src.problem(loc, f"{{org:{ref.key}}} is not a form of the name; use {{org}}, {{org:name}} or {{org:short}}")
            elif ref.kind in ("ref", "num", "cite", "role") and ref.key is None:
                yield src.problem(loc, f"{{{ref.kind}}} needs a key, e.g. {{{ref.kind}:some-id}}")
    yield from _implements(doc, citable, placed)
    people = [("author",), ("owner",), ("director_responsible",)]
    people += [("reviewers", i) for i in range(len(policy.document_control.reviewers))]
    for loc in people:
        person: Any = policy.document_control
        for part in loc:
            person = person[part] if isinstance(part, int) else getattr(person, part)
        if person is not None and person.role and person.role not in org.roles:
            yield src.problem(("document_control", *loc, "role"), f"'{person.role}' is not in {org.id}'s role register{suggest(person.role, org.roles)}")


def _citation(src: Source, loc: tuple, key: str, citable: list[str], placed: bool) -> Iterator[Problem]:
    """``{cite:ID}`` names one of this policy's references by its id, and links to the references
    table, so a block must place that table."""
    if key not in citable:
        hint = suggest(key, citable) or ("" if citable else ": give the reference an `id` in `references:`")
        yield src.problem(loc, f"{{cite:{key}}} names no reference of this policy{hint}")
    elif not placed:
        yield src.problem(loc, f"{{cite:{key}}} links to the references table, which no block places: add a block `- {{id: references, include: references}}`")


def _implements(doc: LoadedPolicy, citable: list[str], references_placed: bool) -> Iterator[Problem]:
    """A clause's ``implements`` names a standard among the references by id; and some block
    shows the mapping (its own, or the references table it then follows)."""
    src, mapped = doc.source, False
    for item in iter_blocks(doc.model):
        for i, implements in enumerate(getattr(item.block, "implements", [])):
            mapped = True
            if implements.standard not in citable:
                hint = suggest(implements.standard, citable) or (
                    ": give the standard's entry in `references:` this `id`" if doc.model.references else ": add the standard to `references:` with this `id`")
                yield src.problem(item.loc + ("implements", i, "standard"), f"'{implements.standard}' names no reference of this policy{hint}")
    if mapped and not references_placed and not includes(doc.model, "standards_mapping"):
        yield src.problem((), "its clauses implement standards, but no block places the standards mapping or the references table it follows, so no document shows it: add a block `- {id: standards-mapping, include: standards_mapping}`", warning=True)


def _dates(doc: LoadedPolicy) -> Iterator[Problem]:
    src, policy = doc.source, doc.model
    dc = policy.document_control
    named: list[tuple[tuple[str, ...], PolicyDate | None]] = [
        (("document_control", key, "date"), approval.date)
        for key, approval in (("approved", dc.approved), ("ratified", dc.ratified))
        if approval and approval.version is None  # one carried over from an earlier version is older by right
    ] + [
        (("document_control", "issued"), dc.issued),
        (("review", "next_review"), policy.review.next_review),
    ]
    present = [(loc, d) for loc, d in named if d is not None]
    for i, (loc_a, a) in enumerate(present):
        for loc_b, b in present[i + 1:]:
            if b < a:
                yield src.problem(loc_b, f"{b} is before {'.'.join(loc_a)} ({a}); dates must run approved ≤ ratified ≤ issued ≤ next review")


def _versions(doc: LoadedPolicy) -> Iterator[Problem]:
    src, policy = doc.source, doc.model
    history, version = policy.version_history, policy.document_control.version
    if version and history and history[-1].version != version:
        newest = history[-1].version
        yield src.problem(
            ("document_control", "version"),
            f"'{version}' is not the newest version history row ('{newest}'); add a row or correct the version",
        )


def _topics(doc: LoadedPolicy, vocabulary: Vocabulary | None) -> Iterator[Problem]:
    """The policy has a kind the vocabulary declares, and each topic is one of that kind's or a shared one.

    The kind is the declared one, else the one the policy id names (``Vocabulary.kind_of``):
    comparisons group policies by it, so a policy with neither is an error. Without a (known)
    kind the topics are checked against the whole vocabulary, so a wrong kind is one error, not
    one per topic.
    """
    if vocabulary is None:
        return
    src, kinds, policy_id = doc.source, vocabulary.kind_ids(), doc.target.policy_id
    kind = vocabulary.kind_of(doc.model.kind, policy_id)
    if kind is None:
        yield src.problem(
            ("kind",),
            f"declares no kind and its id '{policy_id}' names none: add `kind:` with one of "
            f"{', '.join(kinds)}{suggest(policy_id, kinds)}",
        )
    elif kind not in kinds:
        listed = f" (one of {', '.join(kinds)})"
        yield src.problem(("kind",), f"'{kind}' is not a kind in vocabulary/topics.yaml{suggest(kind, kinds) or listed}")
    known = vocabulary.topic_ids(kind)
    for item in iter_blocks(doc.model):
        for i, topic in enumerate(getattr(item.block, "topics", [])):
            if topic in known:
                continue
            elsewhere = vocabulary.kinds_of(topic)
            if elsewhere:
                where = f"a topic of {', '.join(elsewhere)}, not of {kind}"
                fix = " (or add its id to the kind's topics in vocabulary/topics.yaml)"
                yield src.problem(item.loc + ("topics", i), f"'{topic}' is {where}{suggest(topic, known) or fix}")
            else:
                yield src.problem(item.loc + ("topics", i), f"'{topic}' is not in vocabulary/topics.yaml{suggest(topic, known)}")


def _unplaced_parts(doc: LoadedPolicy) -> Iterator[Problem]:
    """Preamble or closing blocks the house style's ``blocks`` do not list would silently print nowhere."""
    for part in ("preamble", "closing"):
        if getattr(doc.model, part) and part not in doc.org.model.style.blocks:
            yield doc.source.problem((part,), f"{doc.org.model.id}'s style.blocks does not list '{part}', so no document shows these blocks", warning=True)


def _eia(doc: LoadedPolicy) -> Iterator[Problem]:
    eia = doc.model.eia
    if eia is None:
        if doc.org.model.requires.eia:
            yield doc.source.problem((), "no Equality Impact Assessment is recorded (the organisation's requires.eia)", warning=True)
        return
    if not any(isinstance(item.block, Include) and item.block.include == "eia" for item in iter_blocks(doc.model)):
        yield doc.source.problem(("eia",), "no block places the EIA, so no document shows it: add a block `- {id: eia, include: eia}` where it belongs", warning=True)
    covered = eia.characteristics()
    missing = [c for c in PROTECTED_CHARACTERISTICS if c not in covered]
    if missing:
        yield doc.source.problem(("eia",), f"does not cover the protected characteristics: {', '.join(missing)}")
