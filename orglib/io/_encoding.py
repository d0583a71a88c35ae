"""Read a text file in the encodings Chinese offices use, or say clearly why not.

UTF-8, UTF-8 with BOM and GB18030 (a superset of GBK/GB2312, what Chinese Excel
saves as "CSV") are detected; anything else is an :class:`OrgInputError`, never
mojibake. Bytes that read both as UTF-8 and as GB18030 (short Chinese texts in
GB18030 can be valid UTF-8 too) are read in the encoding whose text looks more like
Chinese or plain text (:func:`text_score`). ``load(..., encoding=...)`` (the command
line's ``--input-encoding``) names the encoding instead (:func:`input_encoding`).

>>> decode_bytes("部门".encode("gb18030"), "a.csv")
('部门', 'gb18030')
>>> decode_bytes("\\ufeffid".encode("utf-8"), "a.csv")
('id', 'utf-8-sig')
"""

from __future__ import annotations

import codecs
import contextlib
import contextvars
import re
from collections.abc import Iterator
from pathlib import Path

from .._core import OrgInputError, Problem

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def sniff_format(data: bytes) -> str | None:
    """What the bytes look like: "xlsx" (zip), "xls" (old Excel), "pdf", "binary" or None (text)."""
    if data.startswith(ZIP_MAGIC):
        return "xlsx"
    if data.startswith(OLE_MAGIC):
        return "xls"
    if data.startswith(b"%PDF"):
        return "pdf"
    head = data[:4096]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return None


_FORCED: contextvars.ContextVar[str | None] = contextvars.ContextVar("orglib_input_encoding", default=None)

SAMPLE_BYTES = 1 << 16
"""How many bytes from the first non-ASCII byte on are scored when both encodings read them."""


@contextlib.contextmanager
def input_encoding(name: str | None) -> Iterator[str | None]:
    """Read text files inside the block in encoding ``name`` (None: detect), as
    :func:`load <orglib.io.load>` does for its ``encoding=`` keyword.

    >>> with input_encoding("GB18030"):
    ...     decode_bytes("部门".encode("gb18030"), "a.csv")
    ('部门', 'gb18030')
    """
    token = _FORCED.set(None if name is None else check_input_encoding(name))
    try:
        yield _FORCED.get()
    finally:
        _FORCED.reset(token)


def check_input_encoding(name: str) -> str:
    """The canonical codec name of ``name`` (``"GBK"`` → ``"gbk"``), or a clear error.

    >>> check_input_encoding("UTF8"), check_input_encoding("utf-8-sig"), check_input_encoding("GB18030")
    ('utf-8', 'utf-8-sig', 'gb18030')
    """
    try:
        info = codecs.lookup(str(name))
    except LookupError:
        raise OrgInputError(
            en=f"encoding: unknown input encoding {name!r} (try utf-8, utf-8-sig or gb18030)",
            zh=f"encoding:未知的输入编码 {name!r}(可用 utf-8、utf-8-sig 或 gb18030)") from None
    return {"utf_8": "utf-8", "utf_8_sig": "utf-8-sig"}.get(info.name.replace("-", "_"), info.name)


_EXPECTED = re.compile("[\x00-\x7f\u00a0-\u00ff\u2010-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def text_score(text: str, encoding: str = "utf-8") -> float:
    """The share of the characters of ``text`` that office files are made of.

    Read as UTF-8: ASCII, Latin-1, punctuation, CJK ideographs (U+4E00-U+9FFF), CJK and
    full-width punctuation. Read as GB18030: ASCII and the characters GB2312 encodes
    first (its symbols and the 3,755 common hanzi of level 1, lead bytes A1-A9 and B0-D7).
    The bytes of one encoding read in the other give rare characters: GB18030 read as
    UTF-8 gives Cyrillic, Armenian, Hebrew ...; UTF-8 read as GB18030 gives level-2 and
    GBK-extension hanzi.

    >>> b = "学院".encode("gb18030")  # valid UTF-8 too: "ѧԺ"
    >>> b.decode("utf-8"), text_score(b.decode("utf-8")), text_score(b.decode("gb18030"), "gb18030")
    ('ѧԺ', 0.0, 1.0)
    >>> u = "专@".encode("utf-8")  # valid GB18030 too: "涓揁"
    >>> u.decode("gb18030"), text_score(u.decode("utf-8")), text_score(u.decode("gb18030"), "gb18030")
    ('涓揁', 1.0, 0.0)
    """
    if not text:
        return 0.0
    if encoding == "gb18030":
        common = 0
        for ch in text:
            if ch < "\x80":
                common += 1
                continue
            b = ch.encode("gb18030")
            common += len(b) == 2 and (0xA1 <= b[0] <= 0xA9 or 0xB0 <= b[0] <= 0xD7)
        return common / len(text)
    return len(_EXPECTED.findall(text)) / len(text)


def guess_encoding(data: bytes) -> str:
    """The encoding :func:`decode_bytes` tries first, from a sample (no full decode):
    the override of :func:`input_encoding`; ``utf-8-sig`` after a BOM; ``utf-8`` for
    ASCII; else UTF-8 unless the sample of the first non-ASCII bytes is not UTF-8, or reads
    as GB18030 too and reads as more common text that way (:func:`text_score`).

    >>> guess_encoding("工号,上级".encode("gb18030")), guess_encoding("工号".encode("utf-8"))
    ('gb18030', 'utf-8')
    >>> guess_encoding("学院".encode("gb18030"))  # bytes that are valid UTF-8 as well
    'gb18030'
    """
    forced = _FORCED.get()
    if forced is not None:
        return forced
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    m = _HIGH.search(data)
    if m is None:
        return "utf-8"
    start = data.rfind(b"\n", 0, m.start()) + 1
    end = data.rfind(b"\n", m.start(), start + SAMPLE_BYTES)  # newline is never inside a GB18030 char
    sample = data[start:end + 1 if end >= 0 else start + SAMPLE_BYTES]
    try:
        as_utf8 = sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if end >= 0 or exc.start < len(sample) - 3:  # not just a character cut at the sample's end
            return "gb18030"
        as_utf8 = sample[: exc.start].decode("utf-8")
    try:
        as_gb = sample.decode("gb18030")
    except UnicodeDecodeError:
        return "utf-8"
    return "gb18030" if text_score(as_gb, "gb18030") > text_score(as_utf8) else "utf-8"


_HIGH = re.compile(rb"[\x80-\xff]")


def decode_bytes(data: bytes, file: str) -> tuple[str, str]:
    """Decode ``data``; returns (text, encoding). Raises OrgInputError otherwise.

    The encoding is :func:`guess_encoding`'s; when the whole file does not decode in
    it, the other of UTF-8 and GB18030 is tried (an encoding named with
    :func:`input_encoding` is the only one tried).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and _FORCED.get() is None:
        raise OrgInputError(
            f"{file}: the file is UTF-16; save it as UTF-8 (CSV UTF-8) or GB18030 "
            f"/ 文件为 UTF-16 编码,请另存为 UTF-8 或 GB18030",
            problems=[Problem(file, None, "", "encoding", "file is UTF-16; save as UTF-8 or GB18030",
                              "文件为 UTF-16 编码,请另存为 UTF-8 或 GB18030")],
        )
    first = guess_encoding(data)
    forced = _FORCED.get() is not None
    try:
        if first == "utf-8-sig":
            return data[3:].decode("utf-8") if data.startswith(b"\xef\xbb\xbf") else data.decode("utf-8"), first
        return data.decode(first), first
    except UnicodeDecodeError as exc:
        if forced or first == "utf-8-sig":
            raise _bad_encoding(file, exc, first if forced else "") from None
        err1 = exc
    other = "gb18030" if first == "utf-8" else "utf-8"
    try:
        return data.decode(other), other
    except UnicodeDecodeError as err2:
        # the encoding that read further is the one the file was meant to be in
        raise _bad_encoding(file, err2 if err2.start > err1.start else err1) from None


def _bad_encoding(file: str, exc: UnicodeDecodeError, named: str = "") -> OrgInputError:
    obj = exc.object if isinstance(exc.object, bytes) else b""
    bad = obj[exc.start: exc.start + 4].hex(" ")
    line = obj.count(b"\n", 0, exc.start) + 1
    col = exc.start - (obj.rfind(b"\n", 0, exc.start) + 1) + 1
    where = f"bytes {bad} on line {line}, byte {col} of the line; offset {exc.start}"
    where_zh = f"第 {line} 行第 {col} 个字节 {bad},偏移 {exc.start}"
    if named:
        msg = f"not {named} text ({where}), the encoding given (encoding=; --input-encoding)"
        zh = f"不是所指定的 {named} 编码({where_zh})(encoding=;--input-encoding)"
    else:
        msg = f"not UTF-8 or GB18030 text ({where}); save it as UTF-8 or GB18030"
        zh = f"既不是 UTF-8 也不是 GB18030 编码({where_zh});请另存为 UTF-8 或 GB18030"
    return OrgInputError(en=f"{file}:{line}: {msg}", zh=f"{file}:{line}: {zh}",
                         problems=[Problem(file, line, "", "encoding", msg, zh)])


def read_text(path: Path, file: str | None = None) -> tuple[str, str]:
    """Read and decode a text file; (text, encoding)."""
    label = file or str(path)
    data = path.read_bytes()
    return decode_bytes(data, label)
