"""Real data for the pages that train classifiers: scikit-learn's bundled data sets and seeded splits.

Pure and deterministic: the data sets ship inside scikit-learn's wheel (nothing is downloaded), the
synthetic clouds and every split come from a seed, so a link reopens the same data. Arrays are
read-only, because loaders are cached and shared between pages.

- `iris_petals`: Fisher's iris, its two petal measurements, three species.
- `three_clouds`: three Gaussian clouds in the plane whose overlap the user sets.
- `digits`: 1,797 handwritten digits of 8 × 8 pixels (UCI's optical recognition set).
- `stratified_split` and `prepare`: train / validation / test parts with the classes in proportion,
  features standardised with the training part's mean and spread.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

CLOUD_RADIUS = 2.0  # the clouds' centres lie on a circle of this radius, 120° apart
CLOUD_SEED = 20240601


def _frozen(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)
    return array


@dataclass(frozen=True, eq=False)
class Dataset:
    """Features, one row per sample, and their classes, with the names to show."""

    name: str
    features: np.ndarray  # (n, D) float64, in the data set's own units
    labels: np.ndarray  # (n,) class indices 0 … K − 1
    class_names: tuple[str, ...]
    feature_names: tuple[str, ...]

    @property
    def classes(self) -> int:
        return len(self.class_names)


@functools.cache
def iris_petals() -> Dataset:
    """Fisher's 150 irises by petal length and width (cm): setosa, versicolor, virginica."""
    from sklearn.datasets import load_iris  # here: importing scikit-learn takes seconds, once

    bunch = load_iris()
    return Dataset(
        name="iris",
        features=_frozen(np.array(bunch.data[:, 2:], dtype=np.float64)),
        labels=_frozen(np.array(bunch.target, dtype=np.intp)),
        class_names=tuple(str(name) for name in bunch.target_names),
        feature_names=("petal length (cm)", "petal width (cm)"),
    )


@functools.cache
def three_clouds(spread: float, per_class: int = 60) -> Dataset:
    """Three round Gaussian clouds of standard deviation ``spread``, centred 120° apart on a circle of
    radius 2: at spread 0.5 they barely touch, at 2 they overlap heavily. Always the same points for the
    same spread (a fixed seed), so the clouds grow rather than jump as the spread changes."""
    if not (math.isfinite(spread) and spread > 0):
        msg = f"spread must be a positive number, got {spread!r}."
        raise ValueError(msg)
    rng = np.random.default_rng(CLOUD_SEED)
    angles = np.pi / 2 + 2 * np.pi * np.arange(3) / 3
    centres = CLOUD_RADIUS * np.column_stack([np.cos(angles), np.sin(angles)])
    noise = rng.standard_normal((3, per_class, 2))
    features = (centres[:, np.newaxis, :] + spread * noise).reshape(-1, 2)
    return Dataset(
        name="clouds",
        features=_frozen(features),
        labels=_frozen(np.repeat(np.arange(3), per_class).astype(np.intp)),
        class_names=("A", "B", "C"),
        feature_names=("x₁", "x₂"),
    )


@functools.cache
def digits() -> Dataset:
    """1,797 handwritten digits, 8 × 8 pixels of ink from 0 to 16, row by row (UCI ML repository)."""
    from sklearn.datasets import load_digits  # here: importing scikit-learn takes seconds, once

    bunch = load_digits()
    return Dataset(
        name="digits",
        features=_frozen(np.array(bunch.data, dtype=np.float64)),
        labels=_frozen(np.array(bunch.target, dtype=np.intp)),
        class_names=tuple(str(d) for d in range(10)),
        feature_names=tuple(f"pixel ({row}, {column})" for row in range(8) for column in range(8)),
    )


@dataclass(frozen=True, eq=False)
class Split:
    """Which samples go where: index arrays into the data set, disjoint, together all of it."""

    train: np.ndarray
    validation: np.ndarray
    test: np.ndarray


def stratified_split(labels: np.ndarray, *, validation: float, test: float, seed: int) -> Split:
    """Shuffle each class with ``seed`` and deal it out: about ``validation`` and ``test`` of every class
    (fractions) to those parts, the rest to training. Each part's indices are sorted."""
    if not (0 <= validation < 1 and 0 <= test < 1 and validation + test < 1):
        msg = f"validation and test must be fractions leaving some training data, got {validation}, {test}."
        raise ValueError(msg)
    rng = np.random.default_rng(seed)
    parts: dict[str, list[np.ndarray]] = {"train": [], "validation": [], "test": []}
    for label in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == label))
        n_test, n_validation = round(test * members.size), round(validation * members.size)
        parts["test"].append(members[:n_test])
        parts["validation"].append(members[n_test : n_test + n_validation])
        parts["train"].append(members[n_test + n_validation :])
    return Split(**{name: _frozen(np.sort(np.concatenate(chunks))) for name, chunks in parts.items()})


def standardize(reference: np.ndarray, *others: np.ndarray) -> list[np.ndarray]:
    """Each array minus ``reference``'s column means, over its column spreads (a constant column, such as a
    pixel that is always blank, is only centred)."""
    mean = reference.mean(axis=0)
    spread = reference.std(axis=0)
    spread = np.where(spread > 0, spread, 1.0)
    return [(array - mean) / spread for array in (reference, *others)]


@dataclass(frozen=True, eq=False)
class Prepared:
    """A data set split three ways, features standardised by the training part: ready to train on."""

    dataset: Dataset
    split: Split
    x_train: np.ndarray
    x_validation: np.ndarray
    x_test: np.ndarray

    @property
    def y_train(self) -> np.ndarray:
        return self.dataset.labels[self.split.train]

    @property
    def y_validation(self) -> np.ndarray:
        return self.dataset.labels[self.split.validation]

    @property
    def y_test(self) -> np.ndarray:
        return self.dataset.labels[self.split.test]


@functools.lru_cache(maxsize=32)
def prepare(dataset: Dataset, *, validation: float, test: float, seed: int) -> Prepared:
    """``dataset`` split by `stratified_split` and standardised by the training part (cached)."""
    split = stratified_split(dataset.labels, validation=validation, test=test, seed=seed)
    features = dataset.features
    x_train, x_validation, x_test = (
        _frozen(array)
        for array in standardize(features[split.train], features[split.validation], features[split.test])
    )
    return Prepared(dataset, split, x_train, x_validation, x_test)
