"""Shared test fixtures: where the reference data lives, and a skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """Path inside the reference data beside the project; skip the test if absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference data not available: ../shared/{'/'.join(parts)} is absent")
    return path


@pytest.fixture
def shared() -> type:
    class _Shared:
        path = staticmethod(shared_path)

    return _Shared


# Property tests draw the same examples on every run: a failure seen once is seen again (and CI is deterministic).
settings.register_profile("deterministic", derandomize=True, database=None)
settings.load_profile("deterministic")
