"""The ``orglib`` command line: one sub-command per module in :mod:`orglib.cli`.

Each command module exposes ``register(subparsers)``; the parser it adds sets
``func(args) -> int``. A user's mistake (:class:`~orglib._core.errors.OrgError`) is printed
as plain lines and exits non-zero; it never shows a traceback.

Exit codes: 0 success, 1 problems found (validation) or a failed job, 2 input that
cannot be read or a bad command line.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .._core import OrgError, OrgInputError, OrgValidationError

# Command modules (orglib.cli._<name>), in the order `orglib --help` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "convert", "validate", "templates", "spans", "compare", "layouts", "raci",
    "workflows", "simulate", "latency", "sweep", "report", "app",
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (also used as the console script)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    lang = getattr(args, "lang", "en") or "en"
    try:
        return int(args.func(args) or 0)
    except OrgValidationError as exc:
        print(exc.text(lang), file=sys.stderr)
        return 1
    except OrgInputError as exc:
        print(f"orglib: {exc}", file=sys.stderr)
        return 2
    except OrgError as exc:
        print(f"orglib: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("orglib: interrupted / 已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def run() -> None:  # pragma: no cover - console entry
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
