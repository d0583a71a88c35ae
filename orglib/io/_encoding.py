"""Read a text file in the encodings Chinese offices use, or say clearly why not.

UTF-8, UTF-8 with BOM and GB18030 (a superset of GBK/GB2312, what Chinese Excel
saves as "CSV") are detected; anything else is an :class:`OrgInputError`, never
mojibake.

>>> decode_bytes("部门".encode("gb18030"), "a.csv")
('部门', 'gb18030')
>>> decode_bytes("\\ufeffid".encode("utf-8"), "a.csv")
('id', 'utf-8-sig')
"""

from __future__ import annotations

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


def decode_bytes(data: bytes, file: str) -> tuple[str, str]:
    """Decode ``data``; returns (text, encoding). Raises OrgInputError otherwise."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _bad_encoding(file, exc) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise OrgInputError(
            f"{file}: the file is UTF-16; save it as UTF-8 (CSV UTF-8) or GB18030 "
            f"/ 文件为 UTF-16 编码,请另存为 UTF-8 或 GB18030",
            problems=[Problem(file, None, "", "encoding", "file is UTF-16; save as UTF-8 or GB18030",
                              "文件为 UTF-16 编码,请另存为 UTF-8 或 GB18030")],
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as first:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError as second:
            # the encoding that read further is the one the file was meant to be in
            raise _bad_encoding(file, second if second.start > first.start else first) from None


def _bad_encoding(file: str, exc: UnicodeDecodeError) -> OrgInputError:
    obj = exc.object if isinstance(exc.object, bytes) else b""
    bad = obj[exc.start: exc.start + 4].hex(" ")
    line = obj.count(b"\n", 0, exc.start) + 1
    col = exc.start - (obj.rfind(b"\n", 0, exc.start) + 1) + 1
    msg = (f"not UTF-8 or GB18030 text (bytes {bad} on line {line}, byte {col} of the line; offset "
           f"{exc.start}); save it as UTF-8 or GB18030")
    zh = (f"既不是 UTF-8 也不是 GB18030 编码(第 {line} 行第 {col} 个字节 {bad},偏移 {exc.start});"
          "请另存为 UTF-8 或 GB18030")
    return OrgInputError(en=f"{file}:{line}: {msg}", zh=f"{file}:{line}: {zh}",
                         problems=[Problem(file, line, "", "encoding", msg, zh)])


def read_text(path: Path, file: str | None = None) -> tuple[str, str]:
    """Read and decode a text file; (text, encoding)."""
    label = file or str(path)
    data = path.read_bytes()
    return decode_bytes(data, label)
