"""Options and helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from typing import Any

from .._core import OrgInputError

SOURCE_HELP = "org file or template id / 组织文件或模板编号"
SOURCES_HELP = "org files or template ids / 组织文件或模板编号"


def org_command(sub: argparse._SubParsersAction, name: str, *, help: str, description: str,
                many: bool = False, optional: bool = False, metavar: str = "PATH|ID",
                source_help: str = SOURCE_HELP) -> argparse.ArgumentParser:
    """A sub-command that reads one org (``source``) or several (``sources``, ``many=True``).

    The command adds its own options, then calls :func:`finish_command`.
    """
    p = sub.add_parser(name, help=help, description=description)
    if many:
        p.add_argument("sources", nargs="+", metavar=metavar, help=SOURCES_HELP)
    else:
        p.add_argument("source", nargs="?" if optional else None, metavar=metavar, help=source_help)
    return p


def finish_command(p: argparse.ArgumentParser, run: Any, *, json_option: bool = True) -> None:
    """The options every org-reading command shares (``--json``, the load options, ``--lang``),
    and its ``run`` function."""
    if json_option:
        p.add_argument("--json", action="store_true", help="print JSON / 输出 JSON")
    add_load_options(p)
    add_lang_option(p)
    p.set_defaults(func=run)


def add_load_options(parser: argparse.ArgumentParser) -> None:
    """``--map``, ``--no-manager``, ``--sheet``, ``--junior``, ``--add-root``, ``--where``,
    ``--input-encoding``: how to read a client's HR file."""
    parser.add_argument(
        "--map", metavar="FIELD=COL,...", action="append", default=[],
        help="map fields to columns, e.g. id=工号,reports_to=上级工号,headcount=定员 / 字段映射",
    )
    parser.add_argument(
        "--no-manager", metavar="VALUE", action="append", default=[],
        help="a reports_to value meaning 'no manager' (repeatable; empty, NULL, N/A, - ... and self "
             "always count) / 表示无上级的值",
    )
    parser.add_argument(
        "--sheet", metavar="NAME|NUMBER", default=None,
        help="XLSX sheet holding the posts, by name or number from 1 / 读取的工作表(名称或序号)",
    )
    parser.add_argument(
        "--junior", metavar="FILE", default=None,
        help="a UK organogram's junior file, joined to its senior file / 并入的初级岗位表",
    )
    parser.add_argument(
        "--add-root", metavar="TITLE", default=None,
        help="add one head (headcount 0, source: assumed) over several top posts / 在多个最高岗位上增加一个负责人",
    )
    parser.add_argument(
        "--where", metavar="COLUMN=VALUE", action="append", default=[],
        help="keep only rows where COLUMN is VALUE, e.g. Status=Current (repeatable) / 只保留满足条件的行",
    )
    parser.add_argument(
        "--input-encoding", metavar="NAME", default=None,
        help="text encoding of a CSV/YAML/JSON input, e.g. gb18030 or utf-8, instead of detecting it "
             "(UTF-8, UTF-8 with BOM and GB18030 are detected) / 输入文件的文本编码(默认自动识别)",
    )
    add_limit_options(parser)


def add_limit_options(parser: argparse.ArgumentParser) -> None:
    """``--max-rows`` and ``--max-bytes``: what one input file may cost (see orglib.io limits)."""
    parser.add_argument("--max-rows", type=_positive_int, default=None, metavar="N",
                        help="refuse a table of more rows (default 2000000) / 每张表的最大行数")
    parser.add_argument("--max-bytes", type=_byte_size, default=None, metavar="SIZE",
                        help="refuse a larger file, e.g. 512M or 2G (default 256M; an XLSX may inflate "
                        "to 4x) / 文件大小上限")


def _positive_int(text: str) -> int:
    try:
        n = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


def _byte_size(text: str) -> int:
    """``"512M"`` → 536870912 (K, M, G, T are powers of 1024; a bare number is bytes).

    >>> _byte_size("512M"), _byte_size("1000")
    (536870912, 1000)
    """
    t = text.strip().upper().removesuffix("IB").removesuffix("B")
    mult = {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}.get(t[-1:], 1)
    try:
        n = float(t[:-1] if mult > 1 else t) * mult
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a size like 512M or 2G, got {text!r}") from None
    if not math.isfinite(n) or n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 byte, got {text!r}")
    return int(n)


def limit_options(args: argparse.Namespace) -> dict[str, Any]:
    """``max_rows``/``max_bytes`` for :func:`orglib.load` from ``--max-rows``/``--max-bytes``."""
    return {k: getattr(args, k) for k in ("max_rows", "max_bytes") if getattr(args, k, None) is not None}


LANG_ENV = "ORGLIB_LANG"
"""Environment variable giving the default language of every command (``zh`` or ``en``)."""


def env_lang() -> str | None:
    """The language ``ORGLIB_LANG`` chooses, or None."""
    value = os.environ.get(LANG_ENV, "").strip().lower()
    return value if value in ("zh", "en") else None


def default_lang() -> str:
    """The language of a command run without ``--lang``: ``ORGLIB_LANG``, else Chinese.

    One rule for every command (output and messages); errors of a run where no language
    was chosen at all are printed in both languages.
    """
    return env_lang() or "zh"


def add_lang_option(parser: argparse.ArgumentParser, help: str = "output and message language") -> None:
    """``--lang zh|en``: the language of the output and of every message (default Chinese)."""
    parser.add_argument("--lang", choices=("zh", "en"), default=None,
                        help=f"{help} (default zh, or ORGLIB_LANG) / 语言(默认中文)")


def parse_pairs(items: str | list[str], option: str, shape: str, shape_zh: str = "", *,
                split_last: bool = False) -> list[tuple[str, str]]:
    """``"a=1,b=2"`` (or a list of such) → ``[("a", "1"), ("b", "2")]``; a bad part is an error.

    ``shape``/``shape_zh`` name the expected form in the message (e.g. ``"FIELD=COLUMN"``);
    ``split_last`` splits at the last ``=`` (for names that may contain one).

    >>> parse_pairs(["id=工号,title=岗位"], "--map", "FIELD=COLUMN")
    [('id', '工号'), ('title', '岗位')]
    """
    pairs: list[tuple[str, str]] = []
    for item in [items] if isinstance(items, str) else items:
        for part in item.split(","):
            part = part.strip()
            if not part:
                continue
            if "=" not in part:
                raise OrgInputError(f"{option} expects {shape}, got {part!r} / {option} 需要 {shape_zh or shape}")
            key, value = part.rsplit("=", 1) if split_last else part.split("=", 1)
            pairs.append((key.strip(), value.strip()))
    return pairs


def parse_map(items: list[str]) -> dict[str, str]:
    """``["id=工号,title=岗位"]`` → ``{"id": "工号", "title": "岗位"}``.

    >>> parse_map(["id=工号,title=岗位", "unit=部门"])
    {'id': '工号', 'title': '岗位', 'unit': '部门'}
    """
    return dict(parse_pairs(items, "--map", "FIELD=COLUMN", "字段=列名"))


def load_options(args: argparse.Namespace) -> dict[str, Any]:
    """Keyword options for :func:`orglib.load` from the parsed load options."""
    opts: dict[str, Any] = {}
    if getattr(args, "map", None):
        opts["mapping"] = parse_map(args.map)
    if getattr(args, "no_manager", None):
        opts["no_manager"] = list(args.no_manager)
    for name in ("sheet", "junior", "add_root"):
        if getattr(args, name, None):
            opts[name] = getattr(args, name)
    if getattr(args, "where", None):
        opts["where"] = parse_pairs(args.where, "--where", "COLUMN=VALUE", "列名=值")
    if getattr(args, "input_encoding", None):
        opts["encoding"] = args.input_encoding  # load(encoding=): how the input is read
    return opts


def load_org(args: argparse.Namespace, source: str):
    """Load a path or a template id with the command's load options."""
    from ..io import load

    return load(source, **load_options(args), **limit_options(args))


JSON_DECIMALS = 4
"""Decimals a float keeps in ``--json`` output (smaller magnitudes keep as many
significant digits): what a person reads, without float noise."""


def json_number(value: float) -> float | None:
    """A float as every ``--json`` output writes it: NaN/inf → None, otherwise rounded to
    :data:`JSON_DECIMALS` decimals (a value below 10⁻⁴ keeps 4 significant digits), so
    ``15.600000000000001`` is ``15.6`` and ``1/3`` is ``0.3333``. The one rule of every
    ``--json`` writer (:func:`jsonable`); files orglib saves keep full precision.

    >>> json_number(15.600000000000001), json_number(1 / 3), json_number(2e-7 / 3), json_number(48500.55)
    (15.6, 0.3333, 6.667e-08, 48500.55)
    >>> json_number(float("inf")) is None
    True
    """
    f = float(value)
    if math.isnan(f) or math.isinf(f):
        return None
    if f == 0 or abs(f) >= 10 ** -JSON_DECIMALS:
        r = round(f, JSON_DECIMALS)
        return 0.0 if r == 0 else r
    return float(f"{f:.{JSON_DECIMALS}g}")


def jsonable(obj: Any) -> Any:
    """Turn pandas/numpy results into plain JSON values (NaN/inf → None, floats rounded
    by :func:`json_number`)."""
    import numpy as np  # here, not at the top: `orglib --help` does not load numpy/pandas
    import pandas as pd

    def plain(obj: Any) -> Any:
        if isinstance(obj, pd.DataFrame):
            return [plain(r) for r in obj.to_dict("records")]
        if isinstance(obj, pd.Series):
            return {str(k): plain(v) for k, v in obj.items()}
        if isinstance(obj, dict):
            return {str(k): plain(v) for k, v in obj.items()}
        if isinstance(obj, list | tuple | set):
            return [plain(v) for v in obj]
        if isinstance(obj, np.ndarray):
            return [plain(v) for v in obj.tolist()]
        if isinstance(obj, np.bool_ | bool):
            return bool(obj)
        if isinstance(obj, np.integer):
            return int(obj)
        if isinstance(obj, float | np.floating):
            return json_number(obj)
        if hasattr(obj, "to_dict") and callable(obj.to_dict):
            return plain(obj.to_dict())
        return obj

    return plain(obj)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def print_json(obj: Any) -> None:
    """Print ``obj`` as UTF-8 JSON (Chinese kept readable; control characters as ``\\uXXXX``).

    >>> print_json({"t": "a\x1b[31m\x9b"})
    {
      "t": "a\\u001b[31m\\u009b"
    }
    """
    text = json.dumps(jsonable(obj), ensure_ascii=False, indent=2)
    text = _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
    sys.stdout.write(text + "\n")
