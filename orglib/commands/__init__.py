"""Sub-commands of the ``orglib`` command line, one module each (see :mod:`orglib.cli`)."""
