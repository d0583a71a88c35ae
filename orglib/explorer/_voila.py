"""The Voilà server of ``orglib app``: ``python -m orglib.explorer._voila NOTEBOOK [voila options]``.

Plain Voilà with three settings a command line cannot carry:

* **the page's kernel is shut when the page closes.** Voilà's page sends
  ``POST /voila/api/shutdown/<kernel>`` on ``beforeunload`` with the ``_xsrf`` cookie as
  its form field, but Voilà never sets that cookie, so the request is refused (403,
  "'_xsrf' argument missing") and the kernel keeps running. :func:`set_xsrf_cookie`
  (a ``prelaunch_hook``) sets it when the page is served; XSRF protection stays on.
* **uploads up to** ``MAX_MESSAGE_BYTES`` reach the kernel (tornado's websocket default,
  10 MiB, drops bigger messages without a word), so a file above the panel's limit is
  refused with a message.
* the token is read from the environment (``JUPYTER_TOKEN``), never from argv.
"""

from __future__ import annotations

import sys
from typing import Any

from ._app import MAX_MESSAGE_BYTES


def set_xsrf_cookie(req: Any, notebook: Any = None, cwd: str = "") -> None:
    """Voilà ``prelaunch_hook``: touching ``xsrf_token`` makes tornado set the ``_xsrf`` cookie."""
    req.xsrf_token  # noqa: B018 - the property sets the cookie on the response


def config() -> Any:
    """The traitlets config the launcher adds to the command line's."""
    from traitlets.config import Config

    cfg = Config()
    cfg.VoilaConfiguration.prelaunch_hook = set_xsrf_cookie
    cfg.Voila.tornado_settings = {"websocket_max_message_size": MAX_MESSAGE_BYTES}
    return cfg


def main(argv: list[str] | None = None) -> None:
    from voila.app import Voila

    Voila.launch_instance(sys.argv[1:] if argv is None else argv, config=config())


if __name__ == "__main__":
    main()
