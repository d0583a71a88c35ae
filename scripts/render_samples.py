"""Render the sample reports into reports/ (``make report``).

多彩's department as it is (``duocai-asis``) against the redesign in
``data/orgs/duocai-tobe.yaml``, in Chinese and English, as HTML and PDF (PDF when
Debian's chromium is installed; otherwise a one-line note says how to get it).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from orglib._core.errors import OrgError  # noqa: E402
from orglib.reporting._render import render  # noqa: E402

SAMPLES = [
    {"org": "duocai-asis", "to_be": ["duocai-tobe"], "lang": "zh",
     "params": {"author": "orglib 示例", "span_target": "coach", "seed": 42}},
    {"org": "duocai-asis", "to_be": ["duocai-tobe"], "lang": "en",
     "params": {"author": "orglib sample", "span_target": "coach", "seed": 42}},
]


def main() -> int:
    out = ROOT / "reports"
    failed = 0
    for s in SAMPLES:
        try:
            res = render(s["org"], s["to_be"], lang=s["lang"], out_dir=out, pdf=True, params=s["params"])
        except OrgError as exc:
            print(f"orglib: {exc}", file=sys.stderr)
            failed += 1
            continue
        for p in res.paths:
            print(Path(p).relative_to(ROOT) if Path(p).is_relative_to(ROOT) else p)
        if res.message:
            print(f"orglib: {res.message}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
