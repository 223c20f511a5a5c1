"""Use cases: what a build or a command does, start to end, shared by the CLI and the plugins.

The MkDocs plugins and the CLI commands are adapters over these functions: the policy (which
folders are refused, that feeds need ``site_url``, how a composer is made, which feed is the
site's) is decided here once. The plugins hand each other one :class:`BuildState`.
"""
