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
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from policygen.cache import BuildCache, InputKeys
from policygen.problems import Problem
from policygen.project import Project, Target


@dataclass
class BuildResult:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    rendered: int = 0  # outputs rendered this time (written or found byte-identical)
    problems: list[Problem] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # "target: why", rendering failures
    note: str | None = None


def _rel(target: Target, fmt: str) -> str:
    return f"{target.org_id}/{target.policy_id}.{fmt}"


_LIBRARY = "register and comparison pages"


def _library_pages(root: str, targets: tuple[str, ...], formats: tuple[str, ...]) -> list[tuple[str, bytes]]:
    """Worker: the comparison pages (build/compare/<policy-id>.html) and the register page linking them.

    Made from the policies without errors: a policy with errors is reported by
    its own task and left out, and the others are still listed and compared.
    With none to list, nothing is made, so the pages last built stay.
    """
    from policygen.compare.page import render_pages
    from policygen.pipeline import load_and_check
    from policygen.register import entries
    from policygen.render.register import render_register

    project = Project(Path(root))
    checked = load_and_check(project, list(targets))
    broken = {p.file for p in checked.errors}
    docs = [d for d in checked.documents if not {d.source.name, d.org.source.name} & broken]
    if not docs:
        return []
    left_out = [t for t in project.targets(list(targets)) if t not in {d.target for d in docs}]
    build_dir = project.build_dir.resolve()
    pages = [(path.relative_to(build_dir).as_posix(), data) for path, data in render_pages(project, docs, left_out)]
    comparisons = [
        {"href": rel, "label": f"Compare the {Path(rel).stem.replace('-', ' ')} policies of every organisation"}
        for rel, _ in pages
    ]
    index = render_register(entries(docs), formats, project.template_dirs(), comparisons)
    return [*pages, ("index.html", index)]


def _build_document(root: str, org_id: str, policy_id: str, formats: tuple[str, ...]) -> tuple[list[Problem], list[tuple[str, bytes]] | None]:
    """Worker: validate one policy and, if it has no errors, render it in ``formats``.

    Validation happens here, in parallel, rather than in the parent first:
    a document with errors comes back with its problems and no output.
    """
    from policygen.pipeline import load_and_check
    from policygen.render import RenderContext, renderer
    from policygen.resolve import build_view

    project = Project(Path(root))
    checked = load_and_check(project, [f"{org_id}/{policy_id}"])
    if checked.errors or not checked.documents:
        return checked.problems, None
    doc = checked.documents[0]
    view = build_view(doc.org.model, doc.model, doc.target.org_dir)
    ctx = RenderContext(project.template_dirs(org_id))
    # PDF first: DOCX reuses its layout for the contents page numbers.
    order = sorted(formats, key=lambda f: (f != "pdf", formats.index(f)))
    rendered = {fmt: renderer(fmt)(view, ctx) for fmt in order}
    return checked.problems, [(fmt, rendered[fmt]) for fmt in formats]


def _outcome(work) -> tuple[object, str | None]:
    """A task's result, or why it failed: a renderer bug must not take the other documents
    down. Only the task is caught; a failure to write its outputs stops the build."""
    try:
        return work(), None
    except Exception as exc:
        return None, f"{type(exc).__name__}: {exc}"


class _Progress:
    """A live bar on a terminal, plain lines in logs, nothing when quiet."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.total, self.done = total, 0
        self.bar = None
        self.quiet = quiet
        if not quiet and total > 3 and sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("", total=total)

    def step(self, label: str) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=label)
        elif not self.quiet and self.total > 3:
            print(f"[{self.done}/{self.total}] {label}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


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
    from policygen.write import ensure_dir, output_path, write_if_changed

    result = BuildResult()
    cache = BuildCache(project.build_dir) if force else BuildCache.load(project.build_dir)
    result.note = cache.note
    keys = InputKeys(project)
    stale: dict[Target, list[tuple[str, str]]] = {}
    for target in targets:
        for fmt in formats:
            key = keys.output(target, fmt)
            if cache.fresh(_rel(target, fmt), key):
                result.unchanged += 1
            else:
                stale.setdefault(target, []).append((fmt, key))
    register_key = keys.register(targets, formats) if register else None
    # The register page and the comparison pages are made from every policy together.
    library_pages = ["index.html", *(r for r in cache.entries if r.startswith("compare/"))] if register else []
    register_stale = register and not all(cache.fresh(rel, register_key) for rel in library_pages)
    if not stale and not register_stale:
        result.unchanged += len(library_pages)
        return result

    ensure_dir(project.build_dir)
    # Biggest documents first, so the workers finish together.
    work = sorted(stale, key=lambda t: -t.policy_file.stat().st_size)
    progress = _Progress(len(work), quiet)
    outputs: dict[Target, list[tuple[str, bytes, bool]]] = {}
    library_outputs: list[tuple[str, bytes]] = []
    problems: set[Problem] = set()
    jobs = max(1, jobs or os.cpu_count() or 1)

    def finish(target: Target, built, error: str | None) -> None:
        if error:
            result.failed.append(f"{target}: rendering failed: {error}")
        else:
            found, rendered = built
            problems.update(found)
            if rendered is not None:  # written as soon as each document is done, each file atomically
                outputs[target] = [
                    (fmt, data, write_if_changed(output_path(project.build_dir, target.org_id, f"{target.policy_id}.{fmt}"), data))
                    for fmt, data in rendered
                ]
        progress.step(str(target))

    # One task per document, plus one for the pages made from the whole library.
    tasks: list[tuple[object, tuple]] = [((_LIBRARY,), (_library_pages, str(project.root), tuple(str(t) for t in targets), formats))] if register_stale else []
    tasks += [(t, (_build_document, str(project.root), t.org_id, t.policy_id, tuple(f for f, _ in stale[t]))) for t in work]

    def done(key, value, error: str | None) -> None:
        if key == (_LIBRARY,):
            if error:
                result.failed.append(f"register and comparison pages: rendering failed: {error}")
            else:
                library_outputs.extend(value)
        else:
            finish(key, value, error)

    import policygen.pipeline  # noqa: F401  (imported once here, shared by the forked workers)
    from policygen.render import preload

    preload(tuple(dict.fromkeys(f for t in work for f, _ in stale[t])))
    # Rendering allocates millions of short-lived objects: collect less often, and never
    # scan the imported code again (about 5% of a build; forked workers inherit both).
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    try:
        if jobs == 1 or len(tasks) <= 1:
            for key, (func, *args) in tasks:
                done(key, *_outcome(lambda: func(*args)))
        else:
            with ProcessPoolExecutor(max_workers=min(jobs, len(tasks))) as pool:
                futures = [(key, pool.submit(*call)) for key, call in tasks]
                for key, future in futures:
                    done(key, *_outcome(future.result))
    finally:
        progress.close()

    for target in targets:  # report and record in a stable order
        fresh_keys = dict(stale.get(target, []))
        for fmt, data, changed in outputs.get(target, []):
            rel = _rel(target, fmt)
            result.rendered += 1
            if changed:
                result.written.append(f"build/{rel}")
            else:
                result.unchanged += 1
            cache.record(rel, fresh_keys[fmt], data)
    result.problems = sorted(problems, key=lambda p: (p.file, p.line, p.path, p.message))
    if library_outputs and not result.failed:
        for rel, data in library_outputs:
            if write_if_changed(output_path(project.build_dir, *rel.split("/")), data):
                result.written.append(f"build/{rel}")
            else:
                result.unchanged += 1
            cache.record(rel, register_key, data)
    cache.save()
    return result
