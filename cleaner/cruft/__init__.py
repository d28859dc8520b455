"""Cruft removal: decide for each block whether it is body, metadata to lift, or page furniture.

The pieces are small and separately testable: :mod:`.signals` (pure per-line
measurements), :mod:`.patterns` (per-class shape + keyword evidence),
:mod:`.lift` (bylines, datelines, headline), :mod:`.stoplists` (jusText stop
lists by ISO code), :mod:`.classifier`, which combines them with context
smoothing and returns one explained decision per block, and for plain-text
scrapes :mod:`.features` + :mod:`.model`, the trained line model that weighs
each line the rules could judge only by its position.
"""

from cleaner.cruft.classifier import Decision, Result, classify

__all__ = ["Decision", "Result", "classify"]
