"""The scarce-data strategies compared on one split: the same test images, honest numbers."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tlstudio.core.config import (
    AugmentSpec,
    HeadConfig,
    ModelConfig,
    RunConfig,
    SplitConfig,
    SyntheticConfig,
    TrainConfig,
)
from tlstudio.core.errors import ConfigError
from tlstudio.core.studies.strategies import compare_strategies, load_strategies, mcnemar_p, strategy_config

FLIPS = AugmentSpec(flip_horizontal=True, flip_vertical=True, rotation=0.1)


def _config(data: Path) -> RunConfig:
    return RunConfig(
        data=str(data),
        split=SplitConfig(val_fraction=0.2, test_fraction=0.3, seed=5),
        model=ModelConfig(backbone="scratch_cnn", mode="scratch", weights=None, image_size=40,
                          head=HeadConfig(pooling="flatten", dense=(16,), dropout=0.0)),
        train=TrainConfig(epochs=2, batch_size=8, learning_rate=3e-3, seed=5),
        augment=AugmentSpec(contrast=0.3),  # ignored: each strategy sets its own
    )


def test_mcnemar_p_values():
    assert mcnemar_p(0, 0) == 1.0
    assert mcnemar_p(5, 5) == 1.0
    assert mcnemar_p(10, 0) == pytest.approx(2 / 2**10)  # all ten changed answers went one way
    assert mcnemar_p(3, 1) == pytest.approx(0.625)


def test_strategy_configs_switch_on_only_what_each_strategy_uses(tmp_path):
    config = _config(tmp_path)
    synthetic = SyntheticConfig(set=str(tmp_path / "set"), ratio=1.0)
    none = strategy_config(config, "none", FLIPS, synthetic)
    assert none.augment.is_identity and not none.synthetic.active and none.name == "none"
    augment = strategy_config(config, "augment", FLIPS, synthetic)
    assert augment.augment == FLIPS and not augment.synthetic.active
    only_synthetic = strategy_config(config, "synthetic", FLIPS, synthetic)
    assert only_synthetic.augment.is_identity and only_synthetic.synthetic == synthetic
    both = strategy_config(config, "both", FLIPS, synthetic)
    assert both.augment == FLIPS and both.synthetic == synthetic
    assert both.model == config.model and both.train == config.train and both.split == config.split


@pytest.mark.parametrize(("strategies", "augment", "words"), [
    (("none", "synthetic"), FLIPS, "need an accepted synthetic set"),
    (("none", "both"), FLIPS, "need an accepted synthetic set"),
    (("none", "augment"), AugmentSpec(), "need some augmentation"),
    (("none", "mixup-ish"), FLIPS, "Choose strategies from"),
    ((), FLIPS, "Choose strategies from"),
])
def test_strategies_without_what_they_need_are_refused_before_any_work(tmp_path, strategies, augment, words):
    with pytest.raises(ConfigError) as caught:
        compare_strategies(_config(tmp_path / "no-images-needed"), augment=augment, synthetic=SyntheticConfig(),
                           strategies=strategies, workspace=tmp_path / "ws")
    assert words in caught.value.message
    assert not (tmp_path / "ws").exists()


def test_none_and_augment_run_on_the_same_split_and_are_compared_image_by_image(make_image_folder, tmp_path):
    data = make_image_folder(tmp_path / "data", classes=("circle", "square"), per_class=14, size=48)
    result = compare_strategies(_config(data), augment=FLIPS, synthetic=SyntheticConfig(),
                                strategies=("none", "augment"), workspace=tmp_path / "ws")

    assert result.status == "finished" and [s.strategy for s in result.scores] == ["none", "augment"]
    none, augment = result.scores
    splits = [json.loads((Path(s.run_dir) / "split.json").read_text()) for s in result.scores]
    assert splits[0]["test"] == splits[1]["test"] and splits[0]["train"] == splits[1]["train"]
    assert result.n_test == len(splits[0]["test"]) == 8
    configs = [RunConfig.from_json((Path(s.run_dir) / "config.json").read_text()) for s in result.scores]
    assert configs[0].augment.is_identity and configs[1].augment == FLIPS
    assert none.train_real == augment.train_real == 14 and none.train_synthetic == 0

    # fixed / broken are the test images whose answer changed, counted from the two runs' mistakes
    wrong = [{m["path"] for m in json.loads((Path(s.run_dir) / "metrics.json").read_text())["misclassified"]}
             for s in result.scores]
    assert (augment.fixed, augment.broken) == (len(wrong[0] - wrong[1]), len(wrong[1] - wrong[0]))
    assert augment.p_value == pytest.approx(mcnemar_p(augment.fixed, augment.broken))
    assert none.p_value is None
    assert augment.accuracy - none.accuracy == pytest.approx((augment.fixed - augment.broken) / 8)
    [reading] = result.reading()
    assert reading.startswith(f"Augmentation: {augment.accuracy:.1%} against {none.accuracy:.1%} without")
    assert f"fixed {augment.fixed} and broke {augment.broken}" in reading

    folder = result.folder
    assert folder is not None and folder.parent == tmp_path / "ws" / "strategies"
    assert {p.name for p in folder.iterdir()} == {"strategies.json", "strategies.csv", "strategies.md", "strategies.png"}
    rows = list(csv.DictReader((folder / "strategies.csv").open()))
    assert [r["strategy"] for r in rows] == ["none", "augment"]
    assert float(rows[1]["accuracy"]) == pytest.approx(augment.accuracy)
    table = (folder / "strategies.md").read_text()
    assert "| No augmentation | 14 + 0 |" in table and "| Augmentation | 14 + 0 |" in table and reading in table
    again = load_strategies(folder)
    assert again.scores == result.scores and again.reading() == result.reading()


def test_a_stop_keeps_the_strategies_that_finished(make_image_folder, tmp_path):
    data = make_image_folder(tmp_path / "data", classes=("circle", "square"), per_class=10, size=48)
    finished_runs: list[str] = []

    def stop() -> bool:
        return len(finished_runs) >= 1

    def on_event(event) -> None:
        if event.kind == "phase" and event.phase == "save":
            finished_runs.append(event.message)

    result = compare_strategies(_config(data), augment=FLIPS, synthetic=SyntheticConfig(), strategies=("none", "augment"),
                                workspace=tmp_path / "ws", on_event=on_event, should_stop=stop)
    assert result.status == "cancelled"
    assert [s.strategy for s in result.scores] == ["none"]
    assert result.folder is not None and (result.folder / "strategies.md").is_file()


def test_synthetic_images_are_judged_per_class_beside_their_class_consistency(tmp_path):
    """Per class: recall without and with the synthetic images, fixed / broken on that class's test
    images, McNemar's p, the verdict, and how much the set's images look like their class."""
    from types import SimpleNamespace

    from tlstudio.core.studies.strategies import (
        ClassEffect,
        StrategyComparison,
        StrategyScore,
        synthetic_by_class,
    )

    def run(wrong):
        return SimpleNamespace(evaluation=SimpleNamespace(misclassified=[SimpleNamespace(path=p) for p in wrong]))

    test = {f"a{i}": 0 for i in range(10)} | {f"b{i}": 1 for i in range(10)}
    base = run([f"a{i}" for i in range(8)] + ["b0"])  # a: 2 of 10 right, b: 9 of 10
    synthetic = run(["b0", "b1", "b2"])  # fixes all 8 wrong a's, breaks two b's
    effects = synthetic_by_class(("a", "b"), test, base, synthetic, {"a": 0.9})
    a, b = effects
    assert (a.class_name, a.test_images, a.recall_without, a.recall_with, a.fixed, a.broken) == ("a", 10, 0.2, 1.0, 8, 0)
    assert a.p_value == pytest.approx(2 * 0.5**8) and a.verdict == "helped" and a.consistency == 0.9
    assert (b.recall_without, b.recall_with, b.fixed, b.broken, b.verdict) == (0.9, 0.7, 0, 2, "no clear difference")
    assert b.consistency is None

    score = StrategyScore("none", "r", 0.55, (0.3, 0.7), 0.55, 0.5, {"a": 0.2, "b": 0.9}, 20, 0)
    comparison = StrategyComparison(data="d", classes=("a", "b"), n_test=20, scores=[score], config={}, augment={},
                                    synthetic={}, synthetic_by_class=effects)
    text = comparison.markdown()
    assert "| a | 10 | 20.0% | 100.0% | 8 / 0, p = 0.0078 | 90% | helped |" in text
    assert "| b | 10 | 90.0% | 70.0% | 0 / 2, p = 0.5 | not measured | no clear difference |" in text
    again = StrategyComparison.from_dict(comparison.to_dict())
    assert again.synthetic_by_class == effects and isinstance(again.synthetic_by_class[0], ClassEffect)
    assert comparison.to_dict()["synthetic_by_class"][0]["verdict"] == "helped"
