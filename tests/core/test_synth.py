"""Synthetic images: the generator's training loop, acceptance with provenance, quality numbers,
and the split rules of runs that add synthetic images (never in validation or test)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.reliability.guards import tree_hash
from tlstudio.core import config as config_module
from tlstudio.core.config import GeneratorConfig, RunConfig, SplitConfig, SyntheticConfig
from tlstudio.core.errors import ConfigError, DatasetError, RunError
from tlstudio.core.synthetic.generators import SynthEvent, list_generators
from tlstudio.core.synthetic.quality import (
    FeatureExtractor,
    frechet_distance,
    lite0_features,
    measure_quality,
    real_vs_synthetic_accuracy,
)
from tlstudio.core.synthetic.sets import (
    accept,
    generate,
    generate_with_epoch,
    list_synthetic_sets,
    synthetic_for_run,
)
from tlstudio.core.synthetic.training import train_generator

TINY = 16  # a test-only generator size (users get 64 or 128)
CLASSES = ("cats", "dogs", "owls")


@pytest.fixture(autouse=True)
def tiny_generator_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config_module, "EXTRA_GENERATOR_SIZES", {TINY})


@pytest.fixture
def data(tmp_path: Path, make_image_folder) -> Path:
    return make_image_folder(tmp_path / "data", classes=CLASSES, per_class=12, size=32)


def _config(data: Path, **kw) -> GeneratorConfig:
    return GeneratorConfig(data=str(data), **{"image_size": TINY, "epochs": 2, "batch_size": 8, "latent_dim": 8, **kw})




def _history_rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "history.csv").open(newline="") as fh:
        return list(csv.DictReader(fh))


# ----------------------------------------------------------------------------- config


def test_generator_config_validates_and_round_trips(tmp_path: Path) -> None:
    config = GeneratorConfig(data="x", kind="vae", image_size=128, split=SplitConfig(seed=3))
    assert GeneratorConfig.from_dict(json.loads(json.dumps(config.to_dict()))) == config
    with pytest.raises(ConfigError, match="image_size must be one of"):
        GeneratorConfig(data="x", image_size=32)
    with pytest.raises(ConfigError, match="kind must be one of"):
        GeneratorConfig(data="x", kind="diffusion")


def test_run_config_synthetic_defaults_and_limits() -> None:
    old = RunConfig.from_dict({"data": "x"})  # a config saved before synthetic images existed
    assert old.synthetic == SyntheticConfig() and not old.synthetic.active
    config = RunConfig(data="x", synthetic=SyntheticConfig(set="/s", ratio=0.5))
    assert RunConfig.from_json(config.to_json()).synthetic == SyntheticConfig(set="/s", ratio=0.5)
    with pytest.raises(ConfigError, match="ratio must be between 0 and 5"):
        SyntheticConfig(set="/s", ratio=6)


# ----------------------------------------------------------------------------- training loop


@pytest.mark.parametrize("kind, losses", [("dcgan", {"generator", "discriminator"}),
                                          ("vae", {"reconstruction", "kl", "total"})])
def test_generator_trains_epochs_with_losses_grids_and_files(tmp_path: Path, data: Path, kind: str,
                                                             losses: set[str]) -> None:
    events: list[SynthEvent] = []
    before = tree_hash(data)
    result = train_generator(_config(data, kind=kind, epochs=3), tmp_path / "ws", on_event=events.append)

    assert result.status == "finished" and result.epochs_done == 3
    assert result.classes == CLASSES
    epochs = [e for e in events if e.kind == "epoch"]
    assert [e.epoch for e in epochs] == [1, 2, 3] and all(e.epochs == 3 for e in epochs)
    for event in epochs:
        assert set(event.losses) == losses and all(np.isfinite(v) for v in event.losses.values())
        assert event.grid is not None and event.grid.dtype == np.uint8
        assert event.grid.shape == (len(CLASSES) * TINY, 8 * TINY, 3)  # one row per class, 8 samples
    assert set(result.history) == losses and all(len(v) == 3 for v in result.history.values())

    folder = result.path
    assert folder.parent == tmp_path / "ws" / "generators"
    assert len(_history_rows(folder)) == 3
    assert (folder / "classes.txt").read_text().split() == list(CLASSES)
    assert json.loads((folder / "status.json").read_text())["status"] == "finished"
    assert json.loads((folder / "checkpoints" / "latest.json").read_text())["epoch"] == 3
    assert sorted(p.name for p in (folder / "checkpoints").iterdir()) == ["epoch_0002", "epoch_0003", "latest.json"]
    assert GeneratorConfig.from_dict(json.loads((folder / "config.json").read_text())).kind == kind
    saved = np.asarray(Image.open(folder / "samples" / "epoch_0003.png"))
    assert np.array_equal(saved, epochs[-1].grid)
    assert before == tree_hash(data)  # the dataset folder is never written to

    images = generate(folder, "dogs", 5, seed=7)
    assert len(images) == 5 and all(im.shape == (TINY, TINY, 3) and im.dtype == np.uint8 for im in images)
    again = generate(folder, "dogs", 5, seed=7)
    assert all(np.array_equal(a, b) for a, b in zip(images, again))
    summary = list_generators(tmp_path / "ws")
    assert [(g.path, g.kind, g.epochs_done, g.status) for g in summary] == [(folder, kind, 3, "finished")]


def test_generator_sees_only_training_images(tmp_path: Path, data: Path) -> None:
    from tlstudio.core.data.scan import scan_dataset
    from tlstudio.core.data.split import make_split

    config = _config(data, epochs=1, split=SplitConfig(val_fraction=0.25, test_fraction=0.25, seed=5))
    result = train_generator(config, tmp_path / "ws")
    used = {p for paths in json.loads((result.path / "train_images.json").read_text()).values() for p in paths}
    split = make_split(scan_dataset(str(data)), config.split)
    assert used == {r.path for r in split.train}
    assert not used & {r.path for r in (*split.val, *split.test)}


def test_cancel_keeps_checkpoint_and_resume_continues(tmp_path: Path, data: Path) -> None:
    epochs_seen: list[int] = []

    def on_event(event: SynthEvent) -> None:
        if event.kind == "epoch":
            epochs_seen.append(event.epoch)

    # stop during epoch 2: epoch 1 is kept, the unfinished epoch 2 is not counted
    result = train_generator(_config(data, epochs=4), tmp_path / "ws", on_event=on_event,
                             should_stop=lambda: len(epochs_seen) >= 1)
    assert result.status == "cancelled" and result.epochs_done == 1
    assert json.loads((result.path / "status.json").read_text())["status"] == "cancelled"
    assert json.loads((result.path / "checkpoints" / "latest.json").read_text())["epoch"] == 1
    assert len(_history_rows(result.path)) == 1

    epochs_seen.clear()
    resumed = train_generator(_config(data, epochs=4), tmp_path / "ws", on_event=on_event, resume=result.path)
    assert resumed.path == result.path and resumed.status == "finished" and resumed.epochs_done == 4
    assert epochs_seen == [2, 3, 4]
    assert len(_history_rows(result.path)) == 4
    assert all(len(v) == 4 for v in resumed.history.values())


def test_a_failed_continue_before_its_first_new_epoch_keeps_the_earlier_status(tmp_path: Path, data: Path) -> None:
    result = train_generator(_config(data, epochs=1), tmp_path / "ws")
    before = json.loads((result.path / "status.json").read_text())
    assert before["status"] == "finished"
    data.rename(tmp_path / "moved")  # the images have moved: continuing cannot read them
    with pytest.raises(DatasetError, match="can no longer be read"):
        train_generator(_config(data, epochs=3), tmp_path / "ws", resume=result.path)
    assert json.loads((result.path / "status.json").read_text()) == before
    assert [g.status for g in list_generators(tmp_path / "ws")] == ["finished"]
    assert json.loads((result.path / "checkpoints" / "latest.json").read_text())["epoch"] == 1


def test_accept_records_the_epoch_that_made_the_images_while_training_goes_on(tmp_path: Path, data: Path) -> None:
    result = train_generator(_config(data, kind="vae", epochs=1), tmp_path / "ws")
    images, epoch = generate_with_epoch(result.path, ("cats", "owls"), 2, seed=3)
    assert epoch == 1 and [len(images[c]) for c in ("cats", "owls")] == [2, 2]
    assert np.array_equal(images["cats"][1], generate(result.path, "cats", 2, seed=3)[1])
    train_generator(_config(data, kind="vae", epochs=2), tmp_path / "ws", resume=result.path)  # epoch 2 saved

    set_dir = accept(result.path, images, tmp_path / "ws", seed=3, epoch=epoch)
    assert json.loads((set_dir / "provenance.json").read_text())["epoch"] == 1
    assert set_dir.name.endswith(f"{result.path.name}-e1")
    later = accept(result.path, {"cats": generate(result.path, "cats", 1, seed=3)}, tmp_path / "ws", seed=3)
    assert json.loads((later / "provenance.json").read_text())["epoch"] == 2  # no epoch: the latest
    with pytest.raises(ConfigError, match="Received: epoch=3"):
        accept(result.path, images, tmp_path / "ws", seed=3, epoch=3)


def test_generator_refuses_a_workspace_inside_the_dataset(data: Path) -> None:
    with pytest.raises(RunError, match="inside the image folder"):
        train_generator(_config(data, epochs=1), data / "ws")


# ----------------------------------------------------------------------------- acceptance


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(dataset, workspace, generator folder): a VAE trained 1 epoch, shared by the tests below."""
    from tests.conftest import write_class_images

    root = tmp_path_factory.mktemp("synth")
    data = root / "data"
    rng = np.random.default_rng(0)
    for index, name in enumerate(CLASSES):
        write_class_images(data / name, index, 12, 32, rng)
    config_module.EXTRA_GENERATOR_SIZES.add(TINY)
    try:
        result = train_generator(_config(data, kind="vae", epochs=1), root / "ws")
    finally:
        config_module.EXTRA_GENERATOR_SIZES.discard(TINY)
    return data, root / "ws", result.path


def test_accept_writes_images_and_provenance_and_never_touches_the_dataset(trained) -> None:
    data, ws, gen = trained
    before = tree_hash(data)
    images = {"cats": generate(gen, "cats", 3, seed=1), "owls": generate(gen, "owls", 2, seed=1)}
    set_dir = accept(gen, images, ws, seed=1, name="first")

    assert set_dir.parent == ws / "synthetic" and set_dir.name.endswith("-first")
    assert sorted(p.name for p in (set_dir / "cats").iterdir()) == [f"synthetic_000{i}.png" for i in (1, 2, 3)]
    assert np.array_equal(np.asarray(Image.open(set_dir / "owls" / "synthetic_0002.png")), images["owls"][1])
    prov = json.loads((set_dir / "provenance.json").read_text())
    assert prov["generator"] == str(gen.resolve()) and prov["kind"] == "vae" and prov["image_size"] == TINY
    assert prov["epoch"] == 1 and prov["seed"] == 1 and prov["counts"] == {"cats": 3, "owls": 2}
    assert prov["data"] == str(data.resolve()) and prov["split"] == json.loads(json.dumps(SplitConfig().to_dict()))  # as JSON holds it
    assert before == tree_hash(data)
    assert not [p for p in (ws / "synthetic").iterdir() if p.name.startswith(".")]  # no temporary folder left

    listed = {s.path: s for s in list_synthetic_sets(ws)}
    assert listed[set_dir].counts == {"cats": 3, "owls": 2} and listed[set_dir].quality is None


def test_accept_refuses_unknown_classes_wrong_sizes_and_a_workspace_in_the_dataset(trained) -> None:
    data, ws, gen = trained
    good = generate(gen, "cats", 1, seed=0)
    with pytest.raises(ConfigError, match="no class 'bats'"):
        accept(gen, {"bats": good}, ws, seed=0)
    with pytest.raises(ConfigError, match="must be 16 x 16"):
        accept(gen, {"cats": [np.zeros((8, 8, 3), np.uint8)]}, ws, seed=0)
    with pytest.raises(RunError, match="inside the image folder"):
        accept(gen, {"cats": good}, data / "ws", seed=0)
    assert not (data / "ws").exists()


# ----------------------------------------------------------------------------- quality


def _colour_features() -> FeatureExtractor:
    """A tiny stand-in for EfficientNet-Lite0: mean and spread of each colour channel."""
    def embed(images: np.ndarray) -> np.ndarray:
        x = images.astype("float64") / 255.0
        return np.concatenate([x.mean(axis=(1, 2)), x.std(axis=(1, 2))], axis=1)

    return FeatureExtractor(name="colour statistics", image_size=TINY, embed=embed)


def test_frechet_distance_is_zero_for_the_same_set_and_grows_with_a_shift() -> None:
    rng = np.random.default_rng(0)
    a = rng.normal(size=(200, 4))
    assert frechet_distance(a, a) == pytest.approx(0.0, abs=1e-6)
    assert frechet_distance(a, a + 1.0) == pytest.approx(4.0, rel=1e-6)  # |mu|^2 = 4 x 1^2, same covariance
    assert frechet_distance(a, a + 3.0) > frechet_distance(a, a + 1.0)


def test_real_vs_synthetic_accuracy_near_one_for_different_and_half_for_same() -> None:
    rng = np.random.default_rng(0)
    real = rng.normal(size=(60, 3))
    assert real_vs_synthetic_accuracy(real, rng.normal(loc=6.0, size=(60, 3))) > 0.95
    assert real_vs_synthetic_accuracy(real, rng.normal(size=(60, 3))) < 0.7


def test_measure_quality_writes_per_class_numbers(trained) -> None:
    data, ws, gen = trained
    real_like = {}  # a "synthetic" set made of the real training images themselves: FID ~ 0
    train_images = json.loads((gen / "train_images.json").read_text())
    for name in ("cats", "dogs"):
        real_like[name] = [np.asarray(Image.open(p).convert("RGB").resize((TINY, TINY), Image.BILINEAR))
                           for p in train_images[name]]
    same = accept(gen, real_like, ws, seed=0, name="real-copies")
    inverted = accept(gen, {name: [255 - im for im in ims] for name, ims in real_like.items()}, ws, seed=0,
                      name="inverted")

    same_report = measure_quality(same, features=_colour_features())
    shifted = measure_quality(inverted, features=_colour_features())
    assert set(same_report.per_class) == {"cats", "dogs"}
    cats = same_report.per_class["cats"]
    assert cats.n_real == cats.n_synthetic == len(train_images["cats"])
    assert cats.fid < 0.01
    assert shifted.per_class["cats"].fid > 10 * max(cats.fid, 1e-3)
    assert shifted.per_class["cats"].real_vs_synthetic_accuracy > 0.9
    saved = json.loads((inverted / "quality.json").read_text())
    assert saved["feature"] == "colour statistics"
    assert saved["per_class"]["dogs"]["fid"] == pytest.approx(shifted.per_class["dogs"].fid)
    assert {s.path: s.quality for s in list_synthetic_sets(ws)}[inverted]["per_class"].keys() == {"cats", "dogs"}


@pytest.mark.slow
def test_measure_quality_with_lite0_features(trained) -> None:
    data, ws, gen = trained
    train_images = json.loads((gen / "train_images.json").read_text())
    from tlstudio.core.data.imageio import load_image

    real = [load_image(p, TINY) for p in train_images["cats"]]  # as the quality check reads them
    flat = [np.full((TINY, TINY, 3), 128, np.uint8) + np.uint8(i) for i in range(len(real))]
    same = accept(gen, {"cats": real}, ws, seed=0, name="lite0-same")
    grey = accept(gen, {"cats": flat}, ws, seed=0, name="lite0-grey")
    lite0 = lite0_features()
    side = lite0.image_size
    assert side == 256 and "256 px" in lite0.name  # fixed, whatever the backbone's training default
    features = lite0.embed(np.stack([np.asarray(Image.open(p).convert("RGB").resize((side, side), Image.BILINEAR))
                                     for p in train_images["cats"]]))
    assert features.shape == (len(real), 1280)
    assert frechet_distance(features, features) == pytest.approx(0.0, abs=1e-3 * np.trace(np.cov(features.T)))
    near = measure_quality(same, features=lite0).per_class["cats"]  # the real training images themselves
    far = measure_quality(grey).per_class["cats"]  # plain grey squares
    # the real images are shrunk to the generator's 16 px before the features, as the set's are
    assert near.fid < 0.2 * far.fid
    assert near.real_vs_synthetic_accuracy <= 0.75
    assert far.real_vs_synthetic_accuracy >= 0.9
    assert "Lite0" in json.loads((grey / "quality.json").read_text())["feature"]


# ----------------------------------------------------------------------------- split rules


def test_synthetic_for_run_counts_follow_the_ratio_and_stay_in_training(trained) -> None:
    from tlstudio.core.data.scan import scan_dataset
    from tlstudio.core.data.split import make_split

    data, ws, gen = trained
    set_dir = accept(gen, {c: generate(gen, c, 10, seed=2) for c in CLASSES}, ws, seed=2, name="ten-each")
    split = make_split(scan_dataset(str(data)), SplitConfig())
    real_train = {c: sum(1 for r in split.train if r.class_name == c) for c in CLASSES}

    added = synthetic_for_run(SyntheticConfig(set=str(set_dir), ratio=0.5), str(data), SplitConfig(), split, seed=1)
    assert added is not None
    assert added.per_class == {c: int(np.floor(0.5 * real_train[c] + 0.5)) for c in CLASSES}
    assert len(added.records) == sum(added.per_class.values())
    assert all(Path(r.path).parent.parent == set_dir.resolve() for r in added.records)
    assert all(split.classes[r.label] == r.class_name for r in added.records)

    everything = synthetic_for_run(SyntheticConfig(set=str(set_dir), ratio=5.0), str(data), SplitConfig(), split, seed=1)
    assert everything.per_class == {c: 10 for c in CLASSES}  # all the set has, when it has fewer
    assert synthetic_for_run(SyntheticConfig(), str(data), SplitConfig(), split, seed=1) is None


def test_synthetic_for_run_refuses_another_split_folder_class_or_a_missing_set(trained, tmp_path: Path,
                                                                                make_image_folder) -> None:
    from tlstudio.core.data.scan import scan_dataset
    from tlstudio.core.data.split import make_split

    data, ws, gen = trained
    set_dir = accept(gen, {"cats": generate(gen, "cats", 2, seed=3)}, ws, seed=3)
    other_split = SplitConfig(seed=99)
    split = make_split(scan_dataset(str(data)), other_split)
    with pytest.raises(ConfigError, match="trained on another split, so it may have seen this run's test images"):
        synthetic_for_run(SyntheticConfig(set=str(set_dir), ratio=1), str(data), other_split, split, seed=0)

    other = make_image_folder(tmp_path / "other", classes=CLASSES, per_class=6, size=32)
    with pytest.raises(ConfigError, match="made from another image folder"):
        synthetic_for_run(SyntheticConfig(set=str(set_dir), ratio=1), str(other), SplitConfig(),
                          make_split(scan_dataset(str(other)), SplitConfig()), seed=0)

    with pytest.raises(RunError, match="does not exist"):
        synthetic_for_run(SyntheticConfig(set=str(ws / "synthetic" / "nope"), ratio=1), str(data), SplitConfig(),
                          split, seed=0)


def test_synthetic_for_run_refuses_a_class_the_dataset_lacks(trained) -> None:
    from dataclasses import replace

    from tlstudio.core.data.scan import scan_dataset
    from tlstudio.core.data.split import make_split

    data, ws, gen = trained
    set_dir = accept(gen, {"owls": generate(gen, "owls", 2, seed=4)}, ws, seed=4)
    split = make_split(scan_dataset(str(data)), SplitConfig())
    two_classes = replace(split, classes=("cats", "dogs"))
    with pytest.raises(ConfigError, match="has the class 'owls', which the image folder lacks"):
        synthetic_for_run(SyntheticConfig(set=str(set_dir), ratio=1), str(data), SplitConfig(), two_classes, seed=0)


# ----------------------------------------------------------------------------- runs with synthetic images


def _run_config(data: Path, set_dir: str = "", ratio: float = 0.0, mode: str = "scratch") -> RunConfig:
    from tlstudio.core.config import HeadConfig, ModelConfig, TrainConfig

    model = (ModelConfig(backbone="scratch_cnn", mode="scratch", weights=None, image_size=32,
                         head=HeadConfig(pooling="flatten", dense=(8,), dropout=0.0)) if mode == "scratch" else
             ModelConfig(backbone="mobilenet_v2", mode="transfer", weights=None, image_size=32,
                         head=HeadConfig(pooling="avg", dense=(8,), dropout=0.0)))
    return RunConfig(data=str(data), model=model, train=TrainConfig(epochs=1, batch_size=8, seed=3),
                     synthetic=SyntheticConfig(set=set_dir, ratio=ratio))


@pytest.mark.parametrize("mode", ["scratch", "transfer"])
def test_a_run_trains_with_synthetic_images_and_never_validates_or_tests_on_them(trained, tmp_path: Path,
                                                                                 mode: str) -> None:
    from tlstudio.core.training.train import train

    data, ws, gen = trained
    set_dir = accept(gen, {c: generate(gen, c, 20, seed=5) for c in CLASSES}, ws, seed=5, name=f"run-{mode}")
    result = train(_run_config(data, str(set_dir), 1.5, mode), workspace=tmp_path / "ws")
    assert result.status == "finished"
    run = result.run_dir

    split = json.loads((run / "split.json").read_text())
    synthetic_paths = {r["path"] for r in split["synthetic"]}
    real_train = {c: sum(1 for r in split["train"] if r["class_name"] == c) for c in CLASSES}
    assert split["synthetic_set"]["per_class"] == {c: min(20, int(np.floor(1.5 * real_train[c] + 0.5))) for c in CLASSES}
    assert len(synthetic_paths) == sum(split["synthetic_set"]["per_class"].values())
    assert all(Path(p).is_relative_to(set_dir.resolve()) for p in synthetic_paths)
    for part in ("train", "val", "test"):  # split.json lists the synthetic images apart from the real ones
        assert not synthetic_paths & {r["path"] for r in split[part]}
    predicted = {m.path for m in result.evaluation.misclassified}
    assert not predicted & synthetic_paths and not any("synthetic" in p for p in predicted)

    metrics = json.loads((run / "metrics.json").read_text())
    assert metrics["counts"]["synthetic"] == len(synthetic_paths)
    assert metrics["counts"]["train"] == len(split["train"]) + len(synthetic_paths)  # every training image
    assert metrics["counts"]["test"] == len(split["test"]) == sum(sum(row) for row in metrics["confusion"])
    assert RunConfig.from_json((run / "config.json").read_text()).synthetic == SyntheticConfig(str(set_dir), 1.5)


def test_feature_cache_key_changes_when_synthetic_images_are_added(trained, tmp_path: Path) -> None:
    from tlstudio.core.training.train import train

    data, ws, gen = trained
    set_dir = accept(gen, {c: generate(gen, c, 4, seed=6) for c in CLASSES}, ws, seed=6, name="cache")
    workspace = tmp_path / "ws"
    train(_run_config(data, mode="transfer"), workspace=workspace)
    before = set((workspace / "cache" / "features").glob("*.npy"))
    train(_run_config(data, str(set_dir), 0.5, mode="transfer"), workspace=workspace)
    added = set((workspace / "cache" / "features").glob("*.npy")) - before
    assert len(added) == 1  # the training features were computed again (with the synthetic images); val/test reused


def test_a_run_refuses_a_set_from_another_split_before_making_a_run_folder(trained, tmp_path: Path) -> None:
    from dataclasses import replace

    from tlstudio.core.training.train import train

    data, ws, gen = trained
    set_dir = accept(gen, {"cats": generate(gen, "cats", 2, seed=7)}, ws, seed=7)
    config = replace(_run_config(data, str(set_dir), 1.0), split=SplitConfig(seed=1234))
    with pytest.raises(ConfigError, match="another split"):
        train(config, workspace=tmp_path / "ws")
    assert not (tmp_path / "ws" / "runs").exists() or not list((tmp_path / "ws" / "runs").iterdir())


def test_curve_and_crossval_refuse_synthetic_images(trained, tmp_path: Path) -> None:
    from tlstudio.core.studies.crossval import cross_validate
    from tlstudio.core.studies.curve import learning_curve

    data, ws, gen = trained
    config = _run_config(data, str(ws / "synthetic" / "any"), 1.0)
    with pytest.raises(ConfigError, match="learning curve does not add synthetic images"):
        learning_curve(config, workspace=tmp_path / "ws")
    with pytest.raises(ConfigError, match="Cross-validation cannot add synthetic images"):
        cross_validate(config, tmp_path / "ws")
