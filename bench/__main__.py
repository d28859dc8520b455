"""``python -m bench [NAME...]``: run the benchmark modules (all by default).

Each module in ``bench/`` with a ``main()`` is one benchmark; it prints its
table and writes it to ``bench/results/NAME.md``.
"""

from __future__ import annotations

import importlib
import sys

MODULES = ["pipeline", "extraction", "cruft", "sentences", "language", "feeds", "scale"]


def main(argv: list[str]) -> int:
    names = argv or MODULES
    for name in names:
        try:
            module = importlib.import_module(f"bench.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"bench.{name}":
                print(f"[bench] {name}: not present, skipped")
                continue
            raise
        print(f"\n===== bench {name} =====", flush=True)
        module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
