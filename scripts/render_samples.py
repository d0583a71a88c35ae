"""Render the sample reports into reports/ (``make report``).

多彩's department as it is (``duocai-asis``) against the redesign in
``data/orgs/duocai-tobe.yaml``, in Chinese and English, as HTML, PDF (when Debian's
chromium is installed; otherwise a one-line note says how to get it), PowerPoint and
Excel. Prints each file and the time each report took.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from orglib._core.errors import OrgError  # noqa: E402
from orglib.reporting._render import render  # noqa: E402

SAMPLES = [
    {"org": "duocai-asis", "to_be": ["duocai-tobe"], "lang": "zh",
     "params": {"author": "orglib 示例", "span_target": "coach", "seed": 42, "date": "2026-12-02"}},
    {"org": "duocai-asis", "to_be": ["duocai-tobe"], "lang": "en",
     "params": {"author": "orglib sample", "span_target": "coach", "seed": 42, "date": "2026-12-02"}},
]


def main() -> int:
    out = ROOT / "reports"
    failed = 0
    t_all = time.perf_counter()
    for s in SAMPLES:
        t = time.perf_counter()
        try:
            res = render(s["org"], s["to_be"], lang=s["lang"], out_dir=out, pdf=True, pptx=True, xlsx=True,
                         params=s["params"])
        except OrgError as exc:
            print(f"orglib: {exc}", file=sys.stderr)
            failed += 1
            continue
        for p in res.paths:
            print(Path(p).relative_to(ROOT) if Path(p).is_relative_to(ROOT) else p)
        if res.message:
            print(f"orglib: {res.message}", file=sys.stderr)
        print(f"  {s['lang']}: {time.perf_counter() - t:.1f} s")
    print(f"sample set (HTML+PDF+PPTX+XLSX, {len(SAMPLES)} reports): {time.perf_counter() - t_all:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
