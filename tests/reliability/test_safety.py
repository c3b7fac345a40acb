"""Safety: no code runs from a model file, no pickle of untrusted data, and no network traffic
except the downloads the user asks for.

The network is watched with a Python audit hook (``tests/reliability/network.py``) while a whole
run (checking, EfficientNet-Lite0 ImageNet weights from the installed package, training,
testing, saving) and predictions are made; ``tests/gui/test_no_network.py`` watches the app's
start.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator

import numpy as np
import pytest

from tests.reliability.network import watch_network
from tlstudio.core.errors import RunError

pytest.importorskip("tensorflow")

PACKAGE = Path(__file__).resolve().parents[2] / "tlstudio"


def test_the_network_watch_sees_a_connection_attempt():
    import socket

    with watch_network() as events:
        with pytest.raises(OSError), socket.create_connection(("127.0.0.1", 9), timeout=1):
            pass
    assert any(e == "socket.connect" for e, _ in events)


def test_a_run_with_imagenet_weights_and_predictions_use_no_network(make_image_folder, tmp_path):
    from tlstudio.core.config import ModelConfig, RunConfig, SplitConfig, TrainConfig
    from tlstudio.core.evaluation.predict import load_classifier, predict_paths
    from tlstudio.core.training.train import train

    folder = make_image_folder(tmp_path / "data", classes=("discs", "squares"), per_class=10, size=48)
    config = RunConfig(data=str(folder), split=SplitConfig(val_fraction=0.2, test_fraction=0.2, seed=1),
                       model=ModelConfig(backbone="efficientnet_lite0", mode="transfer", image_size=64),
                       train=TrainConfig(epochs=1, batch_size=8, seed=1))
    with watch_network() as events:
        result = train(config, workspace=tmp_path / "ws")
        loaded = load_classifier(result.run_dir)
        predictions = predict_paths(loaded, sorted(str(p) for p in (folder / "discs").iterdir()))
    assert result.status == "finished" and len(predictions) == 10
    assert events == []


def test_a_model_file_with_code_in_it_is_refused_and_its_code_never_runs(tmp_path):
    import keras

    from tlstudio.core.evaluation.predict import load_classifier
    from tlstudio.core.outputs.runs import write_classes_file

    marker = tmp_path / "the-code-ran"
    code = f"lambda x: (open({str(marker)!r}, 'w').close(), x)[1]"
    model = keras.Sequential([keras.Input((4,)), keras.layers.Lambda(eval(code)),  # noqa: S307 - the attack
                              keras.layers.Dense(2, activation="softmax")])
    model.save(tmp_path / "model.keras")
    write_classes_file(tmp_path / "classes.json", ["a", "b"])
    marker.unlink()  # building the model above ran it once

    with pytest.raises(RunError) as caught:
        load_classifier(tmp_path / "model.keras")
    assert "contains program code" in caught.value.message and "model.keras" in caught.value.message
    assert not marker.exists()

    # What safe mode prevents: the same file loaded without it runs the code.
    keras.config.enable_unsafe_deserialization()
    try:
        keras.saving.load_model(tmp_path / "model.keras", safe_mode=False)(np.zeros((1, 4), "float32"))
    finally:
        keras.config.disable_unsafe_deserialization() if hasattr(keras.config, "disable_unsafe_deserialization") else None
    assert marker.exists()


def _calls(tree: ast.AST) -> Iterator[tuple[str, ast.Call]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield ast.unparse(node.func), node


def test_no_pickle_of_untrusted_data_anywhere_in_the_package():
    """Every call that could unpickle (or run) data, listed: only the restricted Lite0 reader
    unpickles, and arrays are loaded without pickles."""
    risky = {"pickle.load", "pickle.loads", "pickle.Unpickler", "torch.load", "joblib.load", "marshal.loads",
             "shelve.open", "dill.load", "cloudpickle.load", "eval", "exec"}
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, call in _calls(tree):
            where = f"{path.relative_to(PACKAGE)}:{call.lineno}"  # for the messages
            if name in risky:
                found.append((str(path.relative_to(PACKAGE)), name))
            if name.endswith("np.load") or name == "numpy.load":
                pickles = [k for k in call.keywords if k.arg == "allow_pickle"]
                assert all(isinstance(k.value, ast.Constant) and k.value.value is False for k in pickles), where
            if name.split(".")[-1] == "load_model":  # keras.saving.load_model, keras.models.load_model
                safe = {k.arg: k.value for k in call.keywords}
                assert "safe_mode" in safe and ast.unparse(safe["safe_mode"]) == "True", where
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(ast.unparse(b) == "pickle.Unpickler" for b in node.bases):
                found.append((str(path.relative_to(PACKAGE)), f"class {node.name}(pickle.Unpickler)"))
    assert found == [("core/models/lite0.py", "class _RestrictedUnpickler(pickle.Unpickler)")], found
