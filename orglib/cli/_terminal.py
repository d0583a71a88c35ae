"""Terminal-safe text: control characters in user data are shown escaped, never sent raw.

A title such as ``"\\x1b]0;PWNED\\x07"`` would retitle (and recolour, move the cursor of,
...) the terminal that prints it. Every line the command line prints goes through
:class:`SafeStream`, which shows C0/C1 control characters (except newline, tab and
carriage return, which the command line itself uses), DEL and the bidirectional
overrides as ``\\xNN``/``\\uNNNN`` escapes; a table cell or a title additionally has
its newlines, tabs and carriage returns escaped (:func:`escape_text`), so one cell
stays on one line.

>>> escape_text("a\\x1b[31mb\\nc")
'a\\\\x1b[31mb\\\\nc'
>>> escape_stream("ok\\n\\x07")
'ok\\n\\\\x07'
"""

from __future__ import annotations

import re
from typing import Any, TextIO

# C0 controls, DEL, C1 controls, bidi embeddings/overrides/isolates, line/paragraph separators
_CONTROL = "\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_ALL = re.compile(f"[{_CONTROL}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _esc(m: re.Match) -> str:
    ch = m.group(0)
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_text(text: Any) -> str:
    """``text`` for one terminal cell: every control character escaped (newlines too)."""
    s = str(text)
    return _ALL.sub(_esc, s) if _ALL.search(s) else s


_KEEP = frozenset("\n\r\t")


def escape_stream(text: str) -> str:
    """``text`` for a terminal stream: control characters escaped, except ``\\n \\r \\t``."""
    if not _ALL.search(text):
        return text
    return _ALL.sub(lambda m: m.group(0) if m.group(0) in _KEEP else _esc(m), text)


class SafeStream:
    """A text stream that escapes control characters on the way to ``target``.

    >>> import io
    >>> buf = io.StringIO(); _ = SafeStream(buf).write("\\x1b]0;x\\x07\\n"); buf.getvalue()
    '\\\\x1b]0;x\\\\x07\\n'
    """

    def __init__(self, target: TextIO):
        self._target = target

    def write(self, text: str) -> int:
        return self._target.write(escape_stream(text))

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, encoding, fileno, buffer ...
        return getattr(self._target, name)
