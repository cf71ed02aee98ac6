"""The build: incremental, parallel across documents, in a stable order.

1. Work out each output's input key (cheap: file bytes and digests only) and
   skip every output whose key and bytes match the cache. With nothing to
   do, nothing else is imported or read, so a no-op rebuild costs almost
   nothing and touches no file.
2. Load and validate the documents that need work; a document with errors is
   reported and skipped, the others still build.
3. Render each document's stale formats, on ``jobs`` processes, and write
   each output atomically, only if its bytes changed.
4. Report in target order, whatever order the work finished in.
"""

from __future__ import annotations

import gc
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from policygen.builder.cache import BuildCache
from policygen.inputs import InputKeys
from policygen.builder.progress import Progress
from policygen.builder import site
from policygen.builder.timeline import timeline_files
from policygen.problems import Problem
from policygen.project import Project, Target
from policygen.render import FORMATS

if TYPE_CHECKING:
    from policygen.review.library import Library


@dataclass
class BuildResult:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    rendered: int = 0  # outputs rendered this time (written or found byte-identical)
    problems: list[Problem] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # "target: why", rendering failures
    note: str | None = None


def _rel(target: Target, fmt: str) -> str:
    return f"{target.org_id}/{target.policy_id}.{FORMATS[fmt].extension}"


_LIBRARY = "register and comparison pages"


def _library_pages(root: str, targets: tuple[str, ...], formats: tuple[str, ...]) -> tuple[list[tuple[str, bytes]], Library | None]:
    """Worker: the comparison pages (build/compare/<kind>.html) and the register page linking them,
    with what the site's own pages show of each policy (``review.library.Library``, laid out once the
    documents are written); and, as it has the library loaded, the search index
    (build/search.sqlite) brought up to date.

    Made from the policies without errors: a policy with errors is reported by
    its own task and left out, and the others are still listed and compared.
    With none to list, nothing is made, so the pages last built stay.
    """
    from policygen.compare.page import link_label, render_pages
    from policygen.load.document import Loader
    from policygen.validate.checked import load_and_check
    from policygen.review.library import library
    from policygen.review.register import entries
    from policygen.render.register import render_register
    from policygen.search.refresh import refresh_for_build as refresh_search_index

    project = Project(Path(root))
    checked = load_and_check(project, list(targets))
    broken = {p.file for p in checked.errors}
    docs = [d for d in checked.documents if not {d.source.name, d.org.source.name} & broken]
    if not docs:
        return [], None
    refresh_search_index(project, docs)  # build/search.sqlite: only the policies whose sources changed
    left_out = [t for t in project.targets(list(targets)) if t not in {d.target for d in docs}]
    build_dir = project.build_dir.resolve()
    pages = [(path.relative_to(build_dir).as_posix(), data) for path, data in render_pages(project, docs, left_out)]
    vocabulary = Loader(project).vocabulary()
    comparisons = [
        {"href": rel, "label": link_label(vocabulary, Path(rel).stem), "kind": Path(rel).stem}
        for rel, _ in pages
    ]
    lib = library(docs, vocabulary)
    index = render_register(entries(docs), formats, project.template_dirs(), comparisons, library=lib)
    return [*pages, ("index.html", index)], lib


def _build_document(root: str, org_id: str, policy_id: str, formats: tuple[str, ...]) -> tuple[list[Problem], list[tuple[str, bytes]] | None]:
    """Worker: validate one policy and, if it has no errors, render it in ``formats``.

    Validation happens here, in parallel, rather than in the parent first:
    a document with errors comes back with its problems and no output.
    """
    from policygen.validate.checked import load_and_check
    from policygen.render import RenderContext, render_order, renderer
    from policygen.resolve import build_view

    project = Project(Path(root))
    checked = load_and_check(project, [f"{org_id}/{policy_id}"])
    if checked.errors or not checked.documents:
        return checked.problems, None
    doc = checked.documents[0]
    view = build_view(doc.org.model, doc.model, doc.target.org_dir, doc.linked)
    ctx = RenderContext(project.template_dirs(org_id))
    rendered = {fmt: renderer(fmt)(view, ctx) for fmt in render_order(formats)}
    return checked.problems, [(fmt, rendered[fmt]) for fmt in formats]


def _outcome(work) -> tuple[object, str | None]:
    """A task's result, or why it failed: a renderer bug must not take the other documents
    down. Only the task is caught; a failure to write its outputs stops the build."""
    try:
        return work(), None
    except Exception as exc:
        return None, f"{type(exc).__name__}: {exc}"


@dataclass(frozen=True)
class _Task:
    """One unit of work for a worker: a document, or (``target`` None) the pages made from the whole library."""

    target: Target | None
    call: tuple  # (function, *arguments), run in a worker


class _Results:
    """What the tasks gave back: each document's outputs written as soon as it is done
    (each file atomically), the library pages kept until every document has finished."""

    def __init__(self, project: Project, result: BuildResult, progress: Progress) -> None:
        self.project, self.result, self.progress = project, result, progress
        self.outputs: dict[Target, list[tuple[str, bytes, bool]]] = {}
        self.library: list[tuple[str, bytes]] = []
        self.site: Library | None = None  # what the site's own pages show of each policy
        self.timelines: dict = {}  # and each policy's versions from git (builder.timeline)
        self.problems: set[Problem] = set()

    def take(self, task: _Task, value, error: str | None) -> None:
        if task.target is None:
            self._library(value, error)
        else:
            self._document(task.target, value, error)

    def _library(self, made, error: str | None) -> None:
        if error:
            self.result.failed.append(f"{_LIBRARY}: rendering failed: {error}")
        else:
            pages, self.site = made
            self.library.extend(pages)

    def _document(self, target: Target, built, error: str | None) -> None:
        from policygen.write import output_path, write_if_changed

        if error:
            self.result.failed.append(f"{target}: rendering failed: {error}")
        else:
            found, rendered = built
            self.problems.update(found)
            if rendered is not None:
                self.outputs[target] = [
                    (fmt, data, write_if_changed(output_path(self.project.build_dir, *_rel(target, fmt).split("/")), data))
                    for fmt, data in rendered
                ]
        self.progress.step(str(target))


def _stale_outputs(targets: list[Target], formats: tuple[str, ...], cache: BuildCache, keys: InputKeys,
                   result: BuildResult) -> dict[Target, list[tuple[str, str]]]:
    """Each target's outputs whose key or bytes no longer match the cache, with their new keys."""
    stale: dict[Target, list[tuple[str, str]]] = {}
    for target in targets:
        for fmt in formats:
            key = keys.output(target, fmt)
            if cache.fresh(_rel(target, fmt), key):
                result.unchanged += 1
            else:
                stale.setdefault(target, []).append((fmt, key))
    return stale


def _prepare_workers(formats: tuple[str, ...]) -> None:
    """Import what every worker needs once, before they fork, and tune the collector for rendering."""
    import policygen.validate.checked  # noqa: F401  (imported once here, shared by the forked workers)
    from policygen.render import preload

    preload(formats)
    # Rendering allocates millions of short-lived objects: collect less often, and never
    # scan the imported code again (about 5% of a build; forked workers inherit both).
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def _run_tasks(tasks: list[_Task], jobs: int, results: _Results) -> None:
    """Run every task, on ``jobs`` processes, handing each result over in task order."""
    if jobs == 1 or len(tasks) <= 1:
        for task in tasks:
            func, *args = task.call
            results.take(task, *_outcome(lambda: func(*args)))
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks))) as pool:
        futures = [(task, pool.submit(*task.call)) for task in tasks]
        for task, future in futures:
            results.take(task, *_outcome(future.result))


def _record(targets: list[Target], stale: dict[Target, list[tuple[str, str]]], results: _Results,
            cache: BuildCache, library_key: str | None, formats: tuple[str, ...]) -> None:
    """Report and record in target order, then write the library pages if every document rendered."""
    from policygen.write import output_path, write_if_changed

    result = results.result
    for target in targets:
        fresh_keys = dict(stale.get(target, []))
        for fmt, data, changed in results.outputs.get(target, []):
            rel = _rel(target, fmt)
            result.rendered += 1
            if changed:
                result.written.append(f"build/{rel}")
            else:
                result.unchanged += 1
            cache.record(rel, fresh_keys[fmt], data)
    result.problems = sorted(results.problems, key=lambda p: (p.file, p.line, p.path, p.message))
    if results.library and not result.failed:
        # The site's pages show each download's size: made now the documents are written.
        made, error = _outcome(lambda: site.site_files(results.project, results.site, formats, results.timelines))
        if error:
            result.failed.append(f"library site: {error}")
            return
        results.library += made
        for rel, data in results.library:
            if write_if_changed(output_path(results.project.build_dir, *rel.split("/")), data):
                result.written.append(f"build/{rel}")
            else:
                result.unchanged += 1
            cache.record(rel, library_key, data)
        site.prune(results.project.build_dir, cache, {rel for rel, _ in results.library})


def run_build(
    project: Project,
    targets: list[Target],
    formats: tuple[str, ...],
    *,
    register: bool,
    jobs: int | None = None,
    force: bool = False,
    quiet: bool = False,
) -> BuildResult:
    from policygen.write import ensure_dir

    result = BuildResult()
    cache = BuildCache(project.build_dir) if force else BuildCache.load(project.build_dir)
    result.note = cache.note
    keys = InputKeys(project)
    stale = _stale_outputs(targets, formats, cache, keys, result)
    library_key = site.key(keys.register(targets, formats), project, targets) if register else None
    # The register page and the comparison pages are made from every policy together.
    library_pages = ["index.html", *(r for r in cache.entries if r.startswith("compare/") or site.is_site_file(r))] if register else []
    # and the site's pages show every document's size: remade when any document is.
    library_stale = register and (bool(stale) or not all(cache.fresh(rel, library_key) for rel in library_pages))
    if not stale and not library_stale:
        result.unchanged += len(library_pages)
        return result

    ensure_dir(project.build_dir)
    # Biggest documents first, so the workers finish together.
    work = sorted(stale, key=lambda t: -t.policy_file.stat().st_size)
    root = str(project.root)
    tasks = [_Task(None, (_library_pages, root, tuple(str(t) for t in targets), formats))] if library_stale else []
    tasks += [_Task(t, (_build_document, root, t.org_id, t.policy_id, tuple(f for f, _ in stale[t]))) for t in work]
    _prepare_workers(tuple(dict.fromkeys(f for t in work for f, _ in stale[t])))
    progress = Progress(len(work), quiet)
    results = _Results(project, result, progress)
    try:
        _run_tasks(tasks, max(1, jobs or os.cpu_count() or 1), results)
    finally:
        progress.close()
    if results.library and not result.failed:  # the site's pages are remade: each policy's timeline for them
        results.timelines, error = _outcome(lambda: timeline_files(project, targets, cache, keys))
        if error:
            result.failed.append(f"library timeline: {error}")
        library_key = site.key(keys.register(targets, formats), project, targets)  # with the redlines it wrote
    _record(targets, stale, results, cache, library_key, formats)
    cache.save()
    return result
