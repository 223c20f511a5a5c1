"""Listening: what the community, the press and the competitors say, and who says it.

One module per idea, all pure over frozen dataclasses (nothing here imports mkdocs):

- :mod:`.settings` — sources, rules, departments, crisis policy and people, from plain data;
- :mod:`.fetch` — concurrent, polite, capped HTTP fetching with httpx;
- :mod:`.cache` — per-feed state (ETag, Last-Modified, redirects, gone) and last good copies;
- :mod:`.normalise` — one :class:`~.normalise.Entry` model from any feed, dates in UTC;
- :mod:`.links`, :mod:`.text` — canonical and safe URLs; sanitised HTML, plain text, folding;
- :mod:`.dedup` — one entry per story across feeds;
- :mod:`.rules` — keyword and regex rules that attach labels and route to departments;
- :mod:`.digests`, :mod:`.crisis`, :mod:`.influencers` — the internal outputs;
- :mod:`.pages` — the public hub pages (escaped HTML, never feed markup);
- :mod:`.pipeline` — the steps above, in order, for the plugin and the CLI.
"""
