"""Coverage-guided fuzzing of the decode → extract → encoding → normalize → cruft path (atheris).

Any exception other than :class:`cleaner.document.Rejected` is a bug: the
pipeline wraps stage errors into ``error:<stage>`` rejections in production,
so this target calls the stages directly to see them.

    pip install -e '.[fuzz]'
    mkdir -p /tmp/corpus && python fuzz/fuzz_clean.py -max_total_time=60 /tmp/corpus fuzz/seeds   # or: make fuzz
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["cleaner"]):
    from cleaner.document import Document, Rejected
    from cleaner.stages.cruft import RemoveCruft
    from cleaner.stages.decode import Decode
    from cleaner.stages.encoding import FixEncoding
    from cleaner.stages.extract import Extract
    from cleaner.stages.normalize import Normalize

STAGES = [Decode(max_bytes=1 << 20), Extract(), FixEncoding(), Normalize(), RemoveCruft()]
FORMATS = [None, "html", "text"]


def test_one_input(data: bytes) -> None:
    if not data:
        return
    # The first byte picks the format (detected / forced HTML / forced text); the rest is the document.
    doc = Document(raw=data[1:], format=FORMATS[data[0] % 3], path="fuzz.html")
    try:
        for stage in STAGES:
            stage.process(doc)
    except Rejected:
        return
    for line in doc.lines:
        if not isinstance(line, str) or "\n" in line:
            raise AssertionError(f"a block is not one line of text: {line!r}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
