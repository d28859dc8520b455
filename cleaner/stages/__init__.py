"""One module per stage; :mod:`cleaner.pipeline` holds their order.

The stage classes load on first use, so that importing :mod:`cleaner.stages.base` (as the
run report does in a run's parent process) does not import every stage's libraries.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from cleaner.stages.base import Stage, StageStats

if TYPE_CHECKING:
    from cleaner.stages.cruft import RemoveCruft
    from cleaner.stages.decode import Decode
    from cleaner.stages.emit import Emit
    from cleaner.stages.encoding import FixEncoding
    from cleaner.stages.extract import Extract
    from cleaner.stages.language import DetectLanguage
    from cleaner.stages.normalize import Normalize
    from cleaner.stages.sentences import SplitSentences

_HOMES = {
    "Decode": "decode",
    "DetectLanguage": "language",
    "Emit": "emit",
    "Extract": "extract",
    "FixEncoding": "encoding",
    "Normalize": "normalize",
    "RemoveCruft": "cruft",
    "SplitSentences": "sentences",
}

__all__ = [
    "Decode",
    "DetectLanguage",
    "Emit",
    "Extract",
    "FixEncoding",
    "Normalize",
    "RemoveCruft",
    "SplitSentences",
    "Stage",
    "StageStats",
]


def __getattr__(name: str) -> Any:
    """Import a stage's module the first time its class is asked for (PEP 562)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'cleaner.stages' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"cleaner.stages.{home}"), name)
    globals()[name] = value
    return value
