"""Each policy's timeline on its page of the library site: its versions read from git, each built once.

Made with the site's pages, so only when they are remade (``builder.site.key`` holds the
commit HEAD names: a no-op build reads no history and starts no git process). Then one pass
reads every policy's versions (``history.timelines``: a few git processes, whatever the
number of policies), and each version's web page (``<policy>.v<version>.html``, stating
when it was in force under its title) and the redline from the version before (named as
``policygen changes`` names it) are rendered only if the build cache holds no output for
the same commits and dates: a past version is never rendered twice. Web pages only: the
site links them, and a past version in PDF or Word is ``policygen build --as-at``'s.
Outside a git repository, or for a policy never committed, there is no timeline.
"""

from __future__ import annotations

from policygen.builder.cache import BuildCache
from policygen.inputs import InputKeys
from policygen.project import Project, Target

_REDLINES = (("redline", "html", "web page"), ("redline", "docx", "Word document"), ("changes", "html", "only the changes, web page"))


def timeline_files(project: Project, targets: list[Target], cache: BuildCache, keys: InputKeys) -> dict:
    """(org, policy) → its ``TimelineVersion``s, newest first, each version's page and redline
    written (and recorded in ``cache``) where missing; {} outside a git repository."""
    from policygen.builder.git_head import head_commit
    from policygen.history import timelines
    from policygen.problems import ProblemsFound

    if head_commit(project.root) is None:
        return {}
    try:
        found = timelines(project, targets)
    except (ProblemsFound, OSError):  # no git program, or a repository it cannot read: the site without its history
        return {}
    return {(t.org_id, t.policy_id): tuple(_version(project, cache, keys, t, span) for span in reversed(spans))
            for t, spans in found.items() if spans}


def _version(project: Project, cache: BuildCache, keys: InputKeys, target: Target, span):
    from policygen.render.site import TimelineVersion
    from policygen.resolve.values import format_date

    def date(d) -> str:
        return format_date(d, "long")

    document, note = _document(project, cache, keys, target, span)
    redlines, why = _redline(project, cache, keys, target, span)
    approved = " by ".join(p for p in (date(span.approved) if span.approved else None, span.approved_by) if p)
    period = span.period(date)
    return TimelineVersion(span.name, period[:1].upper() + period[1:],
                           span.effective.first_day().isoformat() if span.until is None and span.approved_ahead else None,
                           approved or None, span.summary, document, redlines, note or why)


def _file(project: Project, rel: str, name: str):
    from policygen.render.site import File, size_text

    return File(f"../{rel.split('/', 1)[1]}", name, size_text((project.build_dir / rel).stat().st_size))


def _document(project: Project, cache: BuildCache, keys: InputKeys, target: Target, span):
    """The version's web page, rendered unless the cache has it for the same commit and dates."""
    from policygen.history.pages import render_span, version_file
    from policygen.write import output_path, write_if_changed

    parts = version_file(target, span.version, "html")
    rel = "/".join(parts)
    key = keys.history(target, "version", span.last.commit, span.facts(str))
    if not cache.fresh(rel, key):
        rendered, problems = render_span(project, span, ("html",))
        if rendered is None:
            return None, f"Version {span.version} as committed ({span.last.commit[:7]}) does not load: {problems[0] if problems else 'no policy'}"
        write_if_changed(output_path(project.build_dir, *parts), rendered["html"])
        cache.record(rel, key, rendered["html"])
    return _file(project, rel, "web page"), None


def _redline(project: Project, cache: BuildCache, keys: InputKeys, target: Target, span):
    """The redline from the version before (HTML, Word, changes only), made unless the cache has it
    for the same two commits; the files as ``policygen changes`` names and guards them."""
    from policygen.diff.files import version_name
    from policygen.history.since import NewVersion, write_redline

    old = span.previous
    if old is None:
        return (), None
    words = f"Changes from version {old.version} to {span.version}"
    key = keys.history(target, "redline", old.last.commit, span.last.commit)
    pair = f"{version_name(old.version)}-{version_name(span.version)}"
    rels = [f"{target.org_id}/{target.policy_id}.{kind}.{pair}.{ext}" for kind, ext, _ in _REDLINES]
    if not all(cache.fresh(rel, key) for rel in rels):
        change = NewVersion(target, old, span)
        write_redline(project, change)
        if not change.redlines:
            return (), change.note
        rels = [(project.root / p).resolve().relative_to(project.build_dir.resolve()).as_posix() for p in change.redlines]
        for rel in rels:
            cache.record(rel, key, (project.build_dir / rel).read_bytes())
    return tuple(_file(project, rel, f"{words} ({name})") for rel, (_, _, name) in zip(rels, _REDLINES)), None
