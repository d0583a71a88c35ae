"""Writing files safely: one atomic writer for single files and for sets of files.

Every output orglib writes goes through :func:`atomic_write` (one file) or
:func:`atomic_write_set` (several files that belong together, e.g. a CSV and its
sidecars): each member is written to a temp file beside its target, given the mode a
plain ``open()`` would give (``0666 & ~umask``, so 0644 under umask 022; ``mkstemp``
alone makes 0600), and only then renamed over the target. A failure while writing
leaves every target as it was and no temp file behind.

>>> import os, tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> atomic_write(d / "a.txt", lambda tmp: tmp.write_text("hi"))
>>> (d / "a.txt").read_text(), oct((d / "a.txt").stat().st_mode & 0o777) == oct(0o666 & ~current_umask())
('hi', True)
>>> atomic_write_bytes(d / "b.bin", b"x"); (d / "b.bin").read_bytes()
b'x'
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

TMP_PREFIX = "."
TMP_SUFFIX = ".orglib-tmp"
"""Temp files are ``.<name>.<random>.orglib-tmp`` beside their target."""


def current_umask() -> int:
    """The process umask (read without changing it for longer than one call)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _temp_beside(path: Path) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f"{TMP_PREFIX}{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~current_umask())
    return Path(tmp)


def atomic_write(path: str | os.PathLike, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a temp file beside ``path``, then rename it over ``path``.

    The file gets the usual permissions (``0666 & ~umask``). A failure leaves ``path``
    as it was and no temp file behind.
    """
    atomic_write_set({Path(path): write})


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_write`)."""
    atomic_write(path, lambda tmp: tmp.write_bytes(data))


def atomic_write_text(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_write`), newlines as given."""
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding=encoding, newline="") as fh:
            fh.write(text)
    atomic_write(path, write)


def atomic_write_set(members: Mapping[Path, Callable[[Path], None]]) -> None:
    """Write several files as one set: all temp files first, then all renames.

    If any member fails to write, no target changes. The renames themselves are
    each atomic; they run only after every member was written in full.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "a").write_text("old")
    3
    >>> def boom(tmp): raise OSError("disk full")
    >>> try:
    ...     atomic_write_set({d / "a": lambda t: t.write_text("new"), d / "b": boom})
    ... except OSError:
    ...     pass
    >>> (d / "a").read_text(), sorted(p.name for p in d.iterdir())
    ('old', ['a'])
    """
    temps: dict[Path, Path] = {}
    try:
        for target, write in members.items():
            target = Path(target)
            tmp = _temp_beside(target)
            temps[target] = tmp
            write(tmp)
        for target, tmp in temps.items():
            os.replace(tmp, target)
    except BaseException:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
        raise
