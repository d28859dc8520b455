"""Where the work runs: this process, local worker processes, or Ray."""

from cleaner.engines.local import LocalEngine

__all__ = ["LocalEngine"]
