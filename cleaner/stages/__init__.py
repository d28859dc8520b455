"""One module per stage; :mod:`cleaner.pipeline` holds their order."""

from cleaner.stages.base import Stage, StageStats
from cleaner.stages.cruft import RemoveCruft
from cleaner.stages.decode import Decode
from cleaner.stages.emit import Emit
from cleaner.stages.encoding import FixEncoding
from cleaner.stages.extract import Extract
from cleaner.stages.language import DetectLanguage
from cleaner.stages.normalize import Normalize
from cleaner.stages.sentences import SplitSentences

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
