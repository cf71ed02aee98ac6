"""Write out a policy that adopts a model: the model's body with the local differences applied.

Done on the plain data before the policy model is built, so validation, the view model and every
renderer see one ordinary policy and never learn it was adopted. The local file's own keys keep
their lines (its document control, its ``adopts`` differences), so a problem in them is located;
the model's blocks were checked when the model loaded. A model body's own policy has each
``{param:KEY}`` printed as a visible placeholder instead.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from pydantic import ValidationError

from policygen.load.source import Loc, Source
from policygen.model.adoption import PARAM_RE, AdoptedModel, Adoption, Param
from policygen.problems import Problem, suggest

# What an adopting policy takes from its model; everything else (document control, review,
# history, EIA, numbering) is its own.
MODEL_KEYS = ("kind", "summary", "preamble", "sections", "appendices", "closing", "references", "associated_documents")
BODY_KEYS = ("preamble", "sections", "appendices", "closing")


@dataclass
class WrittenOut:
    """The data to build the policy from, what went wrong, and the model's loaded document if any."""

    data: dict
    problems: list[Problem] = field(default_factory=list)
    model: Any = None  # the model's LoadedPolicy


def body_blocks(data: dict) -> Iterator[tuple[list, int, dict]]:
    """Every block of the body (sections and appendices included), in document order, as (its list, index, block)."""
    for key in BODY_KEYS:
        yield from _blocks(data.get(key))


def _blocks(items: Any) -> Iterator[tuple[list, int, dict]]:
    if isinstance(items, list):
        for i, block in enumerate(items):
            if isinstance(block, dict):
                yield items, i, block
                yield from _blocks(block.get("blocks"))


def blocks_by_id(data: dict) -> dict[str, dict]:
    return {b["id"]: b for _, _, b in body_blocks(data) if isinstance(b.get("id"), str)}


def _placed(data: dict, block_id: str) -> tuple[list, int] | None:
    return next(((items, i) for items, i, b in body_blocks(data) if b.get("id") == block_id), None)


def substitute(node: Any, value: Callable[[str], str | None], loc: Loc = (), unknown: list | None = None) -> Any:
    """``node`` with each ``{param:KEY}`` replaced by value(KEY); a key with no value stays, noted in ``unknown``."""
    if isinstance(node, dict):
        return {k: substitute(v, value, (*loc, k), unknown) for k, v in node.items()}
    if isinstance(node, list):
        return [substitute(v, value, (*loc, i), unknown) for i, v in enumerate(node)]
    if not isinstance(node, str) or "{param:" not in node:
        return node

    def one(m) -> str:
        found = value(m[1])
        if found is None:
            if unknown is not None:
                unknown.append((loc, m[1]))
            return m[0]
        return found

    return PARAM_RE.sub(one, node)


def declared_params(data: dict) -> dict[str, Param]:
    """A model's params as declared; one that is not well formed is the policy model's to report."""
    out: dict[str, Param] = {}
    for key, raw in (data.get("params") or {}).items() if isinstance(data.get("params"), dict) else ():
        try:
            out[key] = Param.model_validate(raw)
        except ValidationError:
            continue
    return out


def placeholder(key: str, param: Param) -> str:
    return f"[{param.placeholder or key.replace('-', ' ')}]"


def written_out(name: str, in_model_body: bool, source: Source, find_model: Callable[[str], tuple[Any, str | None]]) -> WrittenOut | None:
    """The data a policy is built from when it is not its file's as written: a model's with its
    placeholders, an adopter's written out from its model; None for any other policy."""
    if in_model_body:
        return model_written_out(source)
    if isinstance(source.data.get("adopts"), dict):
        return adopter_written_out(source, name, find_model)
    return None


def name_model(policy: Any, model: Any) -> None:
    """Tell an adopted policy (a Policy) the model (a LoadedPolicy) it was written out from: its
    title, body and version are what the line under the adopter's title names."""
    if model is not None and policy.adopts is not None:
        dc = model.model.document_control
        policy.adopts._model = AdoptedModel(title=dc.title, organisation=model.org.model.name, version=dc.version)


def model_written_out(source: Source) -> WrittenOut:
    """A model body's policy: each param printed as its placeholder; a param it does not declare is an error."""
    data = source.data
    out = WrittenOut(data)
    if "adopts" in data:
        out.problems.append(source.problem(("adopts",), "a model body's policy is a model: it cannot adopt another (adoptions do not chain)"))
    params = declared_params(data)
    unknown: list = []
    fill = lambda key: placeholder(key, params[key]) if key in params else None  # noqa: E731
    out.data = {k: v if k == "params" else substitute(v, fill, (k,), unknown) for k, v in data.items()}
    out.problems += [source.problem(loc, f"{{param:{key}}} is not declared under params{suggest(key, params)}") for loc, key in unknown]
    return out


def adopter_written_out(source: Source, name: str, find_model: Callable[[str], tuple[Any, str | None]]) -> WrittenOut:
    """A local policy with ``adopts`` (``name``: its org/policy): the model's body, the local
    differences applied, params filled in.

    ``find_model`` gives the model's loaded document for 'org/policy', or None and why not."""
    data = source.data
    out = WrittenOut({"sections": [], **data})  # without its model, the policy model reports only what is wrong with adopts
    if "params" in data:
        out.problems.append(source.problem(("params",), "only a model body's policy declares params; an adopter sets the model's under adopts.params"))
    try:
        adoption = Adoption.model_validate(data["adopts"])
    except ValidationError:
        return out
    model, why_not = find_model(adoption.policy)
    if model is not None and not model.org.model.model:
        model, why_not = None, f"{adoption.policy} is not a model: organisations/{model.target.org_id}/organisation.yaml does not say model: true"
    if model is None:
        out.problems.append(source.problem(("adopts", "policy"), why_not or f"the model {adoption.policy} cannot be loaded"))
        return out
    out.model = model
    if "sections" in data:
        out.problems.append(source.problem(("sections",), "an adopting policy takes its sections from the model: list only the differences under adopts (replace, remove, add)"))
    current = model.model.document_control.version
    if current != adoption.version:
        out.problems.append(source.problem(
            ("adopts", "version"),
            f"adopts version {adoption.version} of {adoption.policy}, whose current version is {current}; `policygen drift {name}` shows the differences",
            warning=True,
        ))
    raw = model.source.data
    merged = {**{k: copy.deepcopy(raw[k]) for k in MODEL_KEYS if k in raw}, **{k: v for k, v in data.items() if k != "adopts"}}
    out.problems += _apply_differences(merged, adoption, data["adopts"], source)
    body, problems = _fill_params(merged, adoption, declared_params(raw), source, "params" in data["adopts"])
    out.problems += problems
    out.data = {**body, "adopts": data["adopts"]}
    return out


def _apply_differences(merged: dict, adoption: Adoption, written: dict, source: Source) -> list[Problem]:
    """Replace, add (after a model block) and remove in the model's body, in that order, so an
    addition may follow a block the adopter removes; an id the model lacks is a located problem."""
    problems: list[Problem] = []
    ids = blocks_by_id(merged)
    for block_id, text in adoption.replace.items():
        block = ids.get(block_id)
        if block is None or "text" not in block:
            problems.append(_no_block(source, ("adopts", "replace", block_id), block_id, ids, adoption.policy, with_text=True))
        else:
            block["text"] = text
    for i, addition in enumerate(written.get("add") or []):
        placed = _placed(merged, addition["after"])
        if placed is None:
            problems.append(_no_block(source, ("adopts", "add", i, "after"), addition["after"], ids, adoption.policy))
        else:
            items, at = placed
            items[at + 1:at + 1] = copy.deepcopy(addition["blocks"])
    for block_id in adoption.remove:
        placed = _placed(merged, block_id) if block_id in ids else None
        if placed is None:
            problems.append(_no_block(source, ("adopts", "remove", block_id), block_id, ids, adoption.policy))
        else:
            items, at = placed
            del items[at]
    return problems


def _fill_params(merged: dict, adoption: Adoption, declared: dict[str, Param], source: Source, has_params: bool) -> tuple[dict, list[Problem]]:
    """The body with each param's value (the adopter's, else the model's default) written in."""
    problems = [
        source.problem(("adopts", "params", key), f"{adoption.policy} has no param {key}{suggest(key, declared)}; it declares {', '.join(declared) or 'none'}")
        for key in adoption.params if key not in declared
    ]
    values = {k: adoption.params.get(k, p.default) for k, p in declared.items()}
    problems += [
        source.problem(("adopts", "params") if has_params else ("adopts",), f"the model's param {key} ({declared[key].description}) has no default: set it under adopts.params")
        for key, value in values.items() if value is None
    ]
    unknown: list = []
    body = substitute(merged, values.get, (), unknown)
    problems += [source.problem(("adopts",), f"the text uses {{param:{key}}}, which {adoption.policy} does not declare") for key in sorted({k for _, k in unknown})]
    return body, problems


def _no_block(source: Source, loc: Loc, block_id: str, ids: dict, model: str, with_text: bool = False) -> Problem:
    choices = [k for k, b in ids.items() if not with_text or "text" in b]
    what = "no block with text" if with_text else "no block"
    return source.problem(loc, f"{model} has {what} {block_id!r}{suggest(block_id, choices)}")
