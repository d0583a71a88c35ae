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

import errno
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from .errors import OrgInputError

TMP_PREFIX = "."
TMP_SUFFIX = ".orglib-tmp"
"""Temp files are ``.<name>.<pid>-<random>.orglib-tmp`` beside their target."""

TEMP_DIR_PREFIX = "orglib-"
"""Temp folders in the system temp directory are ``orglib-<topic>-<pid>-<random>``."""

STALE_SECONDS = 60.0
"""A temp file or folder of ours whose process is gone is removed once it is this old."""

MAX_NAME_BYTES = 255 - len(TMP_PREFIX) - len(TMP_SUFFIX) - 20
"""Longest file name we write: the temp file beside it must fit in 255 bytes too."""

_PID = re.compile(r"\.(\d+)-[^.]*" + re.escape(TMP_SUFFIX) + "$")
_DIR_PID = re.compile(re.escape(TEMP_DIR_PREFIX) + r"[a-z]+-(\d+)-")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def _stale(path: Path, pid: int | None, now: float) -> bool:
    try:
        age = now - path.lstat().st_mtime
    except OSError:
        return False
    if age < STALE_SECONDS:
        return False
    return pid is None or (pid != os.getpid() and not _pid_alive(pid))


def clean_stale_temp(target: str | os.PathLike) -> list[Path]:
    """Remove temp files of ours left beside ``target`` by a killed process.

    A temp file ``.<name>.<pid>-<random>.orglib-tmp`` is stale when its process is gone
    and it is older than :data:`STALE_SECONDS` (an old one without a pid, too).
    Returns the files removed.
    """
    target = Path(target)
    removed = []
    now = time.time()
    try:
        entries = list(target.parent.glob(f"{TMP_PREFIX}{glob_escape(target.name)}.*{TMP_SUFFIX}"))
    except OSError:
        return removed
    for tmp in entries:
        m = _PID.search(tmp.name)
        if _stale(tmp, int(m.group(1)) if m else None, now):
            try:
                tmp.unlink()
                removed.append(tmp)
            except OSError:
                pass
    return removed


def glob_escape(name: str) -> str:
    """``name`` with glob wildcards escaped (``[`` ``*`` ``?``)."""
    return re.sub(r"([\[\]*?])", r"[\1]", name)


def temp_dir_prefix(topic: str) -> str:
    """Prefix for a temp folder of ours: ``orglib-<topic>-<pid>-`` (see :func:`clean_stale_temp_dirs`).

    >>> temp_dir_prefix("report").startswith("orglib-report-")
    True
    """
    return f"{TEMP_DIR_PREFIX}{topic}-{os.getpid()}-"


def clean_stale_temp_dirs(root: str | os.PathLike | None = None) -> list[Path]:
    """Remove ``orglib-<topic>-<pid>-*`` folders in the temp directory whose process is gone."""
    base = Path(root or tempfile.gettempdir())
    removed = []
    now = time.time()
    try:
        entries = list(base.glob(f"{TEMP_DIR_PREFIX}*"))
    except OSError:
        return removed
    for d in entries:
        m = _DIR_PID.match(d.name)
        if m and d.is_dir() and not d.is_symlink() and _stale(d, int(m.group(1)), now):
            shutil.rmtree(d, ignore_errors=True)
            removed.append(d)
    return removed


def check_file_stem(name: str, *, longest_suffix: str = "", what: str = "name") -> str:
    """Refuse an output name that is not a plain file stem (it would escape its folder).

    A stem has no ``/`` or ``\\``, is not ``.`` or ``..``, holds no control character
    and fits in :data:`MAX_NAME_BYTES` with ``longest_suffix`` added.

    >>> check_file_stem("duocai-en")
    'duocai-en'
    >>> check_file_stem("../escaped")
    Traceback (most recent call last):
    ...
    orglib._core.errors.OrgInputError: name '../escaped' must be a file name without folders (no / \\ or ..) / 名称 '../escaped' 必须是不含目录的文件名(不能有 / \\ 或 ..)
    """
    text = str(name)
    zh_what = {"name": "名称", "--name": "--name"}.get(what, what)
    if (not text.strip() or any(c in text for c in "/\\") or text.strip() in (".", "..")
            or any(ord(c) < 32 or ord(c) == 127 for c in text)):
        raise OrgInputError(
            en=f"{what} {text!r} must be a file name without folders (no / \\ or ..)",
            zh=f"{zh_what} {text!r} 必须是不含目录的文件名(不能有 / \\ 或 ..)")
    size = len(os.fsencode(text + longest_suffix))
    if size > MAX_NAME_BYTES:
        raise OrgInputError(en=f"{what} is too long ({size} bytes with {longest_suffix!r}; at most "
                            f"{MAX_NAME_BYTES})",
                            zh=f"{zh_what} 过长(加上 {longest_suffix!r} 为 {size} 字节;最多 {MAX_NAME_BYTES})")
    return text


def _name_error(path: Path, en: str, zh: str, code: str) -> OrgInputError:
    from .errors import Problem

    p = Problem(str(path), None, "", code, en, zh)
    return OrgInputError(en=f"{path}: {en}", zh=f"{path}: {zh}", problems=[p])


def check_target(path: str | os.PathLike) -> Path:
    """Refuse, before any work, a target file that cannot be written.

    The target must not be a folder or a read-only file, its folder must exist and be
    writable, and its name must fit (with the temp file beside it) in 255 bytes.
    Raises :class:`~orglib._core.errors.OrgInputError` naming the file.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> check_target(d / "ok.csv").name
    'ok.csv'
    >>> check_target(d).name  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    orglib._core.errors.OrgInputError: ...: is a folder, not a file / ...: 是文件夹,不是文件
    """
    path = Path(path)
    size = len(os.fsencode(path.name))
    if size > MAX_NAME_BYTES:
        raise _name_error(path, f"file name too long ({size} bytes; at most {MAX_NAME_BYTES})",
                          f"文件名过长({size} 字节;最多 {MAX_NAME_BYTES})", "name_too_long")
    if path.is_dir():
        raise _name_error(path, "is a folder, not a file", "是文件夹,不是文件", "target_is_folder")
    if path.exists() and not path.is_file():
        raise _name_error(path, "is not a regular file", "不是普通文件", "target_not_file")
    if path.is_file() and not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise _name_error(path, "is read-only (clear the read-only flag to replace it)",
                          "是只读文件(取消只读后才能覆盖)", "target_read_only")
    check_folder(path.parent, create=False)
    return path


def check_folder(folder: str | os.PathLike, *, create: bool = True) -> Path:
    """Refuse, before any work, an output folder that cannot be written (creating it if asked).

    >>> import tempfile, pathlib
    >>> check_folder(pathlib.Path(tempfile.mkdtemp()) / "new").is_dir()
    True
    """
    folder = Path(folder) if str(folder) else Path(".")
    if folder.exists() and not folder.is_dir():
        raise _name_error(folder, "is a file, not a folder", "是文件,不是文件夹", "folder_is_file")
    if not folder.exists():
        if not create:
            raise _name_error(folder, "folder does not exist", "文件夹不存在", "no_folder")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _name_error(folder, f"cannot create the folder: {exc.strerror}",
                              f"无法创建文件夹:{exc.strerror}", "folder_not_writable") from None
    try:  # a real probe: permissions, read-only file systems and quotas all show here
        fd, probe = tempfile.mkstemp(prefix=".orglib-probe.", suffix=TMP_SUFFIX, dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        ro = exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
        raise _name_error(folder, "folder is read-only" if ro else f"cannot write in the folder: {exc.strerror}",
                          "文件夹是只读的" if ro else f"无法在文件夹中写入:{exc.strerror}",
                          "folder_not_writable") from None
    return folder


def current_umask() -> int:
    """The process umask (read without changing it for longer than one call)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _temp_beside(path: Path) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f"{TMP_PREFIX}{path.name}.{os.getpid()}-", suffix=TMP_SUFFIX,
                               dir=path.parent)
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
    for target in members:
        size = len(os.fsencode(Path(target).name))
        if size > MAX_NAME_BYTES:
            raise _name_error(Path(target), f"file name too long ({size} bytes; at most {MAX_NAME_BYTES})",
                              f"文件名过长({size} 字节;最多 {MAX_NAME_BYTES})", "name_too_long")
        if Path(target).is_dir():
            raise _name_error(Path(target), "is a folder, not a file", "是文件夹,不是文件", "target_is_folder")
        clean_stale_temp(target)
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
