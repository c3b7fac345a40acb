"""What the check finds, as the CLI prints it: label conflicts and leakage in ``tlstudio check``,
tiny test classes after a run, and ``tlstudio labels`` (suspected label errors)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from tlstudio.cli.options import EXIT_CANCELLED, EXIT_OK, StopOnInterrupt, config_from_args

#: Pairs printed per finding (``--json`` has them all, up to the findings' own limit).
SHOWN = 20


def duplicates_json(prepared: Any) -> dict[str, Any]:
    """``check --json``'s duplicate entries: leakage (same label, two splits), label conflicts
    (two labels) and every finding; empty lists with ``--no-leakage``."""
    if prepared is None:
        return {"leakage": [], "label_conflicts": [], "findings": []}
    findings = prepared.findings
    return {"leakage": [item for f in findings.of("leakage") for item in f.items],
            "label_conflicts": [item for f in findings.of("label_conflict") for item in f.items],
            "findings": [f.to_dict() for f in findings.findings]}


def print_duplicates(prepared: Any) -> None:
    """The label conflicts (named as such) and the leakage ``tlstudio check`` found, each with its pairs."""
    if prepared is None:
        return
    findings = prepared.findings
    shown = findings.of("label_conflict") + findings.of("leakage") + findings.of("excluded")
    for finding in shown:
        print(f"\nWarning: {finding.line()}")
        for item in finding.items[:SHOWN]:
            if "path_a" in item:
                where_a = item.get("split_a", item["class_a"])
                where_b = item.get("split_b", item["class_b"])
                print(f"  {where_a}: {item['path_a']}\n  {where_b}: {item['path_b']}  (distance {item['distance']})")
            else:
                print(f"  {item['path']}  ({item['reason']})")
        if len(finding.items) > SHOWN:
            print(f"  ... and {len(finding.items) - SHOWN} more (use --json for all)")
    if not findings.of("label_conflict") and not findings.of("leakage"):
        print("\nNo duplicate images across train, validation and test, and no picture filed under two classes.")


def tiny_class_report(run_dir: Any) -> list[str]:
    """After a run: each tiny test class's recall, measured on how many pictures, with its interval."""
    from tlstudio.core.data.findings import load_findings, tiny_class_lines

    if run_dir is None:
        return []
    findings = load_findings(run_dir)
    try:
        metrics = json.loads((run_dir / "metrics.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [] if findings is None else tiny_class_lines(findings, metrics.get("per_class", ()))


def format_label_check(result: Any, shown: int) -> str:
    """The suspected label errors as a table: rank, picture, given label and its probability, likely label."""
    lines = [f"{len(result.suspects)} of {result.n_images} pictures look mislabelled (out-of-fold predictions of "
             f"{result.folds} folds, {result.backbone}); the {min(shown, len(result.suspects))} least likely first:",
             "", "| # | picture | given | p(given) | likely | p(likely) |", "|---|---|---|---|---|---|"]
    for i, s in enumerate(result.suspects[:shown], 1):
        lines.append(f"| {i} | {s.path} | {s.given} | {s.p_given:.1%} | {s.likely} | {s.p_likely:.1%} |")
    return "\n".join(lines)


def run_labels(args: argparse.Namespace, progress: Any) -> int:
    """``tlstudio labels DATA``: out-of-fold predictions, then the pictures whose given label the
    model finds least likely (confident learning); ``progress`` prints the events."""
    from tlstudio.core.studies.labels import check_labels

    config = config_from_args(args)
    with StopOnInterrupt() as stop:
        result = check_labels(config, args.workspace, folds=args.folds, on_event=progress, should_stop=stop)
    progress.close()
    finished = result.status == "finished"
    if args.json:
        print(json.dumps({"ok": finished, **result.to_dict()}, indent=2, default=str))
        return EXIT_OK if finished else EXIT_CANCELLED
    print(format_label_check(result, args.show))
    if result.folder:
        print(f"\nSaved in {result.folder} (labels.json, suspects.txt). Leave the suspects out of a run with "
              f"--exclude-file {result.folder / 'suspects.txt'}, or in the app's Check labels view.")
    return EXIT_OK if finished else EXIT_CANCELLED
