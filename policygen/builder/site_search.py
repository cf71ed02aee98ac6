"""The in-browser search: a Pagefind index of the policies and their pages, in build/pagefind/.

Built offline by Pagefind's own binary (the ``pagefind[bin]`` wheel) over a scratch copy of
the pages as they should be indexed, never over a URL or a file it finds itself; the search
box on the home page loads Pagefind's bundled interface from the same folder, so a static
server is all the site needs. ``run.py`` puts each file in place atomically and only when it
changed, like every other output.

The command line, not Pagefind's Python service: the service answers "written" while its
last files are still being flushed, and closing it then left some of them empty. The
command sorts the pages it finds, so the same library gives the same bytes (the service
numbers pages in the order they are added).
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from markupsafe import escape

SUBDIR = "pagefind"
OPTIONS = ["--force-language", "en-gb", "--keep-index-url", "--quiet"]


class SearchIndexFailed(RuntimeError):
    pass


_BODY = re.compile(r"<body\b[^>]*>")


def titled(html: str, title: str) -> str:
    """The page as Pagefind reads it, its result named ``title``: a policy's document is
    headed by its title alone, and the result has to say whose policy it is."""
    mark = f'<p data-pagefind-meta="title" hidden>{escape(title)}</p>'
    return _BODY.sub(lambda m: m[0] + mark, html, count=1)


def _executable() -> Path:
    try:
        from pagefind.service import get_executable

        found = get_executable()  # $PAGEFIND_BINARY_PATH, the wheel's binary, or one on the PATH
    except ImportError:
        found = None
    if found is None:
        raise SearchIndexFailed("Pagefind is not installed (pip install 'pagefind[bin]')")
    return found


def search_index(pages: list[tuple[str, str]]) -> list[tuple[str, bytes]]:
    """Pagefind's files (path under build/, bytes) for ``pages`` (path under build/, HTML text)."""
    with tempfile.TemporaryDirectory(prefix="policygen-pagefind-") as scratch:
        site, out = Path(scratch) / "site", Path(scratch) / SUBDIR
        for rel, html in pages:
            path = site / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
        command = [str(_executable()), "--site", str(site), "--output-path", str(out), *OPTIONS]
        try:
            subprocess.run(command, check=True, capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.SubprocessError) as exc:
            detail = getattr(exc, "stderr", None) or str(exc)
            raise SearchIndexFailed(f"Pagefind could not build the search index: {detail.strip()}") from None
        files = sorted(p for p in out.rglob("*") if p.is_file())
        return [(f"{SUBDIR}/{p.relative_to(out).as_posix()}", p.read_bytes()) for p in files]
