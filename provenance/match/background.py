"""Rarity of features in a background corpus of unrelated code, and the chance baseline.

A feature seen in many documents of the background (a `return x` statement shape, a getter,
the k-grams of a main guard) weighs little; one never seen weighs 1. The table ships with the
package (`provenance/data/background.npz`) and is rebuilt by `tools/build_background.py`
from any corpus. It also holds the null distribution of unit-pair scores: how well unrelated
units of a given size align, which turns every reported score into a chance baseline.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from provenance.match.features import stable_hash

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "background.npz"
CHANNELS = ("fine", "coarse", "kgram", "literal", "word")
SIZE_BUCKETS = (1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128)


@dataclass(slots=True)
class Background:
    documents: int
    frequencies: dict[str, dict[int | str, int]] = field(default_factory=dict)
    null_mean: list[float] = field(default_factory=list)
    null_std: list[float] = field(default_factory=list)
    null_pairs: int = 0
    _weights: dict[tuple[str, int | str], float] = field(default_factory=dict, repr=False)
    """weights already computed: scoring asks for the same features many times"""

    def weight(self, channel: str, key: int | str) -> float:
        """Inverse document frequency scaled to [0, 1]: 1 for unseen, near 0 for ubiquitous."""
        known = self._weights.get((channel, key))
        if known is not None:
            return known
        hashed = stable_hash(key) if isinstance(key, str) else key
        df = self.frequencies.get(channel, {}).get(hashed, 0)
        if df == 0 or self.documents <= 1:
            value = 1.0
        else:
            value = max(
                0.0, math.log((self.documents + 1) / (df + 1)) / math.log(self.documents + 1)
            )
        self._weights[(channel, key)] = value
        return value

    def chance(self, statements: int) -> tuple[float, float]:
        """(mean, std) of the structure score of unrelated unit pairs of this size."""
        if not self.null_mean:
            return 0.1, 0.1
        bucket = bucket_of(statements)
        return self.null_mean[bucket], max(self.null_std[bucket], 0.02)


def bucket_of(statements: int) -> int:
    for index, bound in enumerate(SIZE_BUCKETS):
        if statements <= bound:
            return index
    return len(SIZE_BUCKETS) - 1


def save_background(background: Background, path: Path = DATA_FILE) -> None:
    arrays: dict[str, np.ndarray] = {
        "documents": np.array([background.documents], dtype=np.int64),
        "null_mean": np.array(background.null_mean, dtype=np.float64),
        "null_std": np.array(background.null_std, dtype=np.float64),
        "null_pairs": np.array([background.null_pairs], dtype=np.int64),
    }
    for channel, table in background.frequencies.items():
        keys = np.fromiter((int(k) for k in table), dtype=np.uint64, count=len(table))
        arrays[f"{channel}_keys"] = keys
        arrays[f"{channel}_counts"] = np.fromiter(table.values(), dtype=np.uint32, count=len(table))
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **arrays)


@cache
def load_background(path: Path = DATA_FILE) -> Background:
    """The shipped table; an empty one (every feature weighs 1) when none is installed."""
    if not path.is_file():
        return Background(documents=0)
    with np.load(path) as data:
        frequencies = {
            channel: dict(
                zip(
                    data[f"{channel}_keys"].tolist(),
                    data[f"{channel}_counts"].tolist(),
                    strict=True,
                )
            )
            for channel in CHANNELS
            if f"{channel}_keys" in data
        }
        return Background(
            documents=int(data["documents"][0]),
            frequencies=frequencies,
            null_mean=data["null_mean"].tolist(),
            null_std=data["null_std"].tolist(),
            null_pairs=int(data["null_pairs"][0]),
        )
