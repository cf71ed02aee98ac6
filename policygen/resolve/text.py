"""Clause text: Markdown parsed with the references resolved.

Markdown is parsed with raw HTML off (policy text is data, never markup) and
images off (a renderer must never fetch a URL or read a file because of
policy text). ``{ref:…}``, ``{role:…}`` and ``{org}`` become tokens carrying
their resolved words, so every format shows the same number or title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from policygen.model.refs import ORG_FORMS, REF_RE


@dataclass(frozen=True)
class Target:
    """What a reference to an id resolves to."""

    anchor: str
    number: str | None
    title: str | None
    kind: str  # section | clause | appendix | table | definitions
    identifier: str | None = None  # a clause's statement identifier: {ref:} cites it, {num:} the number
    document: str | None = None  # another policy's output, relative and without extension: "ig", "../org/ig"
    policy_title: str | None = None  # that policy's title, printed before the number
    url: str | None = None  # a reference's web address

    def cited(self, full: bool) -> str:
        words = self._cited(full)
        return f"{self.policy_title}, {words}" if self.policy_title else words

    def _cited(self, full: bool) -> str:
        if self.identifier and full:
            return self.identifier
        if self.number and full and self.kind == "section" and self.title:
            return f"{self.number} {self.title}"
        return self.number or self.title or self.anchor


@dataclass(frozen=True)
class RefContext:
    targets: dict[str, Target] = field(default_factory=dict)
    citations: dict[str, Target] = field(default_factory=dict)  # {cite:ID}: the policy's references by id
    roles: dict[str, str] = field(default_factory=dict)
    org_names: dict[str | None, str] = field(default_factory=dict)

    def target(self, kind: str, key: str | None) -> Target | None:
        """What ``{ref:}``/``{num:}`` (a block) or ``{cite:}`` (a reference) names."""
        return (self.citations if kind == "cite" else self.targets).get(key or "")

    @classmethod
    def for_org(cls, org, targets: dict[str, Target], citations: dict[str, Target] | None = None) -> "RefContext":
        return cls(
            targets=targets,
            citations=citations or {},
            roles={k: r.title for k, r in org.roles.items()},
            org_names={form: getattr(org, attr) for form, attr in ORG_FORMS.items()},
        )


def _xref_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "{":
        return False
    m = REF_RE.match(state.src, state.pos)
    ctx: RefContext | None = state.env.get("refs")
    if not m or ctx is None:
        return False
    kind, key, shown = m[1], m[2], m[3]
    if not silent:
        if kind in ("ref", "num", "cite"):
            target = ctx.target(kind, key)
            if target is None:
                return False
            token = state.push("xref", "a", 0)
            token.meta = {"document": target.document, "anchor": target.anchor, "text": shown or target.cited(full=kind != "num"), "url": target.url}
        else:
            words = ctx.roles.get(key or "") if kind == "role" else ctx.org_names.get(key)
            if words is None:
                return False
            token = state.push("text", "", 0)
            token.content = shown or words
    state.pos = m.end()
    return True


def _make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.disable("image")
    md.inline.ruler.before("text", "xref", _xref_rule)
    return md


PARSER = _make_parser()


def parse(source: str, refs: RefContext) -> list[Token]:
    return PARSER.parse(source, {"refs": refs})


def resolve_plain(source: str, refs: RefContext, cited: Callable[[Target, str], str] | None = None) -> str:
    """The Markdown source with every reference replaced by the words it resolves to;
    ``cited`` (target, words) → text writes a citation's words in a format's own way."""

    def words(m) -> str:
        kind, key, shown = m[1], m[2], m[3]
        if kind in ("ref", "num", "cite"):
            target = refs.target(kind, key)
            if target is None:
                return shown or m[0]
            said = shown or target.cited(full=kind != "num")
            return cited(target, said) if cited and kind == "cite" else said
        found = refs.roles.get(key or "") if kind == "role" else refs.org_names.get(key)
        return shown or found or m[0]

    return REF_RE.sub(words, source)


__all__ = ["PARSER", "RefContext", "Target", "Token", "parse"]
