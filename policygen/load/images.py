"""Pictures (figures, the logo) from the organisation's own folder, and nowhere else.

A picture's ``src`` is a path relative to the organisation's folder. It may
not be a URL, absolute, escape the folder (``..`` or a symlink leading out),
or be of a type every format cannot carry: the build must never fetch from
the network or read a file the organisation did not put in its folder, and a
picture named ``.png`` that is not a PNG would break Word or the PDF late.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# suffix → media type; the first bytes each type must start with.
MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}
_SIGNATURES = {"image/png": (b"\x89PNG\r\n\x1a\n",), "image/jpeg": (b"\xff\xd8\xff",)}
# Word (python-docx) embeds bitmaps only: an SVG needs a PNG or JPEG fallback for the DOCX.
BITMAP_TYPES = frozenset({"image/png", "image/jpeg"})
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class BadPicture(ValueError):
    """Why a picture's src cannot be used; the message completes 'src: …'."""


@dataclass(frozen=True)
class PictureFile:
    """A validated picture: where it is, what it is and its bytes."""

    src: str  # as written, relative to the organisation's folder
    path: Path  # resolved, inside the folder
    media_type: str
    data: bytes


def check_relative(src: str, things: str, error: type[ValueError]) -> None:
    """``src`` is a relative path staying inside the folder it is read from: not a URL, not
    absolute, no ``..``. ``things`` names what belongs in the folder ("pictures")."""
    if _SCHEME.match(src) or src.startswith("//"):
        raise error(f"'{src}' is a URL; give the path of a file inside the organisation's folder")
    if src.startswith(("/", "\\")):  # a Windows drive ("C:") already reads as a URL scheme
        raise error(f"'{src}' is an absolute path; give a path relative to the organisation's folder")
    if ".." in PurePosixPath(src.replace("\\", "/")).parts:
        raise error(f"'{src}' leads outside the organisation's folder; keep {things} inside it")


def resolve_inside(folder: Path, src: str, things: str, error: type[ValueError]) -> Path:
    """The file ``src`` (already checked by check_relative) names in ``folder``, which it must not
    leave through a link, and which must exist."""
    base = folder.resolve()
    path = (folder / src).resolve()
    if not path.is_relative_to(base):
        raise error(f"'{src}' is a link leading outside the organisation's folder; keep {things} inside it")
    if not path.is_file():
        raise error(f"'{src}' does not exist in the organisation's folder")
    return path


def open_picture(folder: Path, src: str) -> PictureFile:
    """The picture ``src`` names inside ``folder``; BadPicture if it is not one we may use."""
    check_relative(src, "pictures", BadPicture)
    media_type = MEDIA_TYPES.get(PurePosixPath(src).suffix.lower())
    if media_type is None:
        raise BadPicture(f"'{src}' is not a PNG, JPEG or SVG file (.png, .jpg, .jpeg, .svg)")
    path = resolve_inside(folder, src, "pictures", BadPicture)
    data = path.read_bytes()
    signatures = _SIGNATURES.get(media_type)
    if signatures and not data.startswith(signatures):
        raise BadPicture(f"'{src}' is not a {media_type.split('/')[1].upper()} file, whatever its name says")
    if media_type == "image/svg+xml" and b"<svg" not in data[:4096]:
        raise BadPicture(f"'{src}' is not an SVG file, whatever its name says")
    return PictureFile(src, path, media_type, data)
