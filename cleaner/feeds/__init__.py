"""Scheduled ingestion of RSS/Atom feeds: ``cleaner feeds --config FEEDS.toml --out DIR``.

Modules: :mod:`~cleaner.feeds.config` (the TOML file), :mod:`~cleaner.feeds.safety`
(SSRF and XML screening), :mod:`~cleaner.feeds.http` (the HTTP client),
:mod:`~cleaner.feeds.state` (SQLite state and the run lock),
:mod:`~cleaner.feeds.items` (feed item → article), :mod:`~cleaner.feeds.run`
(one run over every feed) and :mod:`~cleaner.feeds.cli`.
"""
