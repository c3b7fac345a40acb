"""The CLI's commands. Each takes parsed arguments and returns an exit code.

Text goes to stdout for people; with ``--json`` one JSON document goes to stdout instead.
Progress bars (tqdm) always go to stderr, so ``--json`` output can be piped.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Callable, Sequence, TypeVar

from tlstudio.cli.options import (
    EXIT_CANCELLED,
    EXIT_OK,
    StopOnInterrupt,
    config_from_args,
    reading_from_args,
    split_config_from_args,
)
from tlstudio.cli.resume_options import refuse_resume_changes

T = TypeVar("T")


def _print_json(doc: dict[str, Any]) -> None:
    print(json.dumps(doc, indent=2, default=str))


class _Progress:
    """Turns TrainEvents into tqdm bars on stderr (one bar per phase) and status lines."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.bar: Any = None
        self.key: tuple[str, int] | None = None

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
            self.key = None

    def __call__(self, event: Any) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        if event.kind in ("phase", "status"):
            self.close()
            if event.message:
                print(f"[{event.phase}] {event.message}" if event.phase else event.message, file=sys.stderr)
            return
        if event.kind == "batch" and event.batches:
            key = (event.phase, event.epoch)
            if key != self.key:
                self.close()
                label = event.phase if not event.epochs else f"{event.phase} {event.epoch}/{event.epochs}"
                self.bar = tqdm(total=event.batches, desc=label, unit="batch", file=sys.stderr, leave=False,
                                dynamic_ncols=True, mininterval=0.5)
                self.key = key
            if event.metrics:
                self.bar.set_postfix({k: f"{v:.3f}" for k, v in event.metrics.items()}, refresh=False)
            self.bar.update(event.batch - self.bar.n)  # redraws at most twice a second
            return
        if event.kind == "epoch":
            self.close()
            m = event.metrics
            parts = [f"{k} {m[k]:.4f}" for k in ("loss", "accuracy", "val_loss", "val_accuracy") if k in m]
            print(f"[{event.phase}] epoch {event.epoch}/{event.epochs}: " + ", ".join(parts), file=sys.stderr)


def _with_progress(start: Callable[[_Progress, Callable[[], bool]], T]) -> T:
    """Run ``start(on_event, should_stop)`` with progress bars on stderr and Ctrl-C as the stop flag."""
    progress = _Progress()
    with StopOnInterrupt() as stop:
        result = start(progress, stop)
    progress.close()
    return result


# ----------------------------------------------------------------------------- check


def cmd_check(args: argparse.Namespace) -> int:
    from tlstudio.cli.findings_commands import duplicates_json, print_duplicates
    from tlstudio.core.data.findings import prepare
    from tlstudio.core.data.groups import group_sentence
    from tlstudio.core.data.scan import imbalance_warning, scan_dataset
    from tlstudio.core.data.split import make_split
    from tlstudio.core.studies.crossval import crossval_suggestion

    split_config = split_config_from_args(args)  # a bad pattern is reported before the long check
    progress = _Progress(enabled=sys.stderr.isatty() or not args.json)
    with StopOnInterrupt() as stop:
        progress.__call__(_event("phase", "scan", message=f"Checking every image in {args.data}"))
        scan = scan_dataset(args.data, on_progress=lambda d, n: progress(_event("batch", "scan", batch=d, batches=n)),
                            should_stop=stop, reading=reading_from_args(args))
        progress.close()
        prepared = None if args.no_leakage else prepare(scan, split_config)
        split = make_split(scan, split_config) if prepared is None else prepared.split
    counts = scan.counts()
    warning = imbalance_warning(counts)
    suggestion = crossval_suggestion(counts)  # few images in a class: one split's figure is too uncertain
    groups = split.group_summary()
    if args.json:
        _print_json({
            "ok": True,
            "root": str(scan.root),
            "layout": scan.layout,
            "classes": list(scan.classes),
            "counts": counts,
            "images": len(scan.records),
            "bad_files": [{"path": b.path, "code": b.code, "reason": b.reason} for b in scan.bad_files],
            "warnings": list(scan.warnings) + ([warning] if warning else []) + list(split.warnings)
                        + ([suggestion] if suggestion else []),
            "reading": list(scan.reading),
            "split": split.counts(),
            "left_out": split.left_out,
            "groups": None if groups is None else groups.to_dict(),
            **duplicates_json(prepared),
        })
        return EXIT_OK
    print(f"{scan.root}: {len(scan.records)} usable images in {len(scan.classes)} classes ({scan.layout} layout)")
    width = max(len(c) for c in scan.classes)
    for name in scan.classes:
        print(f"  {name:<{width}}  {counts[name]:>6}")
    for sentence in scan.reading:
        print(f"\n{sentence}")
    split_counts = split.counts()
    print("\nSplit (seed %d):" % args.seed)
    for part in ("train", "val", "test"):
        per_class = split_counts.get(part, {})
        print(f"  {part:<5} {sum(per_class.values()):>6}   " + ", ".join(f"{k} {v}" for k, v in per_class.items()))
    if groups is not None:
        print("\n" + group_sentence(groups))
        if groups.clean:
            print("No group has images in two splits.")
        else:
            k = len(groups.straddling)
            print(f"Warning: {k} group{'s have' if k != 1 else ' has'} images in two splits: "
                  + ", ".join(f"{g} ({'+'.join(parts)})" for g, parts in list(groups.straddling.items())[:10])
                  + (", ..." if len(groups.straddling) > 10 else ""))
    if scan.bad_files:
        k = len(scan.bad_files)
        print(f"\n{k} file{'s were' if k != 1 else ' was'} skipped:")
        for bad in scan.bad_files:
            print(f"  {bad.path}\n      {bad.reason}")
    for text in list(scan.warnings) + ([warning] if warning else []) + list(split.warnings) + ([suggestion] if suggestion else []):
        print(f"\nWarning: {text}")
    print_duplicates(prepared)
    return EXIT_OK


def _event(kind: str, phase: str, **kw: Any) -> Any:
    from tlstudio.core.training.events import TrainEvent

    return TrainEvent(kind=kind, phase=phase, **kw)


# ----------------------------------------------------------------------------- backbones, layers


def cmd_backbones(args: argparse.Namespace) -> int:
    from tlstudio.core.models.backbones import list_backbones

    infos = list_backbones()
    if args.json:
        _print_json({"ok": True, "backbones": [info.__dict__ for info in infos]})
        return EXIT_OK
    print(f"{'key':<20} {'name':<22} {'size':>5} {'parameters':>12}  offline weights")
    for info in infos:
        print(f"{info.key:<20} {info.display_name:<22} {info.default_size:>5} {info.params:>12,}  "
              f"{'yes' if info.offline_weights else 'no (downloaded once)'}")
    return EXIT_OK


def cmd_layers(args: argparse.Namespace) -> int:
    from tlstudio.core.models.backbones import get_backbone, list_layers
    from tlstudio.core.models.classifier import freeze_plan

    info = get_backbone(args.backbone)
    layers = list_layers(args.backbone, image_size=args.image_size)
    cutoff = args.cutoff if args.cutoff is not None else info.default_cutoff
    plan = freeze_plan(layers, cutoff)
    if args.json:
        _print_json({
            "ok": True,
            "backbone": info.key,
            "layers": [{**layer.__dict__, "frozen": not plan.trains(layer.name)} for layer in layers],
            "freeze_plan": plan.to_dict(),
        })
        return EXIT_OK
    print(f"{info.display_name}: {len(layers)} layers. Fine-tuning from {cutoff or '(none)'}: "
          f"{plan.frozen_params:,} parameters frozen, {plan.trainable_params:,} trained.")
    print(f"{'#':>4}  {'block':<8} {'layer':<34} {'type':<24} {'output':<20} {'params':>10}")
    for layer in layers:
        mark = "  " if plan.trains(layer.name) else "* "
        print(f"{layer.index:>4}{mark}{layer.block:<8} {layer.name:<34} {layer.type:<24} {layer.output_shape:<20} {layer.params:>10,}")
    print("\n* frozen when fine-tuning from the cutoff (change it with --cutoff NAME); BatchNormalization "
          "layers stay frozen after it too, keeping their ImageNet statistics")
    return EXIT_OK


# ----------------------------------------------------------------------------- train, compare


def format_evaluation(result: Any) -> str:
    """A finished run's test results as the terminal shows them (intervals, per class, confusion)."""
    from tlstudio.core.evaluation.metrics import interval_text

    ev = result.evaluation
    lines = [
        f"Test accuracy {ev.accuracy:.1%} (95% interval {interval_text(ev.accuracy_ci, ev.n)}), "
        f"balanced accuracy {ev.balanced_accuracy:.1%}, loss {ev.loss:.3f}",
        "",
        f"{'class':<16} {'precision':>9} {'95% interval':>16} {'recall':>7} {'95% interval':>16} {'F1':>6} {'images':>7}",
    ]
    for c in ev.per_class:
        precision_ci = interval_text(c.precision_ci, c.predicted)
        recall_ci = interval_text(c.recall_ci, c.support)
        lines.append(f"{c.name:<16} {c.precision:>9.1%} {precision_ci:>16} {c.recall:>7.1%} {recall_ci:>16}"
                     f" {c.f1:>6.1%} {c.support:>7}")
    lines += ["", "Confusion matrix (rows: true class, columns: predicted):"]
    names = list(ev.class_names)
    w = max(8, max(len(n) for n in names))
    lines.append(" " * (w + 1) + " ".join(f"{n[:w]:>{w}}" for n in names))
    for name, row in zip(names, ev.confusion):
        lines.append(f"{name[:w]:<{w}} " + " ".join(f"{v:>{w}}" for v in row))
    return "\n".join(lines)


def cmd_train(args: argparse.Namespace) -> int:
    from tlstudio.core.errors import ConfigError
    from tlstudio.core.training.train import train

    if args.resume is None and not args.data:
        raise ConfigError("tlstudio train needs an image folder (or --resume RUN_DIR). Received: no folder")
    if args.resume:
        refuse_resume_changes(args)
    config = None if args.resume else config_from_args(args)
    progress = _Progress()
    with StopOnInterrupt() as stop:  # a resumed run reads its own config.json (train refuses a missing one)
        result = train(config, workspace=args.workspace, on_event=progress, should_stop=stop,
                       resume=args.resume)
    progress.close()
    if args.json:
        _print_json({"ok": result.status == "finished", **result.to_dict()})
    elif result.status == "finished":
        print(f"Run saved in {result.run_dir}\n")
        for note in result.notes:
            print(f"Note: {note}\n")
        print(format_evaluation(result))
        _print_tiny_classes(result.run_dir)
        if result.calibration:
            c = result.calibration
            print(f"\nCalibration: temperature {c['temperature']:.2f}, expected calibration error "
                  f"{c['ece_before']:.1%} before scaling, {c['ece_after']:.1%} after "
                  f"(details: tlstudio calibrate {result.run_dir})")
    else:
        where = f" The run folder {result.run_dir} keeps its last checkpoint: continue with --resume." if result.run_dir else ""
        print(f"Stopped before the end.{where}")
    return EXIT_OK if result.status == "finished" else EXIT_CANCELLED


def _print_tiny_classes(run_dir: Any) -> None:
    from tlstudio.cli.findings_commands import tiny_class_report

    for line in tiny_class_report(run_dir):
        print(f"Warning: {line}")


def cmd_labels(args: argparse.Namespace) -> int:
    from tlstudio.cli.findings_commands import run_labels

    return run_labels(args, _Progress())


def comparison_rows(results: Sequence[Any]) -> list[dict[str, Any]]:
    label = {"scratch": "scratch CNN", "transfer": "transfer (frozen)", "finetune": "fine-tuned"}
    rows = []
    for r in results:
        ev = r.evaluation
        rows.append({
            "mode": r.config.model.mode,
            "model": f"{label.get(r.config.model.mode, r.config.model.mode)}: {r.config.model.backbone}",
            "status": r.status,
            "test_accuracy": None if ev is None else ev.accuracy,
            "accuracy_ci": None if ev is None else list(ev.accuracy_ci),
            "balanced_accuracy": None if ev is None else ev.balanced_accuracy,
            "epochs": len([p for p in r.history.get("phase", [])]),
            "seconds": round(r.timings.get("total", 0.0), 1),
            "timings": {k: round(v, 1) for k, v in r.timings.items()},
            "run_dir": None if r.run_dir is None else str(r.run_dir),
        })
    return rows


def format_comparison(rows: Sequence[dict[str, Any]]) -> str:
    lines = ["| model | test accuracy | 95% interval | balanced accuracy | epochs | time (s) |",
             "|---|---|---|---|---|---|"]
    for row in rows:
        if row["test_accuracy"] is None:
            lines.append(f"| {row['model']} | {row['status']} | | | {row['epochs']} | {row['seconds']} |")
            continue
        lo, hi = row["accuracy_ci"]
        lines.append(f"| {row['model']} | {row['test_accuracy']:.1%} | {lo:.1%} – {hi:.1%} | "
                     f"{row['balanced_accuracy']:.1%} | {row['epochs']} | {row['seconds']} |")
    return "\n".join(lines)


def cmd_compare(args: argparse.Namespace) -> int:
    from tlstudio.core.errors import ConfigError
    from tlstudio.core.training.train import compare

    modes = tuple(m.strip() for m in args.modes.split(",") if m.strip())
    bad = [m for m in modes if m not in ("scratch", "transfer", "finetune")]
    if bad or not modes:
        raise ConfigError(f"--modes takes scratch, transfer and finetune. Received: --modes={args.modes!r}")
    config = config_from_args(args)
    results = _with_progress(lambda on_event, stop: compare(config, modes=modes, workspace=args.workspace,
                                                            on_event=on_event, should_stop=stop))
    rows = comparison_rows(results)
    finished = all(r.status == "finished" for r in results) and len(results) == len(modes)
    if args.json:
        _print_json({"ok": finished, "data": config.data, "seed": config.train.seed, "runs": rows,
                     "results": [r.to_dict() for r in results]})
    else:
        print(f"\n{config.data}, seed {config.train.seed}, {config.train.epochs} epochs"
              + (f" (+{config.train.phase2_epochs} fine-tuning)" if "finetune" in modes else ""))
        print(format_comparison(rows))
        for r in results:
            for note in r.notes:
                print(f"\nNote ({r.config.model.mode}): {note}")
        _print_tiny_classes(results[-1].run_dir if results else None)
    return EXIT_OK if finished else EXIT_CANCELLED


# ----------------------------------------------------------------------------- curve


def parse_sizes(text: str) -> list[int]:
    """``"5,10,25,all"`` -> [5, 10, 25] (every training image is always the last size)."""
    from tlstudio.core.errors import ConfigError

    sizes = []
    for part in (p.strip() for p in text.split(",")):
        if not part or part.lower() == "all":
            continue
        if not part.isdigit() or int(part) < 1:
            raise ConfigError(f"--sizes takes whole numbers of images per class, like 5,10,25. Received: --sizes={text!r}")
        sizes.append(int(part))
    return sizes


def format_curve(result: Any) -> str:
    """The curve as a table: one row per size, one column per recipe (mean ± spread of the seeds)."""
    from tlstudio.core.studies.curve import MODE_NAMES

    modes = [m for m in result.modes if any(p.mode == m for p in result.points)]
    lines = ["| images per class | " + " | ".join(MODE_NAMES[m] for m in modes) + " |",
             "|---|" + "---|" * len(modes)]
    by = {(s.mode, s.per_class): s for s in result.summary()}
    for size in result.sizes:
        cells = []
        for m in modes:
            s = by.get((m, size))
            cells.append("" if s is None else f"{s.mean:.1%} ± {s.std:.1%}" if s.runs > 1 else f"{s.mean:.1%}")
        label = f"{size} (all)" if size == result.sizes[-1] else str(size)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def cmd_curve(args: argparse.Namespace) -> int:
    from tlstudio.core.errors import ConfigError
    from tlstudio.core.studies.curve import MODES, learning_curve

    modes = tuple(m.strip() for m in args.modes.split(",") if m.strip())
    if not modes or any(m not in MODES for m in modes):
        raise ConfigError(f"--modes takes transfer, finetune and scratch. Received: --modes={args.modes!r}")
    sizes = parse_sizes(args.sizes)
    config = config_from_args(args)
    result = _with_progress(lambda on_event, stop: learning_curve(
        config, modes=modes, sizes=sizes, seeds=args.seeds, workspace=args.workspace, on_event=on_event,
        should_stop=stop))
    finished = result.status == "finished"
    if args.json:
        _print_json({"ok": finished, **result.to_dict()})
    else:
        print(f"\n{config.data}: {result.backbone}, {result.seeds} seed(s) per size, {result.test_count} test images, "
              f"{config.train.epochs} epochs ({result.seconds:.0f} s)")
        print(format_curve(result))
        print()
        for reading in result.to_dict()["readings"].values():
            print(reading)
        if result.folder:
            print(f"\nSaved in {result.folder} (curve.png, curve.csv, curve.json)")
    return EXIT_OK if finished else EXIT_CANCELLED


# ----------------------------------------------------------------------------- crossval


def format_crossval(result: Any) -> str:
    """One row per recipe and metric: mean ± standard deviation (in points) and the range of the folds."""
    from tlstudio.core.studies.crossval import metric_name
    from tlstudio.core.studies.curve import MODE_NAMES

    lines = ["| recipe | metric | mean ± sd | lowest – highest fold | folds |", "|---|---|---|---|---|"]
    shown = ""
    for s in result.summary():
        label = MODE_NAMES[s.mode] if s.mode != shown else ""
        shown = s.mode
        lines.append(f"| {label} | {metric_name(s.metric)} | {s.mean:.1%} ± {s.std * 100:.1f} | "
                     f"{s.low:.1%} – {s.high:.1%} | {s.folds} |")
    return "\n".join(lines)


def cmd_crossval(args: argparse.Namespace) -> int:
    from tlstudio.core.errors import ConfigError
    from tlstudio.core.studies.crossval import cross_validate
    from tlstudio.core.studies.curve import MODES

    modes = (args.mode,) if args.modes is None else tuple(m.strip() for m in args.modes.split(",") if m.strip())
    if not modes or any(m not in MODES for m in modes):
        raise ConfigError(f"--modes takes transfer, finetune and scratch. Received: --modes={args.modes!r}")
    if args.train_per_class is not None:
        raise ConfigError("Cross-validation uses every image once for testing, so it cannot leave training images "
                          f"out. Received: --train-per-class={args.train_per_class}",
                          hint="Leave --train-per-class out, or use it with train, compare or curve.")
    config = config_from_args(args)
    result = _with_progress(lambda on_event, stop: cross_validate(
        config, args.workspace, folds=args.folds, repeats=args.repeats, modes=modes, on_event=on_event,
        should_stop=stop))
    finished = result.status == "finished"
    if args.json:
        _print_json({"ok": finished, **result.to_dict()})
        return EXIT_OK if finished else EXIT_CANCELLED
    done = "" if finished else f", stopped after {len(result.scores)} of {len(modes) * args.folds * args.repeats} models"
    print(f"\n{config.data}: {result.backbone}, {result.n_images} images, {result.folds} folds x {result.repeats} "
          f"repeats{' (grouped)' if result.grouped else ''}, {config.train.epochs} epochs ({result.seconds:.0f} s{done})")
    print(format_crossval(result))
    print()
    for mode in result.modes:
        if result.scores_of(mode):
            print(result.reading(mode))
    for line in result.comparisons():
        print(line)
    return _study_footer(result, "crossval.png, crossval.csv, crossval.json", finished)


# ----------------------------------------------------------------------------- strategies


def cmd_strategies(args: argparse.Namespace) -> int:
    from tlstudio.core.studies.strategies import STRATEGY_NAMES, compare_strategies

    config = config_from_args(args)
    strategies = tuple(s.strip() for s in args.strategies.split(",") if s.strip())
    result = _with_progress(lambda on_event, stop: compare_strategies(
        config, augment=config.augment, synthetic=config.synthetic, strategies=strategies, workspace=args.workspace,
        on_event=on_event, should_stop=stop))
    finished = result.status == "finished"
    if args.json:
        _print_json({"ok": finished, **result.to_dict(), "folder": None if result.folder is None else str(result.folder)})
        return EXIT_OK if finished else EXIT_CANCELLED
    done = "" if finished else f", stopped after {len(result.scores)} of {len(strategies)} strategies"
    print(f"\n{config.data}: {config.model.backbone} ({config.model.mode}), seed {config.train.seed}, "
          f"{config.train.epochs} epochs, {result.n_test} test images ({result.seconds:.0f} s{done})")
    print(result.markdown())
    for score in result.scores:
        print(f"{STRATEGY_NAMES[score.strategy]}: {score.run_dir}")
    return _study_footer(result, "strategies.md, strategies.png, strategies.csv, strategies.json", finished)


def _study_footer(result: Any, files: str, finished: bool) -> int:
    """A study's notes and where it was saved; the exit code of a finished or stopped study."""
    for note in result.notes:
        print(f"\nNote: {note}")
    if result.folder:
        print(f"\nSaved in {result.folder} ({files})")
    return EXIT_OK if finished else EXIT_CANCELLED


# ----------------------------------------------------------------------------- predict, runs


def cmd_predict(args: argparse.Namespace) -> int:
    from tlstudio.core.errors import DatasetError
    from tlstudio.core.evaluation.calibration import check_threshold
    from tlstudio.core.evaluation.predict import collect_images, load_classifier, predict_paths, write_predictions_csv

    threshold = None if args.threshold is None else check_threshold(args.threshold)
    loaded = load_classifier(args.model)
    paths = collect_images(args.images)
    if not paths:
        raise DatasetError(f"No images were found in {', '.join(args.images)}.",
                           hint="Give image files (JPEG, PNG, BMP, GIF, WebP, TIFF) or folders that hold them.")
    threshold = loaded.threshold if threshold is None else threshold
    progress = _Progress()
    predictions = predict_paths(loaded, paths, threshold=threshold,
                                on_progress=lambda d, n: progress(_event("batch", "predict", batch=d, batches=n)))
    progress.close()
    if args.output:
        write_predictions_csv(predictions, loaded.class_names, args.output)
    uncertain = sum(1 for p in predictions if p.uncertain)
    failed = sum(1 for p in predictions if p.error)
    done = EXIT_OK if not failed else DatasetError.exit_code  # some named files could not be read: say so
    if args.json:
        _print_json({"ok": not failed, "classes": list(loaded.class_names), "output": args.output,
                     "temperature": loaded.temperature, "threshold": threshold, "uncertain": uncertain,
                     "failed": failed, "predictions": [p.to_dict() for p in predictions]})
        return done
    for p in predictions:
        if p.error:
            print(f"{p.path}: could not be read ({p.error})")
        elif p.uncertain:
            print(f"{p.path}: {p.predicted} (best guess {p.best}, {p.confidence:.1%}, below the threshold {threshold:.0%})")
        else:
            print(f"{p.path}: {p.predicted} ({p.confidence:.1%})")
    if threshold > 0:
        print(f"\n{uncertain} of {len(predictions)} image{'s' if len(predictions) != 1 else ''} "
              f"{'is' if uncertain == 1 else 'are'} uncertain (confidence below {threshold:.0%}).")
    if args.output:
        print(f"\nWrote {len(predictions)} rows to {args.output}")
    if failed:
        print(f"\n{failed} of {len(predictions)} file{'s' if len(predictions) != 1 else ''} could not be read "
              "(the reason is on each one's line).", file=sys.stderr)
    return done


def cmd_calibrate(args: argparse.Namespace) -> int:
    from tlstudio.core.errors import RunError
    from tlstudio.core.evaluation.calibration import TABLE_THRESHOLDS, check_threshold, format_report
    from tlstudio.core.evaluation.calibration_files import load_calibration, save_threshold

    run = Path(args.run).expanduser()
    if not run.is_dir():
        raise RunError(f"The run folder {run} does not exist.", hint="Give the folder of a finished run "
                       "(see `tlstudio runs`).", path=str(run))
    if args.threshold is not None:
        calibration = save_threshold(run, check_threshold(args.threshold))
    else:
        calibration = load_calibration(run)
        if calibration is None:
            raise RunError(f"The run in {run} has no calibration (calibration.json): it did not finish, or it was "
                           "trained before tlstudio measured calibration.",
                           hint="Train the model again: every finished run with validation images is calibrated.",
                           path=str(run))
    if args.json:
        doc = calibration.to_dict()
        doc.pop("test_confidence")
        doc.pop("test_correct")
        _print_json({"ok": True, "run": str(run), "saved": args.threshold is not None, **doc,
                     "table": [calibration.coverage_at(t).to_dict()
                               for t in sorted({*TABLE_THRESHOLDS, calibration.threshold})]})
        return EXIT_OK
    print(f"Run {run}\n")
    print(format_report(calibration))
    if args.threshold is not None:
        print(f"\nSaved the threshold {calibration.threshold:.2f} with the model: predictions below it say 'uncertain'.")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from tlstudio.core.outputs.export import export_run
    from tlstudio.core.outputs.export_formats import FILE_NAMES, FORMAT_NAMES, parse_formats

    formats = parse_formats(args.format)  # a bad name is said before TensorFlow loads
    with StopOnInterrupt() as stop:
        result = export_run(args.run, formats, args.out, should_stop=stop,
                            on_progress=lambda done, total, message: print(f"[{done}/{total}] {message}",
                                                                           file=sys.stderr))
    finished = result.status == "finished"
    if args.json:
        _print_json({"ok": finished, **result.to_dict()})
        return EXIT_OK if finished else EXIT_CANCELLED
    if not finished:
        print("Stopped: nothing was exported.")
        return EXIT_CANCELLED
    print(f"Exported to {result.folder}\n")
    for f in result.files:
        size = f"{f.size_bytes / 1e6:.1f} MB" if f.size_bytes >= 1e6 else f"{f.size_bytes / 1e3:.0f} kB"
        print(f"{FILE_NAMES[f.format]:<18} {FORMAT_NAMES[f.format]}, {size}")
        print(f"{'':<18} check: {f.verification.describe()}")
        if f.format == "tflite_int8":
            print(f"{'':<18} {f.note.split('; ', 1)[-1]}")
    print("\nBeside them: labels.txt, model_card.md, verification.json"
          + (", calibration.json" if (result.folder / "calibration.json").exists() else "")
          + f". Inputs: raw RGB pixels 0-255, {result.image_size} x {result.image_size} (model.keras: any size).")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from tlstudio.core.outputs.report import write_report

    comparison = [] if args.no_compare else args.compare
    if not args.json:
        print(f"Writing the report of {args.run}...", file=sys.stderr)
    result = write_report(args.run, args.out, pdf=not args.no_pdf, language=args.language, comparison_runs=comparison,
                          pseudonyms=args.pseudonyms)
    if args.json:
        _print_json({"ok": True, "run": str(Path(args.run).expanduser()), **result.to_dict()})
        return EXIT_OK
    print(f"Report: {result.html_path}")
    if result.pdf_path is not None:
        print(f"PDF:    {result.pdf_path}")
    print(f"Files of the split: {result.files_csv}")
    if result.comparison_runs:
        print(f"Compared with: {', '.join(result.comparison_runs)}")
    return EXIT_OK


def cmd_runs(args: argparse.Namespace) -> int:
    """``tlstudio runs ...`` (see ``cli.runs_commands``)."""
    from tlstudio.cli.runs_commands import cmd_runs as run

    return run(args)



def format_augment_plan(spec: Any, preset: Any, warnings: Sequence[str]) -> str:
    """The plan of ``tlstudio augment``: the preset's reasons, the operations with their
    strength and probability, mixup, and the warnings."""
    from tlstudio.core.config import AUGMENT_OPERATIONS

    lines: list[str] = []
    if preset is not None:
        lines += [f"Preset: {preset.title} ({preset.key})", *(f"  - {r}" for r in preset.reasons), ""]
    active = spec.active_operations()
    lines.append("Operations:" if active else "Operations: none switched on")
    for op in active:
        fields, _ = AUGMENT_OPERATIONS[op]
        strength = ", ".join(f"{f}={getattr(spec, f):g}" for f in fields if not isinstance(getattr(spec, f), bool))
        if op == "rotation":
            strength = f"±{spec.rotation * 360:g}°"
        lines.append(f"  {op:<16} {strength or 'on':<32} probability {spec.probability(op):.2f}")
    if spec.mixup > 0:
        lines.append(f"  {'mixup':<16} alpha={spec.mixup:g}  (during training; in feature space for cached backbones)")
    lines.append("")
    lines += [f"Warning: {w}" for w in warnings] or ["No chosen operation is known to change what an image shows."]
    return "\n".join(lines)


def cmd_augment(args: argparse.Namespace) -> int:
    """Show an augmentation plan (reasons and warnings); with ``--copies N`` write N augmented
    copies of every image into the workspace (never into the image folder)."""
    from tlstudio.cli.options import augment_from_args, folder_class_names
    from tlstudio.core.augmentation.augment import get_preset, label_warnings
    from tlstudio.core.augmentation.export import export_augmented

    spec = augment_from_args(args)
    preset = get_preset(args.augment_preset) if args.augment_preset else None
    data = Path(args.data).expanduser().resolve()
    warnings = label_warnings(spec, args.augment_preset, folder_class_names(data))
    doc: dict[str, Any] = {"ok": True, "preset": None if preset is None else preset.to_dict(), "spec": spec.to_dict(),
                           "warnings": warnings, "export": None}
    if not args.json:
        print(format_augment_plan(spec, preset, warnings))
    if args.preview > 0:
        from tlstudio.core.augmentation.export import save_preview_sheet
        from tlstudio.core.data.scan import scan_dataset

        picture = args.image or min(r.path for r in scan_dataset(data).records)
        sheet = save_preview_sheet(picture, spec, args.preview, data=data, workspace=args.workspace, seed=args.seed)
        doc["preview"] = str(sheet)
        if not args.json:
            print(f"\nPreview of {args.preview} variants of {picture}: {sheet}")
    if args.copies > 0:
        progress = _Progress(enabled=not args.json)
        with StopOnInterrupt() as stop:
            def on_progress(done: int, total: int) -> None:
                progress(_event("batch", "augment", batch=done, batches=total))

            result = export_augmented(data, spec, args.copies, out=args.out, workspace=args.workspace, seed=args.seed,
                                      size=args.size, preset=args.augment_preset, on_progress=on_progress,
                                      should_stop=stop)
        progress.close()
        doc["export"] = result.to_dict()
        if result.status != "finished":
            if args.json:
                _print_json({**doc, "ok": False})
            print("Stopped: no copies were kept.", file=sys.stderr)
            return EXIT_CANCELLED
        if not args.json:
            print(f"\n{result.written} augmented copies of {result.images} images written to {result.folder} "
                  f"(manifest: {result.manifest}).")
    if args.json:
        _print_json(doc)
    return EXIT_OK


# ----------------------------------------------------------------------------- synthetic images


def cmd_synth(args: argparse.Namespace) -> int:
    """``tlstudio synth ...`` (see ``cli.synth_commands``)."""
    from tlstudio.cli.synth_commands import cmd_synth as run

    return run(args)
