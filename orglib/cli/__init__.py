"""The ``orglib`` command line: :func:`main` over one module per sub-command (``_<name>.py``)."""

from __future__ import annotations

from ._main import build_parser, main, run

__all__ = ["build_parser", "main", "run"]
