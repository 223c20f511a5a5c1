"""MkDocs plugins of portavoz: thin adapters from MkDocs events to the core in ``scheduler``."""
