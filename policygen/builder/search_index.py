"""The in-browser search: a Pagefind index of the policies and their pages, in build/pagefind/.

Built offline by Pagefind's own binary (the ``pagefind[bin]`` wheel), from page text we hand
it, never from a URL or a file it finds itself; the search box on the home page loads
Pagefind's bundled interface from the same folder, so a static server is all it needs.

Pagefind numbers pages in the order they are added, and its file names are digests of what
it wrote, so pages are added sorted by path: the same library gives the same bytes. It
writes into a scratch folder, read back here, and ``run.py`` puts each file in place
atomically and only when it changed, like every other output.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

SUBDIR = "pagefind"
CONFIG = {"force_language": "en-gb", "keep_index_url": True}


class SearchIndexFailed(RuntimeError):
    pass


def search_index(pages: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """Pagefind's files (path under build/, bytes) for ``pages`` (path under build/, HTML)."""
    import asyncio

    try:
        from pagefind.service import PagefindService
    except ImportError as exc:
        raise SearchIndexFailed("Pagefind is not installed (pip install 'pagefind[bin]')") from exc

    async def index(out: Path) -> None:
        async with PagefindService() as service:
            idx = await service.create_index(CONFIG)
            for rel, data in sorted(pages):
                await idx.add_html_file(content=data.decode("utf-8"), url=f"/{rel}")
            await idx.write_files(str(out))

    with tempfile.TemporaryDirectory(prefix="policygen-pagefind-") as scratch:
        out = Path(scratch) / SUBDIR
        try:
            asyncio.run(index(out))
        except (OSError, AssertionError) as exc:  # no binary for this machine, or it failed
            raise SearchIndexFailed(f"Pagefind could not build the search index: {exc}") from exc
        files = sorted(p for p in out.rglob("*") if p.is_file())
        return [(f"{SUBDIR}/{p.relative_to(out).as_posix()}", p.read_bytes()) for p in files]
