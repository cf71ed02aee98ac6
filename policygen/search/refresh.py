"""Keeping build/search.sqlite in step with the policies, incrementally.

Each policy's key is a digest of the files its words are read from (its file,
its organisation's, the vocabulary, the policies it cites) and of policygen's
code (``InputKeys.text``, the build cache's own reckoning), worked out from the
bytes without loading anything: when nothing changed, an update reads the files,
compares keys, and is done. Only policies whose key changed are loaded and
indexed again; policies no longer in the project leave the index; a policy with
errors keeps the rows it had and is tried again next time.

``index_documents`` indexes documents already loaded (a library as it stood on
some date, say), keyed by their own texts.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from policygen.load.document import LoadedPolicy
from policygen.model.vocabulary import Vocabulary
from policygen.project import Project
from policygen.search.rows import Row, rows_of
from policygen.search.store import INDEX_NAME, SearchIndex, SearchUnavailable, Update


def index_path(project: Project) -> Path:
    return project.build_dir / INDEX_NAME


def refresh(project: Project, documents: list[LoadedPolicy] | None = None) -> Update:
    """Bring the project's index in step with every policy in it.

    ``documents``, if given, are the policies already loaded and checked without
    errors (the build has them): those are indexed, and any other stale policy is
    left for next time. Otherwise the stale policies are loaded and checked here.
    """
    from policygen.inputs import InputKeys
    from policygen.write import CannotWrite, ensure_dir

    inputs = InputKeys(project)
    keys = {str(t): inputs.text(t) for t in project.targets()}
    ensure_dir(project.build_dir)
    try:
        with SearchIndex.open(index_path(project)) as index:
            return index.update(keys, lambda stale: _load(project, stale, documents))
    except OSError as exc:
        raise CannotWrite(index_path(project), exc) from None


def refresh_for_build(project: Project, documents: list[LoadedPolicy]) -> None:
    """``refresh`` as a step of the build, which goes on without search where SQLite has no FTS5
    (``policygen search`` says why)."""
    try:
        refresh(project, documents)
    except SearchUnavailable:
        pass


def _load(project: Project, stale: list[str], documents: list[LoadedPolicy] | None) -> dict[str, list[Row]]:
    from policygen.load.document import Loader

    if documents is None:
        documents = _checked(project, stale)
    vocabulary = Loader(project).vocabulary()
    wanted = set(stale)
    return {str(d.target): rows_of(d, vocabulary) for d in documents if str(d.target) in wanted}


def _checked(project: Project, selectors: list[str]) -> list[LoadedPolicy]:
    """The policies named that load with no error in their own file or their organisation's."""
    from policygen.validate.checked import load_and_check

    checked = load_and_check(project, selectors)
    broken = {p.file for p in checked.errors}
    return [d for d in checked.documents if not {d.source.name, d.org.source.name} & broken]


def index_documents(path: Path, documents: list[LoadedPolicy], vocabulary: Vocabulary | None) -> Update:
    """Make the index at ``path`` hold exactly ``documents`` (loaded and checked), each keyed by
    its texts: for a library not read from the working tree, such as one as it stood on a date."""
    keys = {str(d.target): _text_key(d) for d in documents}
    by_key = {str(d.target): d for d in documents}
    with SearchIndex.open(path) as index:
        return index.update(keys, lambda stale: {k: rows_of(by_key[k], vocabulary) for k in stale})


def _text_key(doc: LoadedPolicy) -> str:
    from policygen.inputs import code_digest

    h = hashlib.sha256(f"{code_digest()}\0".encode())
    for text in (doc.org.source.text, doc.source.text, *(d.source.text for _, d in sorted(doc.linked.items()))):
        h.update(text.encode("utf-8") + b"\0")
    return h.hexdigest()
