"""A finished run leaves nothing behind in TensorFlow's process-wide gradient registry (each
traced training step registers a custom gradient that holds its whole graph)."""

from __future__ import annotations

import numpy as np
import pytest

from tlstudio.core.training.session import registered_custom_gradients, released_after_run

pytest.importorskip("tensorflow")


def _fit_a_small_model() -> None:
    import keras

    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(4, activation="relu"), keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(np.random.rand(16, 8).astype("float32"), np.arange(16) % 2, epochs=1, batch_size=8, verbose=0)


def test_the_custom_gradients_a_run_registers_are_removed_after_it():
    before = registered_custom_gradients()
    with released_after_run():
        _fit_a_small_model()
        during = registered_custom_gradients()
        assert len(during) > len(before)  # what would stay behind, holding the traced graph
        with released_after_run():  # a nested run (e.g. one mode of a comparison) leaves it to the outer one
            _fit_a_small_model()
        assert registered_custom_gradients() > during
    assert registered_custom_gradients() == before


def test_a_failing_run_is_cleaned_up_too():
    before = registered_custom_gradients()
    with pytest.raises(RuntimeError), released_after_run():
        _fit_a_small_model()
        raise RuntimeError("the run failed")
    assert registered_custom_gradients() == before
