"""Shared fixtures: paths of the committed sample documents."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed" / "000_5de6d4488e662275.txt"


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_batch():
    from jixiao.importers import read_path

    return read_path(SEED)
