"""What each output is made from: digests of the files that can change its bytes.

An output's key is a digest of the policy and organisation files, the topic vocabulary,
the policies it cites, the pictures and Word template in the organisation's folder, the
templates it is rendered through, and policygen's own code. The build cache compares
these keys with the ones it recorded (policygen.builder.cache); the search index keys each
policy's rows by the same reckoning of its words (``InputKeys.text``), so both agree on
what changed. Nothing here parses YAML in the common case, so a no-op build stays cheap.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

from policygen.load.images import MEDIA_TYPES
from policygen.load.word_template import SUFFIXES as WORD_SUFFIXES
from policygen.project import Project, Target
from policygen.render import FORMATS

KEY_FORMAT = 1  # a new way of reckoning keys: every key changes
_CROSS_POLICY = re.compile(r"\{(?:ref|num):[^{}#]*#")  # a reference into another policy
_ADOPTS = re.compile(r"^adopts:", re.MULTILINE)  # a policy written out from a model
PICTURES = tuple(MEDIA_TYPES)


def _digest_files(paths: list[Path], base: Path, h: "hashlib._Hash") -> None:
    for path in sorted(paths):
        h.update(str(path.relative_to(base)).encode() + b"\0")
        h.update(path.read_bytes() + b"\0")


def _tree_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"]


@cache
def code_digest() -> str:
    """policygen's own code, templates and fonts as installed: a new version rebuilds everything."""
    package = Path(__file__).resolve().parent  # the policygen package this module is part of
    h = hashlib.sha256()
    _digest_files(_tree_files(package), package, h)
    return h.hexdigest()


class InputKeys:
    """Computes (and memoises) the input digest of each output."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._files: dict[Path, bytes] = {}
        self._templates: dict[str | None, str] = {}
        self._assets: dict[tuple[Path, tuple[str, ...]], str] = {}

    def _file(self, path: Path) -> bytes:
        if path not in self._files:
            self._files[path] = path.read_bytes() if path.is_file() else b""
        return self._files[path]

    def _template_digest(self, org_id: str | None) -> str:
        if org_id not in self._templates:
            h = hashlib.sha256()
            for rank, d in enumerate(self.project.template_dirs(org_id)):  # which dir wins matters, where it is does not
                h.update(f"{rank}\0".encode())
                _digest_files(_tree_files(d), d, h)
            self._templates[org_id] = h.hexdigest()
        return self._templates[org_id]

    def _asset_digest(self, org_dir: Path, suffixes: tuple[str, ...]) -> str:
        """Every file of those types in the organisation's folder (not only those named: finding
        those would mean parsing the YAML), so a changed figure, logo or Word template rebuilds.
        Links leading out of the folder are left alone: validation refuses them, and nothing reads outside."""
        if (org_dir, suffixes) not in self._assets:
            base = org_dir.resolve()
            files = [p for p in org_dir.rglob("*") if p.suffix.lower() in suffixes and p.resolve().is_relative_to(base) and p.is_file()]
            h = hashlib.sha256()
            _digest_files(files, org_dir, h)
            self._assets[(org_dir, suffixes)] = h.hexdigest() if files else ""
        return self._assets[(org_dir, suffixes)]

    def _linked_files(self, target: Target) -> list[Path]:
        """The files of the other policies its ``{ref:policy#id}`` keys name (their numbering and
        title are printed in it), found in the raw text rather than parsing the YAML: a key that
        is not a reference only costs a needless rebuild. Each with its organisation's file, whose
        house style numbers it."""
        text = self._file(target.policy_file).decode("utf-8", "replace")
        if not _CROSS_POLICY.search(text):
            return []  # the common case, told without importing the models (pydantic), so a no-op build stays cheap
        from policygen.model.refs import REF_RE, split_key

        files: set[Path] = set()
        for m in REF_RE.finditer(text):
            if m[1] in ("ref", "num") and m[2] and "#" in m[2]:
                org_id, policy_id, _ = split_key(m[2])
                org_dir = self.project.organisations / (org_id or target.org_id)
                other = Target(org_id or target.org_id, policy_id, org_dir)
                files |= {other.policy_file, other.org_file}
        return sorted(files)

    def _model_files(self, target: Target) -> list[Path]:
        """The model an adopting policy is written out from, with its organisation's file (its
        name is printed under the title); told by the raw text first, as the linked files are."""
        text = self._file(target.policy_file).decode("utf-8", "replace")
        if not _ADOPTS.search(text):
            return []
        from policygen.load.source import parse_source
        from policygen.model.adoption import MODEL_POLICY_PATTERN
        from policygen.problems import ProblemsFound

        try:
            adopts = parse_source(text, str(target.policy_file)).data.get("adopts")
        except ProblemsFound:
            return []  # the build reports it and writes nothing
        named = adopts.get("policy") if isinstance(adopts, dict) else None
        if not isinstance(named, str) or not re.fullmatch(MODEL_POLICY_PATTERN, named):
            return []  # only a folder of organisations/ is read, never a path the text makes up
        org_id, _, policy_id = named.partition("/")
        model = Target(org_id, policy_id, self.project.organisations / org_id)
        return [model.policy_file, model.org_file]

    def _sources(self, target: Target, h: "hashlib._Hash") -> None:
        """The files a policy's words are read from: its own, its organisation's, the vocabulary,
        the policies it cites, the model it adopts."""
        for path in (target.org_file, target.policy_file, self.project.vocabulary_file, *self._linked_files(target), *self._model_files(target)):
            h.update(self._file(path) + b"\0")

    def text(self, target: Target) -> str:
        """The key of a policy's words as readers see them (the search index's): its sources and the code."""
        h = hashlib.sha256(f"{KEY_FORMAT}\0{code_digest()}\0text\0".encode())
        self._sources(target, h)
        return h.hexdigest()

    def output(self, target: Target, fmt: str) -> str:
        h = hashlib.sha256(f"{KEY_FORMAT}\0{code_digest()}\0{fmt}\0".encode())
        self._sources(target, h)
        h.update(self._asset_digest(target.org_dir, PICTURES).encode())
        if FORMATS[fmt].word_template:
            h.update(self._asset_digest(target.org_dir, WORD_SUFFIXES).encode())
        if FORMATS[fmt].cache_templates():
            h.update(self._template_digest(target.org_id).encode())
        return h.hexdigest()

    def history(self, target: Target, *parts: str) -> str:
        """A past version's document or a redline between two: made from the commits (and dates)
        ``parts`` name, so only the templates it is laid out with and this code count besides."""
        h = hashlib.sha256(f"{KEY_FORMAT}\0{code_digest()}\0history\0{target}\0".encode())
        h.update(self._template_digest(target.org_id).encode())
        for part in parts:
            h.update(part.encode() + b"\0")
        return h.hexdigest()

    def register(self, targets: list[Target], formats: tuple[str, ...]) -> str:
        h = hashlib.sha256(f"{KEY_FORMAT}\0{code_digest()}\0register\0{','.join(formats)}\0".encode())
        h.update(self._template_digest(None).encode() + self._file(self.project.vocabulary_file))
        for target in targets:
            h.update(f"{target}\0".encode() + self._file(target.org_file) + b"\0" + self._file(target.policy_file) + b"\0")
        return h.hexdigest()
