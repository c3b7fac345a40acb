"""What the check finds, gathered into one record that travels with every run.

``tlstudio check`` looks at a folder and finds things that change what a run's figures mean:
classes of very different sizes, the same picture filed under two classes (a *label
conflict*), the same picture with the same label in two splits (*leakage*), classes too small
to measure, test classes of a handful of pictures, skipped files, images without a group. A
run checks again before it starts and keeps what it found (``findings.json`` in the run
folder); the CLI prints it, the Results page, the report and the model card show it, each
finding with what it means for the figures.

Label conflicts lower accuracy (the model is taught two answers for one picture, and a test
copy is marked wrong whichever it answers); leakage raises it (the model is tested on pictures
it trained on). :func:`prepare` can leave conflicting pictures out of a run
(``SplitConfig.label_conflicts``), and any listed picture (``SplitConfig.exclude``), without
touching the folder; the run records which.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from tlstudio.core.data.leakage import DuplicatePair, find_duplicates
from tlstudio.core.data.records import DatasetScan, ProgressCallback, Split
from tlstudio.core.data.scan import imbalance_warning

if TYPE_CHECKING:
    from tlstudio.core.config import SplitConfig

FINDINGS_FILE = "findings.json"
#: A class with fewer test pictures than this gets its recall's measure spelled out.
TINY_TEST = 10
#: A class with fewer pictures than this is too small for one split's figures to be steady.
SMALL_CLASS = 30
#: At most this many pictures are listed per finding (the counts are always complete).
LISTED = 200


@dataclass(frozen=True)
class Finding:
    """One thing the check found: ``text`` says what, ``meaning`` what it means for the figures.

    ``kind``: imbalance, label_conflict, leakage, small_class, tiny_test, skipped, ungrouped,
    excluded, folder (a note of the folder check) or split (a note of the split). ``items``
    lists the pictures concerned (pairs for conflicts and leakage); ``data`` holds its numbers."""

    kind: str
    text: str
    meaning: str = ""
    items: tuple[Mapping[str, Any], ...] = ()
    data: Mapping[str, Any] = field(default_factory=dict)

    def line(self) -> str:
        return f"{self.text} {self.meaning}".strip()

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "meaning": self.meaning, "items": [dict(i) for i in self.items],
                "data": dict(self.data)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Finding":
        return cls(str(data["kind"]), str(data["text"]), str(data.get("meaning", "")),
                   tuple(dict(i) for i in data.get("items", ())), dict(data.get("data", {})))


@dataclass(frozen=True)
class DatasetFindings:
    """Everything the check found for one run (or study), and the pictures it left out."""

    findings: tuple[Finding, ...] = ()
    excluded: tuple[Mapping[str, str], ...] = ()  # {"path", "reason"} per picture left out
    label_conflicts: str = "keep"

    def of(self, kind: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == kind)

    def lines(self) -> list[str]:
        """One sentence per finding, what it is and what it means (what the CLI prints)."""
        return [f.line() for f in self.findings]

    def save(self, run_dir: Path | str) -> Path:
        """``findings.json`` in the run folder (atomic; file-name bytes that are not UTF-8 written as
        the replacement character, as in ``bad_files.json``)."""
        from tlstudio.core.outputs.workspace import atomic_write_json, printable

        def clean(value: Any) -> Any:
            if isinstance(value, str):
                return printable(value)
            if isinstance(value, dict):
                return {clean(k): clean(v) for k, v in value.items()}
            if isinstance(value, (list, tuple)):
                return [clean(v) for v in value]
            return value

        return atomic_write_json(Path(run_dir) / FINDINGS_FILE, clean(self.to_dict()))

    def to_dict(self) -> dict[str, Any]:
        return {"findings": [f.to_dict() for f in self.findings], "excluded": [dict(e) for e in self.excluded],
                "label_conflicts": self.label_conflicts}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "DatasetFindings":
        return cls(tuple(Finding.from_dict(f) for f in data.get("findings", ())),
                   tuple(dict(e) for e in data.get("excluded", ())), str(data.get("label_conflicts", "keep")))


@dataclass(frozen=True)
class Prepared:
    """The folder's check as a run uses it: the scan less the excluded pictures, its split (None
    when a study pools every image) and the findings."""

    scan: DatasetScan
    split: Split | None
    findings: DatasetFindings


def prepare(scan: DatasetScan, config: "SplitConfig", *, pooled: bool = False,
            on_progress: ProgressCallback | None = None) -> Prepared:
    """Look for duplicates in ``scan`` (every image hashed once), leave out what ``config`` asks
    (label conflicts, listed pictures), split the rest (unless ``pooled``) and gather the findings."""
    from tlstudio.core.data.split import make_split

    duplicates = find_duplicates(scan.records, on_progress=on_progress)
    kept, excluded = apply_exclusions(scan, config, duplicates)
    split = None if pooled else make_split(kept, config)
    findings = gather_findings(scan, kept, split, duplicates, excluded, config.label_conflicts)
    return Prepared(kept, split, findings)


# ----------------------------------------------------------------------------- leaving pictures out


def conflict_exclusions(duplicates: Sequence[DuplicatePair], how: str) -> dict[str, str]:
    """The paths ``how`` leaves out of the pictures filed under two classes: ``"exclude"`` every
    copy; ``"one_copy"`` all but the copy whose path sorts first in each set of copies; ``"keep"``
    none. Maps each path to the reason."""
    if how == "keep":
        return {}
    parent: dict[str, str] = {}

    def root(path: str) -> str:
        while parent.setdefault(path, path) != path:
            path = parent[path]
        return path

    for pair in duplicates:
        if pair.conflict:
            a, b = root(pair.path_a), root(pair.path_b)
            parent[max(a, b)] = min(a, b)
    sets: dict[str, list[str]] = {}
    for path in list(parent):
        sets.setdefault(root(path), []).append(path)
    out: dict[str, str] = {}
    for members in sets.values():
        members.sort()
        dropped = members if how == "exclude" else members[1:]
        for path in dropped:
            out[path] = ("the same picture is filed under another class" if how == "exclude"
                         else f"a copy of {os.path.basename(members[0])}, kept with its label")
    return out


def apply_exclusions(scan: DatasetScan, config: "SplitConfig", duplicates: Sequence[DuplicatePair]
                     ) -> tuple[DatasetScan, dict[str, str]]:
    """``scan`` without the pictures ``config`` leaves out (``label_conflicts``, ``exclude``: paths
    inside the folder or absolute); the folder itself is never touched. Returns the scan and
    {path: reason} of what was left out."""
    out = conflict_exclusions(duplicates, config.label_conflicts)
    root = Path(scan.root)
    known = {r.path for r in scan.records}
    for listed in config.exclude:
        path = listed if os.path.isabs(listed) else str(root / listed)
        if path in known:
            out.setdefault(path, "left out by you (Check labels, or the exclude list)")
    if not out:
        return scan, {}

    def kept(records: Sequence[Any]) -> tuple[Any, ...]:
        return tuple(r for r in records if r.path not in out)

    presplit = None if scan.presplit is None else {k: kept(v) for k, v in scan.presplit.items()}
    return replace(scan, records=kept(scan.records), presplit=presplit), out


# ----------------------------------------------------------------------------- the findings


def gather_findings(scan: DatasetScan, kept: DatasetScan, split: Split | None, duplicates: Sequence[DuplicatePair],
                    excluded: Mapping[str, str], label_conflicts: str = "keep") -> DatasetFindings:
    """The findings of a folder's check (``scan``, before anything was left out), of the pictures a
    run keeps (``kept``) and of its ``split`` (None: every image pooled, as cross-validation does)."""
    findings: list[Finding] = []
    findings += _imbalance(kept)
    findings += _conflicts(duplicates, excluded)
    findings += _leakage(duplicates, excluded, split)
    findings += _small_classes(kept)
    if split is not None:
        findings += _tiny_test_classes(split)
    findings += _skipped(scan)
    findings += _ungrouped(split)
    findings += [Finding("folder", w) for w in scan.warnings]
    if split is not None:
        findings += [Finding("split", w) for w in split.warnings if "without a group" not in w]
    if excluded:
        k = len(excluded)
        findings.append(Finding(
            "excluded", f"{k} picture{'s were' if k != 1 else ' was'} left out of this run (the folder is unchanged).",
            "The figures are of the pictures kept.",
            tuple({"path": p, "reason": r} for p, r in sorted(excluded.items())[:LISTED]), {"count": k}))
    return DatasetFindings(tuple(findings), tuple({"path": p, "reason": r} for p, r in sorted(excluded.items())),
                           label_conflicts)


def _imbalance(scan: DatasetScan) -> list[Finding]:
    counts = scan.counts()
    text = imbalance_warning(counts)
    if text is None:
        return []
    largest, smallest = max(counts, key=lambda k: counts[k]), min(counts, key=lambda k: counts[k])
    return [Finding("imbalance", text, f"A model that favours {largest} scores well on accuracy alone: read the "
                    f"balanced accuracy and {smallest}'s recall.", data={"counts": counts})]


def _pair_item(pair: DuplicatePair) -> dict[str, Any]:
    return {"path_a": pair.path_a, "class_a": pair.class_a, "path_b": pair.path_b, "class_b": pair.class_b,
            "exact": pair.exact, "distance": pair.distance}


def _conflicts(duplicates: Sequence[DuplicatePair], excluded: Mapping[str, str]) -> list[Finding]:
    """One finding per pair of classes that share pictures."""
    by_classes: dict[tuple[str, str], list[DuplicatePair]] = {}
    for pair in duplicates:
        if pair.conflict:
            by_classes.setdefault(tuple(sorted((pair.class_a, pair.class_b))), []).append(pair)  # type: ignore[arg-type]
    found = []
    for (a, b), pairs in sorted(by_classes.items(), key=lambda kv: -len(kv[1])):
        k = len(pairs)
        left_out = sum(1 for p in pairs if p.path_a in excluded or p.path_b in excluded)
        done = f" {left_out} of them {'were' if left_out != 1 else 'was'} left out of this run." if left_out else ""
        found.append(Finding(
            "label_conflict",
            f"The same picture is labelled both {a} and {b} ({k} picture{'s' if k != 1 else ''}).{done}",
            "This is a label conflict, not leakage: the model is taught two answers for one picture, and a test copy "
            "is marked wrong whichever it answers, so it lowers accuracy rather than inflating it. Fix the labels, "
            "or leave the copies out (label conflicts: exclude, or keep one copy).",
            tuple(_pair_item(p) for p in pairs[:LISTED]), {"classes": [a, b], "count": k, "excluded": left_out}))
    return found


def _leakage(duplicates: Sequence[DuplicatePair], excluded: Mapping[str, str], split: Split | None) -> list[Finding]:
    """Same label, two splits (or, pooled, two folds to be): the test sees what training saw."""
    part_of = {} if split is None else {r.path: part for part, rs in split.parts().items() for r in rs}
    pairs = []
    for pair in duplicates:
        if pair.conflict or pair.path_a in excluded or pair.path_b in excluded:
            continue
        if split is None or (pair.path_a in part_of and pair.path_b in part_of
                             and part_of[pair.path_a] != part_of[pair.path_b]):
            pairs.append(pair)
    if not pairs:
        return []
    k = len(pairs)
    where = ("are in the folder twice, so the folds can test on a copy of a training picture" if split is None
             else "are in two different splits (duplicates or near-duplicates)")
    items = tuple({**_pair_item(p), **({} if split is None else {"split_a": part_of[p.path_a],
                                                                  "split_b": part_of[p.path_b]})}
                  for p in pairs[:LISTED])
    return [Finding("leakage", f"{k} pair{'s' if k != 1 else ''} of pictures with the same label {where}.",
                    "Test accuracy is too optimistic: the model is tested on pictures it trained on. Remove the copies "
                    "or keep them in one split.", items, {"count": k})]


def _small_classes(scan: DatasetScan) -> list[Finding]:
    few = {name: n for name, n in scan.counts().items() if n < SMALL_CLASS}
    if not few:
        return []
    listed = ", ".join(f"{name} ({n})" for name, n in few.items())
    return [Finding("small_class", f"Some classes have fewer than {SMALL_CLASS} pictures: {listed}.",
                    "One test split then holds only a few of their pictures, so the figures can swing by many points "
                    "by chance; cross-validation shows that spread.", data={"counts": few})]


def _tiny_test_classes(split: Split) -> list[Finding]:
    found = []
    for name, n in split.counts()["test"].items():
        if 0 < n < TINY_TEST:
            found.append(Finding(
                "tiny_test", f"{name} has only {n} test picture{'s' if n != 1 else ''}: its recall is measured on "
                f"{n} picture{'s' if n != 1 else ''}.",
                f"One picture moves it by {1 / n:.0%}; read its interval, not the figure alone.",
                data={"class": name, "test": n}))
    return found


def _skipped(scan: DatasetScan) -> list[Finding]:
    if not scan.bad_files:
        return []
    k = len(scan.bad_files)
    return [Finding("skipped", f"{k} file{'s were' if k != 1 else ' was'} skipped (they could not be used as pictures).",
                    "They are in no figure; a class that lost many is smaller than its folder suggests.",
                    tuple({"path": b.path, "reason": b.reason} for b in scan.bad_files[:LISTED]), {"count": k})]


def _ungrouped(split: Split | None) -> list[Finding]:
    summary = None if split is None else split.group_summary()
    if summary is None or not summary.ungrouped:
        return []
    k = summary.ungrouped
    return [Finding("ungrouped", f"{k} picture{'s have' if k != 1 else ' has'} no group and count as a patient of "
                    f"{'their' if k != 1 else 'its'} own.",
                    "If they belong to patients with other pictures, a patient seen in training can be in the test, "
                    "and test accuracy is too optimistic.", data={"count": k})]


# ----------------------------------------------------------------------------- after the test


def tiny_class_line(finding: Finding, per_class: Sequence[Mapping[str, Any]]) -> str | None:
    """A tiny test class's recall and 95% interval from the run's evaluation (the ``per_class``
    rows of ``metrics.json``): "x: recall 67% is measured on 3 pictures; ..."; None without it."""
    row = next((c for c in per_class if str(c.get("name")) == str(finding.data.get("class"))), None)
    if finding.kind != "tiny_test" or row is None:
        return None
    lo, hi = row.get("recall_ci", (0.0, 0.0))
    n = int(row.get("support", finding.data.get("test", 0)))
    return (f"{row['name']}: recall {float(row['recall']):.0%} is measured on {n} picture{'s' if n != 1 else ''}; "
            f"its 95% interval is {float(lo):.0%} to {float(hi):.0%}.")


def tiny_class_lines(findings: DatasetFindings, per_class: Sequence[Mapping[str, Any]]) -> list[str]:
    """:func:`tiny_class_line` of every tiny test class the evaluation has."""
    return [line for f in findings.of("tiny_test") if (line := tiny_class_line(f, per_class)) is not None]


def run_finding_parts(findings: DatasetFindings, per_class: Sequence[Mapping[str, Any]] = ()
                      ) -> list[tuple[str, str]]:
    """Every finding of a run as (what was found, what it means); a tiny test class with its
    measured recall and interval when the run has them."""
    return [(tiny_class_line(f, per_class) or f.text, f.meaning) for f in findings.findings]


def run_finding_lines(findings: DatasetFindings, per_class: Sequence[Mapping[str, Any]] = ()) -> list[str]:
    """:func:`run_finding_parts` as one sentence each (what the report and the model card show)."""
    return [f"{text} {meaning}".strip() for text, meaning in run_finding_parts(findings, per_class)]


def load_findings(run_dir: Path | str) -> DatasetFindings | None:
    """The findings a run recorded; None for a run made before runs recorded them (or damaged)."""
    import json

    path = Path(run_dir) / FINDINGS_FILE
    try:
        return DatasetFindings.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None

