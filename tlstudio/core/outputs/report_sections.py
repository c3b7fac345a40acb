"""The run report's sections, each built from a run as a list of blocks.

:func:`build_document` reads what the run left (:class:`RunFacts`) once and asks each section
builder in turn: summary, dataset, split, settings and software, curves, results (confusion,
each class, calibration), mistakes, comparison, notes. Every sentence comes from
``core.outputs.report_texts``; what stays English in every language is the run's notes and the
split's warnings (written by core in English when the run was made). Another language draws
the run's pictures again with its words; numbers inside pictures keep the decimal point.
"""

from __future__ import annotations

import io
import json
import os
import platform
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from tlstudio.core.evaluation.metrics import MIN_FOR_INTERVAL, interval_text
from tlstudio.core.outputs.report_document import Block, ReportDocument
from tlstudio.core.outputs.report_sources import library_versions, read_split, skipped_files, split_files
from tlstudio.core.outputs.report_texts import NUMBERS, Numbers, canonical_language, texts
from tlstudio.core.outputs.runs import LoadedRun, comparison_table

#: ``on_progress(done, total)`` after each step of the report.
ProgressHandler = Callable[[int, int], None]

FILES_CSV = "split_files.csv"
#: Misclassified test images shown with their Grad-CAM heatmap, most confident mistakes first.
MISTAKES_SHOWN = 12
MISTAKE_SIDE = 192
#: Pairs of pictures filed under two classes listed in the summary.
CONFLICTS_SHOWN = 50
#: Steps the report's progress counts: the six groups of sections below and the files written.
PROGRESS_STEPS = 7


@dataclass(frozen=True)
class RunFacts:
    """What the sections read from a run, looked up once: its files, the report's language and
    number format, and the settings the run was made with."""

    run: LoadedRun
    language: str
    t: Mapping[str, str]
    num: Numbers
    model_cfg: Mapping[str, Any]
    split_cfg: Mapping[str, Any]
    train_cfg: Mapping[str, Any]
    data: str
    split: Mapping[str, Any]
    files: tuple[tuple[str, str, str], ...]
    classes: tuple[str, ...]
    mode: str
    comparison: tuple[LoadedRun, ...] = ()
    mistakes: int = MISTAKES_SHOWN

    @property
    def translated(self) -> bool:
        """True in a language other than English: the run's pictures are drawn again in it."""
        return self.language != "en"


def _config_part(config: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """``config[key]`` when it is a dictionary (``model``, ``split``, ``train``), else empty."""
    value = config.get(key)
    return value if isinstance(value, dict) else {}


def run_facts(run: LoadedRun, language: str = "en", comparison: Sequence[LoadedRun] = (),
              mistakes: int = MISTAKES_SHOWN) -> RunFacts:
    """:class:`RunFacts` of ``run`` for a report in ``language`` (ConfigError for a language
    without a translation; RunError for a damaged split file)."""
    language = canonical_language(language)
    config, evaluation = run.config, run.evaluation
    model_cfg = _config_part(config, "model")
    data = str(config.get("data", ""))
    split = read_split(run)
    classes = run.classes or split.get("classes") or (evaluation.class_names if evaluation else [])
    return RunFacts(run=run, language=language, t=texts(language), num=NUMBERS[language], model_cfg=model_cfg,
                    split_cfg=_config_part(config, "split"), train_cfg=_config_part(config, "train"), data=data, split=split,
                    files=tuple(split_files(split, data) if split else []), classes=tuple(classes),
                    mode=str(run.metrics.get("mode", model_cfg.get("mode", ""))), comparison=tuple(comparison),
                    mistakes=mistakes)


# ----------------------------------------------------------------------------- sections


def summary_section(f: RunFacts) -> list[Block]:
    """When the report was written, and the test result in one paragraph (or why there is none)."""
    from tlstudio import __version__

    t, num, evaluation, metrics = f.t, f.num, f.run.evaluation, f.run.metrics
    blocks = [Block("p", t["generated"].format(now=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
                                               version=__version__)),
              Block("h2", t["summary"])]
    if evaluation is None:
        return [*blocks, Block("p", t["no_results"])]
    mode_words = t.get(f"mode_{f.mode}", f.mode)
    few = evaluation.n < MIN_FOR_INTERVAL
    blocks.append(Block("p", t["summary_text_few" if few else "summary_text"].format(
        mode=mode_words, backbone=metrics.get("backbone", f.model_cfg.get("backbone")), n=num.count(evaluation.n),
        accuracy=num.pct(evaluation.accuracy), low=num.pct(evaluation.accuracy_ci[0]),
        high=num.pct(evaluation.accuracy_ci[1]), balanced=num.pct(evaluation.balanced_accuracy))))
    cal = metrics.get("calibration") if isinstance(metrics.get("calibration"), dict) else None
    if cal and all(isinstance(cal.get(k), (int, float)) for k in ("temperature", "ece_before", "ece_after")):
        blocks.append(Block("p", t["summary_calibration"].format(
            temperature=num.fixed(cal["temperature"]), ece_after=num.pct(cal["ece_after"]),
            ece_before=num.pct(cal["ece_before"]))))
    return [*blocks, *findings_blocks(f)]


def findings_blocks(f: RunFacts) -> list[Block]:
    """What the check found before training (``findings.json``), each finding with what it means for
    the figures, and the pictures filed under two classes; nothing for a run made without it."""
    from tlstudio.core.data.findings import load_findings, run_finding_lines

    t, findings = f.t, load_findings(f.run.path)
    if findings is None:
        return []
    if not findings.findings:
        return [Block("h3", t["findings"]), Block("p", t["findings_none"])]
    lines = run_finding_lines(findings, f.run.metrics.get("per_class") or ())
    blocks = [Block("h3", t["findings"]), Block("p", t["findings_intro"]), *(Block("p", line) for line in lines)]
    pairs = [item for finding in findings.of("label_conflict") for item in finding.items]
    if pairs:
        rows = tuple((str(p["class_a"]), _relative(str(p["path_a"]), f.data), str(p["class_b"]),
                      _relative(str(p["path_b"]), f.data)) for p in pairs[:CONFLICTS_SHOWN])
        blocks += [Block("p", t["findings_conflicts"].format(shown=f.num.count(len(rows)), n=f.num.count(len(pairs)))),
                   Block("table", header=(t["col_class"], t["col_file"], t["col_class"], t["col_file"]), rows=rows,
                         right=(False, False, False, False))]
    return blocks


def dataset_section(f: RunFacts) -> list[Block]:
    """The image folder, the images per class and split, and the files the scan skipped."""
    t = f.t
    blocks = [Block("h2", t["dataset"]), Block("p", t["dataset_folder"].format(folder=f.data))]
    if f.split:
        blocks.append(_counts_table(f.split, f.classes, t, f.num))
    bad, source = skipped_files(f.run, f.data)
    blocks.append(Block("h3", t["bad_files"]))
    if bad is None:
        blocks.append(Block("p", t["bad_unavailable"].format(folder=f.data)))
    elif not bad:
        blocks.append(Block("p", t["bad_none"] + (" " + t["bad_source_rescan"] if source == "rescan" else "")))
    else:
        blocks.append(Block("p", t["bad_count"].format(n=len(bad)) + " " + t[f"bad_source_{source}"]))
        blocks.append(Block("table", header=(t["col_file"], t["col_reason"]), right=(False, False),
                            rows=tuple((_relative(str(b.get("path", "")), f.data), _bad_reason(b, f.language, t))
                                       for b in bad)))
    return blocks


def split_section(f: RunFacts) -> list[Block]:
    """How the images were split (shares, seed, groups, synthetic images, warnings) and the file list."""
    t, num, split, split_cfg = f.t, f.num, f.split, f.split_cfg
    blocks = [Block("h2", t["split"])]
    if not split:
        return blocks
    counts = {p: len(split.get(p) or ()) for p in ("train", "val", "test")}
    blocks.append(Block("p", t["split_text"].format(
        train=num.count(counts['train']), val=num.count(counts['val']), test=num.count(counts['test']),
        seed=split.get("seed", split_cfg.get("seed")), val_fraction=num.plain(split_cfg.get("val_fraction", "–")),
        test_fraction=num.plain(split_cfg.get("test_fraction", "–")))))
    tests = [file[2].replace(os.sep, "/") for file in f.files if file[0] == "test"]
    if tests and all(path.split("/", 1)[0].lower() == "test" for path in tests):
        blocks.append(Block("p", t["dataset_layout_split"]))
    summary = split.get("group_summary")
    if isinstance(summary, dict):
        how = split_cfg.get("groups_csv") or split_cfg.get("group_pattern") or ""
        blocks.append(Block("p", t["split_groups"].format(how=how, groups=summary.get("groups", "–"))))
    added = split.get("synthetic_set")
    if isinstance(added, dict) and split.get("synthetic"):
        per_class = ", ".join(f"{name} {num.count(n)}" for name, n in dict(added.get("per_class") or {}).items())
        blocks.append(Block("p", t["split_synthetic"].format(n=num.count(len(split["synthetic"])),
                                                             set=Path(str(added.get("set", ""))).name,
                                                             per_class=per_class,
                                                             ratio=num.plain(added.get("ratio", "–")))))
    warnings = [str(w) for w in split.get("warnings", ()) or ()]
    if warnings:
        blocks.append(Block("p", t["split_warnings"] + " " + " ".join(warnings)))
    blocks.append(Block("p", t["split_files_text"].format(csv=FILES_CSV, n=num.count(len(f.files)))))
    blocks.append(Block("files", caption=t["split_files_show"].format(n=num.count(len(f.files))),
                        header=(t["col_split"], t["col_class"], t["col_path"])))
    return blocks


def settings_section(f: RunFacts) -> list[Block]:
    """The seed and the full configuration, then the software installed and the run's device."""
    t, metrics, status = f.t, f.run.metrics, f.run.status
    blocks = [Block("h2", t["config"]),
              Block("p", t["config_text"].format(seed=f.train_cfg.get("seed", f.split_cfg.get("seed", "–")))),
              Block("pre", json.dumps(f.run.config, indent=2, ensure_ascii=False)),
              Block("h2", t["versions"]), Block("p", t["versions_text"])]
    rows = [(lib, v or t["not_installed"]) for lib, v in library_versions()]
    accel = metrics.get("acceleration") if isinstance(metrics.get("acceleration"), dict) else {}
    device = accel.get("description") or metrics.get("device") or status.get("device")
    if device:
        rows.append((t["device"], str(device)))
    rows.append((t["platform"], f"{platform.system()} {platform.release()} ({platform.machine()})"))
    blocks.append(Block("table", header=(t["col_library"], t["col_version"]), rows=tuple(rows), right=(False, False)))
    return blocks


def curves_section(f: RunFacts) -> list[Block]:
    """The training curves: in English the run's own picture, in another language drawn again."""
    t, run = f.t, f.run
    curves = _png(run.paths["curves"]) if "curves" in run.paths and not f.translated else None
    if curves is None and run.history.get("epoch"):
        curves = _curves_png(run.history, _words(t, "fig_"))
    if not curves:
        return [Block("h2", t["curves"]), Block("p", t["curves_none"])]
    return [Block("h2", t["curves"]), Block("p", t["curves_text"]), Block("figure", image=curves)]


def results_section(f: RunFacts) -> list[Block]:
    """The confusion matrix (table and pictures), each class's scores and the calibration."""
    evaluation = f.run.evaluation
    if evaluation is None:
        return []
    t, num, paths = f.t, f.num, f.run.paths
    names = list(evaluation.class_names)
    blocks = [Block("h2", t["confusion"]), Block("p", t["confusion_text"]),
              Block("table", header=("", *names), right=(False, *([True] * len(names))),
                    rows=tuple((names[i], *(f"{num.count(v)} ({num.pct(evaluation.confusion_normalized[i][j], 0)})"
                                            for j, v in enumerate(row))) for i, row in enumerate(evaluation.confusion)))]
    for key in ("confusion", "confusion_normalized"):
        picture = _png(paths[key]) if key in paths else None
        if picture and f.translated:
            picture = _drawn(lambda path, normalized=key != "confusion": _save_confusion(
                evaluation, path, normalized, _words(t, "fig_")))
        if picture:
            blocks.append(Block("figure", image=picture, width=0.7))
    blocks += [Block("h2", t["per_class"]), Block("p", t["per_class_text"]),
               Block("table", header=(t["col_class"], t["col_precision"], t["col_precision_ci"], t["col_recall"],
                                      t["col_recall_ci"], t["col_f1"], t["col_support"]),
                     right=(False, True, True, True, True, True, True),
                     rows=tuple((c.name, num.pct(c.precision),
                                 interval_text(c.precision_ci, c.predicted, fmt=num.pct, joiner=" – ", too_few=t["too_few"]),
                                 num.pct(c.recall),
                                 interval_text(c.recall_ci, c.support, fmt=num.pct, joiner=" – ", too_few=t["too_few"]),
                                 num.pct(c.f1), num.count(c.support)) for c in evaluation.per_class))]
    return blocks + calibration_section(f)


def calibration_section(f: RunFacts) -> list[Block]:
    """Temperature, calibration error before and after, the threshold and the reliability
    diagram; nothing when the run has no (readable) calibration."""
    from tlstudio.core.evaluation.calibration_files import load_calibration, save_reliability_png

    t, num = f.t, f.num
    try:
        cal = load_calibration(f.run.path)
    except Exception:  # noqa: BLE001 - a damaged calibration.json leaves the section out, the rest is reported
        cal = None
    if cal is None:
        return []
    point = cal.coverage_at(cal.threshold)
    blocks = [Block("h2", t["calibration"]), Block("p", t["calibration_text"].format(n=num.count(cal.test_count))),
              Block("table", header=(t["col_measure"], t["col_value"]), right=(False, True), rows=(
                  (t["cal_temperature"], num.fixed(cal.temperature)),
                  (t["cal_ece_before"], num.pct(cal.ece_before)),
                  (t["cal_ece_after"], num.pct(cal.ece_after)),
                  (t["cal_threshold"], num.fixed(cal.threshold)),
                  (t["cal_coverage"], t["cal_coverage_value"].format(coverage=num.pct(point.coverage),
                                                                    accuracy=num.pct(point.accuracy))),
              )),
              Block("p", _calibration_reading(cal, t, num) if f.translated else cal.reading())]
    picture = _png(f.run.path / "reliability.png")
    if picture and f.translated:
        picture = _drawn(lambda path: save_reliability_png(cal, path, words=_words(t, "rel_")))
    if picture:
        blocks.append(Block("figure", image=picture))
    return blocks


def mistakes_section(f: RunFacts) -> list[Block]:
    """The most confident mistakes with their Grad-CAM heatmaps (nothing without test results)."""
    evaluation = f.run.evaluation
    if evaluation is None:
        return []
    t = f.t
    blocks = [Block("h2", t["mistakes"])]
    items, notes = _mistake_items(f.run, evaluation, t, f.mistakes, f.num)
    if not evaluation.misclassified:
        return [*blocks, Block("p", t["mistakes_none"])]
    blocks.append(Block("p", t["mistakes_text"].format(shown=len(items),
                                                       total=f.num.count(len(evaluation.misclassified)))))
    blocks += [Block("p", note) for note in notes]
    if items:
        blocks.append(Block("gallery", items=tuple(items)))
    return blocks


def comparison_section(f: RunFacts) -> list[Block]:
    """This run beside the runs compared with it, one row each (nothing when there are none)."""
    if not f.comparison:
        return []
    t, num = f.t, f.num
    table = comparison_table([f.run, *f.comparison])
    rows = []
    for i, row in enumerate(table):
        ci = row.get("accuracy_ci")
        seconds = row.get("train_time_s")
        mode_label = t.get(f"model_{row.get('mode')}")
        label = f"{mode_label}: {row.get('backbone')}" if mode_label else str(row["model"])
        rows.append((label + (t["this_run"] if i == 0 else ""), str(row["epochs"]),
                     num.pct(row.get("test_accuracy")), f"{num.pct(ci[0])} – {num.pct(ci[1])}" if ci else "–",
                     num.pct(row.get("balanced_accuracy")), "–" if seconds is None else f"{num.fixed(seconds, 0)} s"))
    return [Block("h2", t["comparison"]), Block("p", t["comparison_text"]),
            Block("table", header=(t["col_model"], t["col_epochs"], t["col_accuracy"], t["col_interval"],
                                   t["col_balanced"], t["col_time"]), rows=tuple(rows),
                  right=(False, True, True, True, True, True)),
            Block("p", t["comparison_runs"].format(runs=", ".join(str(row["run"]) for row in table)))]


def notes_section(f: RunFacts) -> list[Block]:
    """The run's notes, and the error of a failed or cancelled run."""
    t, status = f.t, f.run.status
    notes = [str(n) for n in f.run.metrics.get("notes", ()) or ()]
    if status.get("status") in ("failed", "cancelled") and status.get("error"):
        notes.append(str(status.get("error")))
    return [Block("h2", t["notes"]), *(Block("p", note) for note in notes or [t["notes_none"]])]


#: The sections in reading order, grouped by the progress step that follows them.
SECTIONS: tuple[tuple[Callable[[RunFacts], list[Block]], ...], ...] = (
    (summary_section,), (dataset_section,), (split_section, settings_section), (curves_section, results_section),
    (mistakes_section,), (comparison_section, notes_section),
)


def build_document(run: LoadedRun, *, language: str = "en", comparison: Sequence[LoadedRun] = (),
                   on_progress: ProgressHandler | None = None, mistakes: int = MISTAKES_SHOWN) -> ReportDocument:
    """Everything the report says about ``run``, as blocks (no file is written)."""
    facts = run_facts(run, language, comparison, mistakes)
    blocks: list[Block] = []
    for step, builders in enumerate(SECTIONS, start=1):
        for build in builders:
            blocks += build(facts)
        if on_progress is not None:
            on_progress(step, PROGRESS_STEPS)
    return _document(facts, blocks)


def _document(f: RunFacts, blocks: Sequence[Block]) -> ReportDocument:
    """The blocks under the report's title (the run's name) and subtitle (id, date, status)."""
    t, run, status = f.t, f.run, f.run.status
    name = str(status.get("name") or run.config.get("name") or run.id)
    created = str(status.get("created", ""))[:19].replace("T", " ")
    state = t.get(f"status_{status.get('status')}", status.get("status")) if status.get("status") else t["status_unknown"]
    return ReportDocument(title=t["title"].format(name=name),
                          subtitle=t["subtitle"].format(run_id=run.id, created=created or "–", status=state),
                          language=f.language, blocks=tuple(blocks), files_title=t["split_files_pdf"], files=f.files,
                          page_text=t["page"])


# ----------------------------------------------------------------------------- pieces


def _png(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _jpeg(array: Any, quality: int = 82) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(array).convert("RGB").save(buffer, format="JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


def _mistake_items(run: LoadedRun, evaluation: Any, t: Mapping[str, str], limit: int, num: Numbers = NUMBERS["en"]
                   ) -> tuple[list[tuple[bytes, bytes | None, str]], list[str]]:
    """Pictures and Grad-CAM overlays of the most confident mistakes, and notes on what failed."""
    from tlstudio.core.config_reading import saved_reading
    from tlstudio.core.data.imageio import load_image

    wrong = list(evaluation.misclassified)[:limit]
    if not wrong:
        return [], []
    notes: list[str] = []
    model = None
    if run.model_path is not None:
        try:
            from tlstudio.core.evaluation.predict import load_classifier

            model = load_classifier(run.path).model
        except Exception as exc:  # noqa: BLE001 - a model that cannot load still gets its pictures shown
            notes.append(t["mistakes_no_heatmap"].format(reason=str(exc).splitlines()[0][:200]))
    names = list(evaluation.class_names)
    items: list[tuple[bytes, bytes | None, str]] = []
    for m in wrong:
        file = Path(m.path).name
        try:
            image = load_image(m.path, size=MISTAKE_SIDE, reading=saved_reading(run.config))  # as the run read it
        except Exception:  # noqa: BLE001 - moved or unreadable: say so and go on
            notes.append(t["mistake_missing"].format(file=file))
            continue
        overlay = None
        if model is not None:
            try:
                from tlstudio.core.evaluation.metrics import grad_cam, overlay_heatmap

                overlay = _jpeg(overlay_heatmap(image, grad_cam(model, image, int(m.predicted_index))))
            except (ValueError, TypeError) as exc:
                notes.append(t["mistakes_no_heatmap"].format(reason=str(exc).splitlines()[0][:200]))
                model = None
        caption = t["mistake_caption"].format(file=file, true=names[m.true_index], predicted=names[m.predicted_index],
                                              confidence=num.pct(m.confidence))
        items.append((_jpeg(image), overlay, caption))
    return items, list(dict.fromkeys(notes))


def _counts_table(split: Mapping[str, Any], classes: Sequence[str], t: Mapping[str, str],
                  num: Numbers = NUMBERS["en"]) -> Block:
    counts = split.get("counts") if isinstance(split.get("counts"), dict) else {}
    parts = ("train", "val", "test")
    rows = []
    totals = [0, 0, 0]
    for name in classes:
        values = [int((counts.get(p) or {}).get(name, 0)) for p in parts]
        totals = [a + b for a, b in zip(totals, values)]
        rows.append((name, *(num.count(v) for v in values), num.count(sum(values))))
    rows.append((t["total_row"], *(num.count(v) for v in totals), num.count(sum(totals))))
    return Block("table", caption=t["classes_table"], header=(t["col_class"], t["col_train"], t["col_val"],
                                                              t["col_test"], t["col_total"]),
                 rows=tuple(rows), right=(False, True, True, True, True))


def _bad_reason(bad: Mapping[str, Any], language: str, t: Mapping[str, str]) -> str:
    """Why a file was skipped: the scan's own reason (English, naming the file and its size), or in
    another language the translated reason for its code (``reason_<code>``)."""
    reason = str(bad.get("reason", ""))
    if language == "en":
        return reason
    return t.get(f"reason_{bad.get('code')}", reason)


def _relative(path: str, root: str) -> str:
    if root:
        try:
            return os.path.relpath(path, root) if os.path.isabs(path) else path
        except ValueError:
            return path
    return path


def _words(t: Mapping[str, str], prefix: str) -> dict[str, str]:
    """The words of a figure: the entries of ``t`` whose key starts with ``prefix``, without it."""
    return {key[len(prefix):]: text for key, text in t.items() if key.startswith(prefix)}


def _drawn(draw: Callable[[Path], Path]) -> bytes:
    """The PNG bytes of a figure that ``draw(path)`` writes (into a temporary folder)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return draw(Path(folder) / "figure.png").read_bytes()


def _save_confusion(evaluation: Any, path: Path, normalized: bool, words: Mapping[str, str]) -> Path:
    from tlstudio.core.evaluation.metrics import save_confusion_png

    return save_confusion_png(evaluation, path, normalized=normalized, words=words)


def _curves_png(history: Mapping[str, Sequence[Any]], words: Mapping[str, str] | None = None) -> bytes | None:
    from tlstudio.core.evaluation.metrics import save_curves_png

    return _drawn(lambda path: save_curves_png(history, path, words=words))


def _calibration_reading(cal: Any, t: Mapping[str, str], num: Numbers) -> str:
    """A shorter :meth:`Calibration.reading` from :data:`TEXTS` (the English one is core's own)."""
    from tlstudio.core.evaluation.calibration import ABOUT_RIGHT_GAP, FEW_VALIDATION_IMAGES

    said, right = cal.mean_confidence_before, cal.accuracy
    case = "over" if said - right > ABOUT_RIGHT_GAP else "under" if right - said > ABOUT_RIGHT_GAP else "right"
    parts = [t[f"cal_reading_{case}"].format(said=num.pct(said, 0), right=num.pct(right, 0))]
    if cal.val_count < FEW_VALIDATION_IMAGES:
        parts.append(t["cal_reading_few"].format(n=num.count(cal.val_count)))
    return " ".join(parts)
