"""Shared fixtures. Tests that need ../shared skip with a clear reason when it is absent."""
from __future__ import annotations

import pytest

from analysis import paths

SHARED_REASON = (
    f"needs the real corpora/benchmarks in {paths.SHARED} (../shared beside the project); "
    "absent here, so this check is skipped. CI has it."
)
requires_shared = pytest.mark.skipif(not paths.shared_available(), reason=SHARED_REASON)


@pytest.fixture
def shared():
    """Path of ../shared; skips the test when it is absent."""
    if not paths.shared_available():
        pytest.skip(SHARED_REASON)
    return paths.SHARED


@pytest.fixture
def seed_text() -> str:
    """The motivating article from ../shared/corpora/seed (skips when absent)."""
    if not paths.SEED.is_dir():
        pytest.skip(SHARED_REASON)
    files = sorted(p for p in paths.SEED.glob("*.txt"))
    return files[0].read_text(encoding="utf-8")
