"""The shared data sets and seeded splits: the bundled data as published, splits that are stratified and
reproducible, standardisation by the training part."""

from __future__ import annotations

import numpy as np
import pytest

from lessons.common import datasets


def test_iris_petals_are_fishers_measurements():
    iris = datasets.iris_petals()
    assert iris.features.shape == (150, 2) and iris.classes == 3
    # Fisher (1936), flower 1 (setosa): petal length 1.4 cm, width 0.2 cm; flower 150 (virginica): 5.1, 1.8.
    assert iris.features[0].tolist() == [1.4, 0.2]
    assert iris.features[-1].tolist() == [5.1, 1.8]
    assert iris.class_names == ("setosa", "versicolor", "virginica")
    assert np.bincount(iris.labels).tolist() == [50, 50, 50]


def test_digits_are_1797_images_of_8_by_8_pixels_of_ink_0_to_16():
    digits = datasets.digits()
    assert digits.features.shape == (1797, 64)
    assert digits.features.min() == 0 and digits.features.max() == 16
    # scikit-learn's documentation: about 180 samples per class.
    assert np.bincount(digits.labels).min() >= 174 and np.bincount(digits.labels).max() <= 183


def test_loaded_data_is_read_only_and_loaded_once():
    assert datasets.digits() is datasets.digits()
    with pytest.raises(ValueError, match="read-only"):
        datasets.iris_petals().features[0, 0] = 0.0


def test_clouds_grow_with_their_spread_around_the_same_centres():
    tight, loose = datasets.three_clouds(0.5), datasets.three_clouds(2.0)
    assert tight.features.shape == (180, 2)
    centres = np.array([[0.0, 2.0], [-np.sqrt(3), -1.0], [np.sqrt(3), -1.0]])
    # The same noise scaled: each point moves away from its centre by the ratio of the spreads.
    offsets_tight = tight.features - centres[tight.labels]
    offsets_loose = loose.features - centres[loose.labels]
    np.testing.assert_allclose(offsets_loose, 4 * offsets_tight, rtol=1e-12, atol=1e-12)


def test_clouds_refuse_a_spread_that_is_not_positive():
    with pytest.raises(ValueError, match="spread must be a positive number"):
        datasets.three_clouds(0.0)


def test_a_stratified_split_is_disjoint_complete_and_keeps_the_classes_in_proportion():
    labels = datasets.digits().labels
    split = datasets.stratified_split(labels, validation=0.25, test=0.25, seed=3)
    parts = [split.train, split.validation, split.test]
    assert sum(part.size for part in parts) == labels.size
    assert np.unique(np.concatenate(parts)).size == labels.size
    for part in (split.validation, split.test):
        for label in range(10):
            share = np.count_nonzero(labels[part] == label)
            assert abs(share - 0.25 * np.count_nonzero(labels == label)) <= 0.5


def test_the_same_seed_gives_the_same_split_and_another_seed_another():
    labels = datasets.digits().labels
    first = datasets.stratified_split(labels, validation=0.25, test=0.25, seed=7)
    again = datasets.stratified_split(labels, validation=0.25, test=0.25, seed=7)
    other = datasets.stratified_split(labels, validation=0.25, test=0.25, seed=8)
    assert np.array_equal(first.test, again.test) and not np.array_equal(first.test, other.test)


def test_a_split_must_leave_training_data():
    with pytest.raises(ValueError, match="leaving some training data"):
        datasets.stratified_split(np.zeros(10, dtype=int), validation=0.5, test=0.5, seed=0)


def test_prepared_features_are_standardised_by_the_training_part_only():
    prepared = datasets.prepare(datasets.digits(), validation=0.25, test=0.25, seed=0)
    spread = prepared.x_train.std(axis=0)
    np.testing.assert_allclose(prepared.x_train.mean(axis=0), 0.0, atol=1e-12)
    # Pixels blank in every training image stay 0 (centred, not divided by a zero spread).
    np.testing.assert_allclose(spread[spread > 0], 1.0, rtol=1e-12)
    raw = datasets.digits().features
    mean, scale = raw[prepared.split.train].mean(axis=0), raw[prepared.split.train].std(axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    np.testing.assert_allclose(prepared.x_test, (raw[prepared.split.test] - mean) / scale, rtol=1e-12)
    assert np.array_equal(prepared.y_test, datasets.digits().labels[prepared.split.test])
    assert datasets.prepare(datasets.digits(), validation=0.25, test=0.25, seed=0) is prepared
