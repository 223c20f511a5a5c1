"""portavoz core: content model, publish window, social variants, feeds, review, listening.

Nothing in this package imports mkdocs: the MkDocs plugins in ``plugins/`` are thin adapters
over it, and the ``portavoz`` command line uses it directly without building a site.
"""
