"""The ``portavoz`` command line: one module per command, all over the pure core."""
