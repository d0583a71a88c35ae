"""``orglib app``: serve the org explorer as a web page (Voilà), on this computer by default."""

from __future__ import annotations

import argparse
import os
import stat
from pathlib import Path

from .._core import OrgInputError
from ._common import add_lang_option

ENV_APP_TOKEN = "ORGLIB_APP_TOKEN"
"""Environment variable holding the user's own token (instead of ``--token`` on the command line)."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "app", help="serve the org explorer as a web page / 以网页形式运行组织设计探索面板",
        description="Serve the org explorer (notebooks/explorer.ipynb) with Voilà: no code cells, "
        "bound to 127.0.0.1 with a generated token unless told otherwise. "
        "用 Voilà 运行组织设计探索面板:不显示代码,默认只监听本机并使用随机令牌。",
    )
    p.add_argument("--port", type=int, default=None, help="port (default 8866 or a free one) / 端口")
    p.add_argument("--ip", default=None,
                   help="address to bind (default 127.0.0.1, this computer only) / 监听地址")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser / 不打开浏览器")
    p.add_argument("--no-token", action="store_true",
                   help="serve WITHOUT an access token (anyone reaching the port can use it) / 不使用访问令牌")
    p.add_argument("--token", default=None,
                   help=f"use this access token (a short one is refused) instead of a "
                   f"generated one; other local users can read a command line, so prefer "
                   f"--token-file or the {ENV_APP_TOKEN} environment variable / 指定访问令牌(过短会被拒绝;"
                   f"命令行对本机其他用户可见,建议用 --token-file 或环境变量 {ENV_APP_TOKEN})")
    p.add_argument("--token-file", default=None, metavar="FILE",
                   help="read the access token from FILE (readable by you only, e.g. mode 0600) "
                   "/ 从文件读取访问令牌(仅本人可读,如 0600)")
    p.add_argument("--idle-timeout", type=int, default=None, metavar="SECONDS",
                   help="shut a kernel down when no page has used it for this long (default 10 minutes) "
                   "/ 内核无页面连接的空闲秒数上限(默认 10 分钟)")
    add_lang_option(p, "starting language and message language")  # the one default: zh, or ORGLIB_LANG
    p.add_argument("--template", default="", help="starting template id / 初始模板")
    p.add_argument("--export-dir", default=None, help="folder for exported designs (default: here) / 导出目录")
    p.set_defaults(func=run)


def _token(args: argparse.Namespace) -> str | None:
    """The user's token: ``--token``, else ``--token-file``, else ``$ORGLIB_APP_TOKEN``, else None (generate)."""
    if args.token is not None:
        return args.token
    if args.token_file:
        path = Path(args.token_file)
        try:
            mode = path.stat().st_mode
            text = path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise OrgInputError(en=f"cannot read the token file {path}: {exc.strerror or exc}",
                                zh=f"无法读取令牌文件 {path}:{exc.strerror or exc}") from None
        if mode & 0o077:
            raise OrgInputError(
                en=f"the token file {path} can be read by other users (mode {stat.S_IMODE(mode):04o}): "
                   f"chmod 600 {path}",
                zh=f"令牌文件 {path} 其他用户可读(权限 {stat.S_IMODE(mode):04o}):请执行 chmod 600 {path}")
        return text
    return os.environ.get(ENV_APP_TOKEN) or None


def run(args: argparse.Namespace) -> int:
    # imported here, not at the top: ``orglib --help`` must not pay for the explorer
    from ..explorer import DEFAULT_IDLE_TIMEOUT, DEFAULT_IP, serve

    if args.ip is None:
        args.ip = DEFAULT_IP
    if args.idle_timeout is None:
        args.idle_timeout = DEFAULT_IDLE_TIMEOUT
    return serve(port=args.port, ip=args.ip, token=_token(args), no_token=args.no_token,
                 lang=args.lang, template_id=args.template, export_dir=args.export_dir,
                 idle_timeout=args.idle_timeout, open_browser=not args.no_browser)
