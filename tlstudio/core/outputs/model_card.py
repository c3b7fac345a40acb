"""The model card written beside every export: what the model was trained on, how well it did,
how to feed it, and what it must not be used for, in plain words (Markdown)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from tlstudio.core.outputs.export_formats import FILE_NAMES, FORMAT_NAMES, LABELS_FILE, VERIFICATION_FILE
from tlstudio.core.outputs.export_images import split_paths

if TYPE_CHECKING:
    from tlstudio.core.outputs.export import ExportResult


def _pct(value: Any) -> str:
    return f"{float(value):.1%}" if isinstance(value, (int, float)) else "not measured"


def _own_test_folder(data: Any, split: Mapping[str, Any]) -> bool:
    """True when every test image lies in the image folder's own ``test/`` folder."""
    paths = split_paths(split, "test")
    if not data or not paths:
        return False
    folder = os.path.join(os.path.normcase(os.path.realpath(str(data))), "test") + os.sep
    return all(os.path.normcase(os.path.realpath(p)).startswith(folder) for p in paths)


@dataclass(frozen=True)
class CardFacts:
    """What the model card says, looked up once: the run, its settings and results, the split's
    counts and the exports written."""

    run: Any
    class_names: Sequence[str]
    result: ExportResult
    split: Mapping[str, Any]
    model: Mapping[str, Any]
    split_cfg: Mapping[str, Any]
    counts: Mapping[str, Any]
    n_test: int

    @property
    def metrics(self) -> Mapping[str, Any]:
        return self.run.metrics


def card_facts(run: Any, class_names: Sequence[str], result: ExportResult, split: Mapping[str, Any]) -> CardFacts:
    """:class:`CardFacts` of an export of ``run``."""
    cfg, metrics = run.config, run.metrics
    counts = split.get("counts") if isinstance(split.get("counts"), dict) else {}
    return CardFacts(run=run, class_names=class_names, result=result, split=split,
                     model=cfg.get("model") if isinstance(cfg.get("model"), dict) else {},
                     split_cfg=cfg.get("split") if isinstance(cfg.get("split"), dict) else {}, counts=counts,
                     n_test=int(metrics.get("n") or sum((counts.get("test") or {}).values()) or 0))


def model_card(run: Any, class_names: Sequence[str], result: ExportResult, split: Mapping[str, Any]) -> str:
    """The model card: what the model was trained on, how well it did, how to feed it, and
    what it must not be used for, in plain words (Markdown)."""
    f = card_facts(run, class_names, result, split)
    lines = [*_intro(f), *_data(f), *_findings(f), *_model_and_results(f), *_calibration(f), *_files(f), *_check(f),
             *_use_and_limits(f)]
    return "\n".join(lines) + "\n"


def _intro(f: CardFacts) -> list[str]:
    return [f"# Model card: {f.run.path.name}", "",
            "An image classifier trained with tlstudio. **Not a medical device.** It was tested on "
            f"{f.n_test} images from one source (the folder below); it has not been validated on pictures from other "
            "places, devices or people. Use it to help sort or to study pictures, with a person checking its answers, "
            "never to decide alone."]


def _data(f: CardFacts) -> list[str]:
    """The image folder, the classes, how they were split and the images per class and split."""
    cfg, split, split_cfg, counts = f.run.config, f.split, f.split_cfg, f.counts
    lines = ["", "## Data", "",
             f"- Image folder: `{cfg.get('data')}`",
             f"- Classes (output order, as in `{LABELS_FILE}`): {', '.join(f.class_names)}",
             f"- Split: seed {split.get('seed', split_cfg.get('seed'))}, validation fraction "
             f"{split_cfg.get('val_fraction')}, "
             + ("test images: the folder's own `test/` folder" if _own_test_folder(cfg.get("data"), split)
                else f"test fraction {split_cfg.get('test_fraction')}")
             + (", grouped (no group in two splits)" if split_cfg.get("groups_csv") or split_cfg.get("group_pattern") else ""),
             "", "| class | train | validation | test |", "|---|---:|---:|---:|"]
    for c in f.class_names:
        lines.append(f"| {c} | {(counts.get('train') or {}).get(c, 0)} | {(counts.get('val') or {}).get(c, 0)} | "
                     f"{(counts.get('test') or {}).get(c, 0)} |")
    lines.append(f"| total | {sum((counts.get('train') or {}).values())} | {sum((counts.get('val') or {}).values())} | "
                 f"{sum((counts.get('test') or {}).values())} |")
    return lines


def _interval(ci: Any, trials: int, joiner: str) -> str:
    from tlstudio.core.evaluation.metrics import interval_text

    if None in (ci[0], ci[1]):
        return f"{_pct(ci[0])}{joiner}{_pct(ci[1])}"
    return interval_text(ci, int(trials), fmt=_pct, joiner=joiner)


def _findings(f: CardFacts) -> list[str]:
    """What the check found before training, with what it means for the figures (none: nothing)."""
    from tlstudio.core.data.findings import load_findings, run_finding_lines

    findings = load_findings(f.run.path)
    if findings is None or not findings.findings:
        return []
    lines = run_finding_lines(findings, f.metrics.get("per_class") or ())
    return ["", "## What the check found", "", "Read the figures below with these in mind:", "",
            *(f"- {line}" for line in lines)]


def _model_and_results(f: CardFacts) -> list[str]:
    """The backbone and how it was trained, then the test accuracy overall and per class."""
    model, metrics, size = f.model, f.metrics, f.result.image_size
    ci = metrics.get("accuracy_ci") or [None, None]
    cutoff = model.get("cutoff") or metrics.get("cutoff")
    lines = ["", "## Model", "",
             f"- Backbone: {model.get('backbone')}; training: {model.get('mode')}"
             + (f" from the layer {cutoff}" if cutoff else "") + f"; weights: {model.get('weights') or 'random'}",
             f"- Image size: {size} x {size} pixels", "",
             "## Results on the test images", "",
             f"- Test accuracy: **{_pct(metrics.get('accuracy'))}** (95% interval {_interval(ci, f.n_test, ' to ')}) "
             f"on {f.n_test} images never used in training",
             f"- Balanced accuracy (mean of the per-class recalls): {_pct(metrics.get('balanced_accuracy'))}",
             "", "| class | recall (found) | 95% interval | test images |", "|---|---:|---|---:|"]
    for c in metrics.get("per_class") or []:
        rci = c.get("recall_ci") or [None, None]
        lines.append(f"| {c.get('name')} | {_pct(c.get('recall'))} | {_interval(rci, c.get('support') or 0, ' – ')} | "
                     f"{c.get('support')} |")
    return lines


def _calibration(f: CardFacts) -> list[str]:
    """The temperature the exported probabilities come before, and the "uncertain" threshold."""
    metrics = f.metrics
    cal = metrics.get("calibration") if isinstance(metrics.get("calibration"), dict) else None
    lines = ["", "## Confidence and calibration", ""]
    if not cal:
        return [*lines, "- This run has no calibration: the probabilities are the model's own, not checked against "
                        "how often it is right."]
    threshold = float(cal.get("threshold") or 0.0)
    return [*lines,
            f"- Temperature {float(cal['temperature']):.3f}: the exported models give the probabilities *before* "
            "it. To get the app's calibrated probabilities, divide the logarithm of each probability by the "
            "temperature and normalise them again (softmax). `calibration.json` holds it.",
            f"- Expected calibration error on the test images: {_pct(cal.get('ece_before'))} before, "
            f"{_pct(cal.get('ece_after'))} after scaling.",
            f"- 'Uncertain' threshold: {threshold:.2f}" + (
                " (below this calibrated confidence the app answers 'uncertain' and leaves the picture to a "
                "person)" if threshold > 0 else " (none set: the app always answers)")]


def _files(f: CardFacts) -> list[str]:
    """Each file written and what it takes in."""
    size = f.result.image_size
    lines = ["", "## Files and how to feed them", "",
             f"- `{LABELS_FILE}`: one class name per line, in the order of the model's outputs.",
             "- Every model outputs one probability per class (they add up to 1).",
             f"- Input: raw RGB pixels 0–255 as float32, **not** normalised (the model does that itself). The "
             f"SavedModel, TensorFlow Lite and ONNX files take pictures already resized to {size} x {size}; "
             "`model.keras` takes any size.", ""]
    lines += [f"- `{FILE_NAMES[e.format]}` ({FORMAT_NAMES[e.format]}): {e.note}." for e in f.result.files]
    return lines


def _check(f: CardFacts) -> list[str]:
    """How each file was checked against the in-app model, one row each."""
    lines = ["", "## Check after export", "",
             "Each file was loaded again with its own runtime and run on some of the run's images (test images "
             "first; the first images listed in `verification.json`); its probabilities were compared with tlstudio's model (details in "
             f"`{VERIFICATION_FILE}`).", "", "| file | same answer | largest probability difference | limit |",
             "|---|---:|---:|---:|"]
    for e in f.result.files:
        v = e.verification
        lines.append(f"| `{FILE_NAMES[e.format]}` | {v.agreement} of {v.images} | {v.max_abs_diff:.1e} | "
                     f"{v.tolerance.max_diff:.2g} |")
    return lines


def _use_and_limits(f: CardFacts) -> list[str]:
    """What the model is for and what it must not be used for."""
    lines = ["", "## Intended use", "",
             f"Sorting or pre-screening pictures like the training ones (same kind of picture, same source) into: "
             f"{', '.join(f.class_names)}; for research and teaching, with a person reviewing every answer.", "",
             "## Limits", "",
             "- Not a medical device and not approved for diagnosis or treatment decisions.",
             f"- Tested on {f.n_test} images from one source; accuracy on pictures from another hospital, camera or "
             "population may be much lower. The 95% interval above shows how uncertain even this figure is.",
             "- It only knows the classes above: a picture of anything else still gets one of them.",
             "- A picture unlike the training ones (other device, lighting, resolution, cropping) can get a confident "
             "wrong answer."]
    if f.result.file("tflite_int8") is not None:
        lines.append("- The 8-bit TensorFlow Lite model rounds its numbers: its probabilities differ slightly from the "
                     "other files' (see the check above).")
    return lines
