"""The choices a run can make about the standard stages (:mod:`cleaner.pipeline` applies them).

Kept apart from the pipeline so that a run's parent process, which only records which
choices made an output, starts without importing the stages and their libraries: an
incremental re-run with nothing to do never loads them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StageOptions:
    """The choices a run can make about the standard stages, each trading a feature or accuracy for speed.

    Hashable and small: engines send it to their workers, and each worker keeps one pipeline per value.

    >>> StageOptions().tag(), StageOptions(line_model=False, paragraph_languages=False).tag()
    ('', 'rules-only-cruft+no-paragraph-languages')
    """

    line_model: bool = True  # False: the cruft stage's rules alone (about twice as fast on scrapes, less accurate)
    paragraph_languages: bool = True  # False: no per-paragraph language check (the costliest part of sentences)

    def tag(self) -> str:
        """The non-default choices, for the version the incremental state records ('' for the defaults)."""
        off = []
        if not self.line_model:
            off.append("rules-only-cruft")
        if not self.paragraph_languages:
            off.append("no-paragraph-languages")
        return "+".join(off)


DEFAULT_OPTIONS = StageOptions()
