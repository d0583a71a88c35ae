"""``orglib app``: serve the org explorer as a web page (Voilà), on this computer by default."""

from __future__ import annotations

import argparse

from ..explorer import DEFAULT_IP, serve


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "app", help="serve the org explorer as a web page / 以网页形式运行组织设计探索面板",
        description="Serve the org explorer (notebooks/explorer.ipynb) with Voilà: no code cells, "
        "bound to 127.0.0.1 with a generated token unless told otherwise. "
        "用 Voilà 运行组织设计探索面板:不显示代码,默认只监听本机并使用随机令牌。",
    )
    p.add_argument("--port", type=int, default=None, help="port (default 8866 or a free one) / 端口")
    p.add_argument("--ip", default=DEFAULT_IP,
                   help="address to bind (default 127.0.0.1, this computer only) / 监听地址")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser / 不打开浏览器")
    p.add_argument("--no-token", action="store_true",
                   help="serve WITHOUT an access token (anyone reaching the port can use it) / 不使用访问令牌")
    p.add_argument("--token", default=None, help="use this access token instead of a generated one / 指定访问令牌")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="starting language (default zh) / 初始语言")
    p.add_argument("--template", default="", help="starting template id / 初始模板")
    p.add_argument("--export-dir", default=None, help="folder for exported designs (default: here) / 导出目录")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return serve(port=args.port, ip=args.ip, token=args.token, no_token=args.no_token,
                 lang=args.lang, template_id=args.template, export_dir=args.export_dir,
                 open_browser=not args.no_browser)
