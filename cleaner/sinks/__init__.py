"""Where articles go: atomic files, the incremental state, the run report."""

from cleaner.sinks.files import atomic_write, write_article
from cleaner.sinks.report import RunReport
from cleaner.sinks.state import State

__all__ = ["RunReport", "State", "atomic_write", "write_article"]
