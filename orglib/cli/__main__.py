"""``python -m orglib.cli`` (and ``python -m orglib``) run the command line."""

import sys

from ._main import main

sys.exit(main())
