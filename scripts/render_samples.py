"""Main job: render the sample reports (placeholder until the report module lands:
validates and prints every shipped design)."""

from __future__ import annotations

import sys

from orglib.cli import main

if __name__ == "__main__":
    sys.exit(main(["templates"]))
