"""The ``orglib`` command line: one sub-command per module in :mod:`orglib.cli`.

Each command module exposes ``register(subparsers)``; the parser it adds sets
``func(args) -> int``. A failure is printed as one line (see :mod:`orglib.cli._errors`)
in the language ``--lang`` chose (both languages when none was chosen) and exits
non-zero; it never shows a traceback unless ``--debug`` asks for one. Output is
Chinese unless ``--lang en`` (or ``ORGLIB_LANG=en``) says otherwise, for every command.

Exit codes: 0 success, 1 problems found (validation) or a failed job, 2 input that
cannot be read (an empty file included), a target that cannot be written, or a bad
command line.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Sequence

from .._core import OrgError
from ._common import default_lang, env_lang
from ._errors import describe
from ._terminal import SafeStream

# Command modules (orglib.cli._<name>), in the order `orglib --help` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "convert", "validate", "templates", "spans", "compare", "layouts", "raci",
    "workflows", "simulate", "latency", "sweep", "report", "app", "teach",
)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every available sub-command."""
    parser = argparse.ArgumentParser(
        prog="orglib",
        description="Design marketing departments (市场部): load, validate, analyse, "
        "simulate and report. 市场部组织设计工具。",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks / 显示调试信息")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"orglib.cli._{name}").register(sub)
    for p in sub.choices.values():  # `orglib validate x --debug` works too
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                       help="show tracebacks / 显示调试信息")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (also used as the console script).

    Everything printed goes through :class:`~orglib.cli._terminal.SafeStream` (control
    characters in user data are shown escaped); every failure is one line from
    :func:`~orglib.cli._errors.describe` (``--debug`` shows the traceback instead).
    """
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    chosen = getattr(args, "lang", None) or env_lang()
    if hasattr(args, "lang") and args.lang is None:
        args.lang = default_lang()
    sources = [str(s) for s in ([getattr(args, "source", None)] + list(getattr(args, "sources", None) or []))
               if s]
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:
        return 0
    except BaseException as exc:
        if isinstance(exc, SystemExit):
            raise
        if getattr(args, "debug", False) and not isinstance(exc, OrgError | KeyboardInterrupt):
            raise
        lines, code = describe(exc, chosen, sources)
        for line in lines:
            print(line, file=sys.stderr)
        if getattr(args, "debug", False):
            traceback.print_exc()
        return code


def run() -> None:  # pragma: no cover - console entry
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
