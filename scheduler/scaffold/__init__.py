"""``portavoz new``: a brand site of one's own, in English or Spanish, ready to build and push.

The scaffold is rendered from templates shipped in this package (``templates/``): the
language-neutral structure (``mkdocs.yml``, the GitHub workflows) once in ``shared/`` with its
words from ``<lang>/texts.yml``, the prose (posts, README) once per language. This
repository's own ``.github/workflows`` are rendered from the same templates.
"""
