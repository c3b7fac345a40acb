"""`tlstudio synth ...`: train a generator of synthetic images, sample it, accept a set, measure it.

The desktop app shows generated images one by one before they are accepted; the command line
accepts what it generates (look at ``synth sample`` grids first).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tlstudio.cli.options import (
    EXIT_CANCELLED,
    EXIT_OK,
    StopOnInterrupt,
    json_option,
    split_config_from_args,
    split_options,
)
from tlstudio.core.config import GENERATOR_KINDS, GENERATOR_SIZES, GeneratorConfig
from tlstudio.core.errors import ConfigError
from tlstudio.core.synthetic.consistency import CONSISTENCY_THRESHOLD


def add_synth_parser(sub: Any) -> None:
    """The ``synth`` command and its sub-commands."""
    d = GeneratorConfig(data="-")
    synth = sub.add_parser("synth", help="synthetic images: train a generator, sample it, accept a set, measure it",
                           description=__doc__)
    commands = synth.add_subparsers(dest="synth_command", metavar="SUBCOMMAND", parser_class=type(synth))

    p = commands.add_parser("train", help="train a per-class generator on the training images of a split")
    p.add_argument("data", nargs="?", help="image folder (not needed with --resume)")
    p.add_argument("--kind", choices=GENERATOR_KINDS, default=d.kind,
                   help="dcgan (sharper, less steady) or vae (simpler, steadier, blurrier) (default %(default)s)")
    p.add_argument("--size", type=int, choices=GENERATOR_SIZES, default=d.image_size,
                   help="image size in pixels (default %(default)s)")
    p.add_argument("--epochs", type=int, default=None, help=f"passes over the training images (default {d.epochs}; "
                                                             "with --resume: the saved number)")
    p.add_argument("--batch-size", type=int, default=d.batch_size, help="images per step (default %(default)s)")
    p.add_argument("--latent-dim", type=int, default=d.latent_dim, help="size of the noise vector (default %(default)s)")
    p.add_argument("--lr", type=float, default=d.learning_rate, help="learning rate (default %(default)s)")
    split_options(p)
    p.add_argument("--name", default="", help="a name for the generator")
    p.add_argument("--resume", metavar="GENERATOR", default=None,
                   help="continue a stopped generator from its last checkpoint (its own settings are used)")
    p.add_argument("--workspace", type=Path, default=None, help="where generators go (default: per-user data folder)")
    json_option(p)

    p = commands.add_parser("generators", help="list the generators in the workspace")
    p.add_argument("--workspace", type=Path, default=None)
    json_option(p)

    p = commands.add_parser("sample", help="a grid of new images from a generator, to look at before accepting")
    p.add_argument("generator", help="a generator folder (see `tlstudio synth generators`)")
    p.add_argument("--class", dest="classes", action="append", default=None, metavar="CLASS",
                   help="class to sample (repeat for several; default: every class, one row each)")
    p.add_argument("--n", type=int, default=16, help="images per class (default %(default)s)")
    p.add_argument("--seed", type=int, default=0, help="noise seed (default %(default)s)")
    p.add_argument("--out", type=Path, required=True, help="the PNG file to write")

    p = commands.add_parser("accept", help="generate N images per class and store them as a synthetic set "
                                           "(the command line accepts all it generates; the desktop app lets you "
                                           "review them one by one)")
    p.add_argument("generator", help="a generator folder (see `tlstudio synth generators`)")
    p.add_argument("--n", type=int, default=50, help="images per class (default %(default)s)")
    p.add_argument("--class", dest="classes", action="append", default=None, metavar="CLASS",
                   help="class to generate (repeat for several; default: every class)")
    p.add_argument("--seed", type=int, default=0, help="noise seed, saved in the provenance (default %(default)s)")
    p.add_argument("--name", default="", help="a name for the set")
    p.add_argument("--accept-anyway", action="store_true",
                   help="store the set even when a class's pictures do not look like their class (class consistency "
                        f"below {CONSISTENCY_THRESHOLD:.0%}); without it such a set is refused")
    p.add_argument("--workspace", type=Path, default=None,
                   help="where the set goes (default: the generator's own workspace)")
    json_option(p)

    p = commands.add_parser("sets", help="list the accepted synthetic sets with their counts and provenance")
    p.add_argument("--workspace", type=Path, default=None)
    json_option(p)

    p = commands.add_parser("quality", help="per class: Fréchet distance to the real training images, how well "
                                            "a classifier tells real from synthetic, and how often a classifier "
                                            "trained on the real images labels the synthetic ones as their class")
    p.add_argument("set", help="a synthetic set folder (see `tlstudio synth sets`)")
    json_option(p)


def cmd_synth(args: argparse.Namespace) -> int:
    command = getattr(args, "synth_command", None)
    if not command:
        raise ConfigError("Say what to do: tlstudio synth train | generators | sample | accept | sets | quality "
                          "(see tlstudio synth --help). Received: no sub-command")
    return {"train": _train, "generators": _generators, "sample": _sample, "accept": _accept, "sets": _sets,
            "quality": _quality}[command](args)


def _workspace(args: argparse.Namespace) -> Path:
    from tlstudio.core.outputs.workspace import default_workspace

    return args.workspace if args.workspace is not None else default_workspace()


def _losses(losses: Any) -> str:
    return ", ".join(f"{k} {v:.4g}" for k, v in losses.items())


def _train(args: argparse.Namespace) -> int:
    from tlstudio.core.synthetic.generators import SynthEvent
    from tlstudio.core.synthetic.training import train_generator

    if args.resume is None and not args.data:
        raise ConfigError("Give the image folder (or --resume GENERATOR). Received: no image folder")
    defaults = GeneratorConfig(data="-")
    config = GeneratorConfig(
        data=str(Path(args.data or ".").expanduser().resolve()), kind=args.kind, image_size=args.size,
        epochs=args.epochs or defaults.epochs, batch_size=args.batch_size, latent_dim=args.latent_dim,
        learning_rate=args.lr, seed=args.seed, name=args.name, split=split_config_from_args(args))
    if args.resume is not None:
        from tlstudio.core.synthetic.generators import generator_config

        saved = generator_config(args.resume)
        config = GeneratorConfig.from_dict({**saved.to_dict(), "epochs": args.epochs or saved.epochs})

    def on_event(event: SynthEvent) -> None:
        if event.kind == "epoch":
            print(f"epoch {event.epoch}/{event.epochs}: {_losses(event.losses)}", file=sys.stderr if args.json else sys.stdout,
                  flush=True)
        elif event.message:
            print(event.message, file=sys.stderr, flush=True)

    with StopOnInterrupt() as stop:
        result = train_generator(config, _workspace(args), on_event=on_event, should_stop=stop, resume=args.resume)
    finished = result.status == "finished"
    if args.json:
        print(json.dumps({"ok": finished, "path": str(result.path), "status": result.status,
                          "classes": list(result.classes), "epochs_done": result.epochs_done,
                          "history": {k: list(v) for k, v in result.history.items()}}, indent=2))
    elif finished:
        print(f"Generator saved in {result.path} (samples/ holds a grid per epoch)")
    else:
        print(f"Stopped: the checkpoint of epoch {result.epochs_done} is kept in {result.path}. Continue with "
              f"tlstudio synth train --resume {result.path}")
    return EXIT_OK if finished else EXIT_CANCELLED


def _generators(args: argparse.Namespace) -> int:
    from tlstudio.core.synthetic.generators import list_generators

    found = list_generators(_workspace(args))
    if args.json:
        print(json.dumps([{**vars(g), "path": str(g.path), "classes": list(g.classes)} for g in found], indent=2))
        return EXIT_OK
    if not found:
        print("No generators yet. Train one with: tlstudio synth train DATA")
    for g in found:
        print(f"{g.path}\n  {g.kind} {g.image_size} px, epoch {g.epochs_done}/{g.epochs}, {g.status}, "
              f"classes: {', '.join(g.classes)}, created {g.created}")
    return EXIT_OK


def _classes(generator: str, wanted: list[str] | None) -> list[str]:
    from tlstudio.core.synthetic.generators import read_generator

    known = list(read_generator(generator).classes)
    for name in wanted or []:
        if name not in known:
            raise ConfigError(f"The generator knows no class {name!r}; its classes are {', '.join(known)}. "
                              f"Received: --class {name}")
    return wanted or known


def _sample(args: argparse.Namespace) -> int:
    from tlstudio.core.synthetic.generators import make_grid, save_png
    from tlstudio.core.synthetic.sets import generate

    if not 1 <= args.n <= 256:
        raise ConfigError(f"--n must be between 1 and 256 images per class. Received: --n={args.n}")
    rows = []
    for name in _classes(args.generator, args.classes):
        images = generate(args.generator, name, args.n, seed=args.seed)
        rows += [images[i : i + 8] for i in range(0, len(images), 8)]
    width = max(len(r) for r in rows)
    blank = rows[0][0] * 0
    grid = make_grid([list(r) + [blank] * (width - len(r)) for r in rows])
    save_png(args.out, grid)
    print(f"Wrote {args.out} ({args.n} images per class, 8 per row, seed {args.seed})")
    return EXIT_OK


def _accept(args: argparse.Namespace) -> int:
    from tlstudio.core.synthetic.generators import GENERATORS_FOLDER
    from tlstudio.core.synthetic.sets import accept, generate_with_epoch, measure_consistency

    if not 1 <= args.n <= 10_000:
        raise ConfigError(f"--n must be between 1 and 10000 images per class. Received: --n={args.n}")
    generator = Path(args.generator).expanduser()
    workspace = args.workspace
    if workspace is None:
        parent = generator.resolve().parent
        workspace = parent.parent if parent.name == GENERATORS_FOLDER else _workspace(args)
    images, epoch = generate_with_epoch(generator, _classes(args.generator, args.classes), args.n, seed=args.seed)
    print("Checking that the pictures look like their class (a classifier trained on the real images labels them)",
          file=sys.stderr, flush=True)
    consistency = measure_consistency(generator, images)
    print(format_consistency(consistency), file=sys.stderr, flush=True)
    set_dir = accept(generator, images, workspace, seed=args.seed, name=args.name, epoch=epoch,
                     consistency=consistency, accept_anyway=args.accept_anyway)
    if args.json:
        print(json.dumps({"ok": True, "set": str(set_dir), "counts": {k: len(v) for k, v in images.items()},
                          "class_consistency": consistency.to_dict()}, indent=2))
    else:
        print(set_dir)
    return EXIT_OK


def format_consistency(report: Any) -> str:
    """Class consistency per class, with the threshold."""
    lines = [f"{'class':<20} {'labelled as its class':>22}"]
    for name, share in report.per_class.items():
        mark = "" if share >= report.threshold else f"  below {report.threshold:.0%}"
        lines.append(f"{name:<20} {share:>22.0%}{mark}")
    return "\n".join(lines)


def _sets(args: argparse.Namespace) -> int:
    from tlstudio.core.synthetic.sets import list_synthetic_sets

    found = list_synthetic_sets(_workspace(args))
    if args.json:
        print(json.dumps([{"path": str(s.path), "name": s.name, "counts": dict(s.counts), "provenance": dict(s.provenance),
                           "quality": s.quality} for s in found], indent=2))
        return EXIT_OK
    if not found:
        print("No synthetic sets yet. Accept one with: tlstudio synth accept GENERATOR --n 50")
    for s in found:
        p = s.provenance
        counts = ", ".join(f"{k} {v}" for k, v in s.counts.items())
        measured = "quality measured" if s.quality else "quality not measured (tlstudio synth quality SET)"
        stored = (p.get("class_consistency") or {}).get("per_class")
        looks = ("look like their class: " + ", ".join(f"{c} {v:.0%}" for c, v in stored.items())
                 if isinstance(stored, dict) else "class consistency not checked when accepted")
        print(f"{s.path}\n  {counts}; {p.get('kind')} {p.get('image_size')} px, epoch {p.get('epoch')}, seed "
              f"{p.get('seed')}, generator {p.get('generator')}\n  data {p.get('data')}, split seed "
              f"{(p.get('split') or {}).get('seed')}; {measured}\n  {looks}")
    return EXIT_OK


def format_quality(report: Any) -> str:
    """The quality table with how to read it."""
    lines = [f"{'class':<20} {'real':>5} {'synthetic':>9} {'Fréchet distance':>17} {'real vs synthetic':>18} "
             f"{'class consistency':>18}"]
    for name, q in report.per_class.items():
        mark = "" if q.class_consistency >= report.threshold else "  (below the threshold)"
        lines.append(f"{name:<20} {q.n_real:>5} {q.n_synthetic:>9} {q.fid:>17.2f} {q.real_vs_synthetic_accuracy:>18.1%} "
                     f"{q.class_consistency:>18.0%}{mark}")
    lines += ["", f"Features: {report.feature}.",
              "Fréchet distance: 0 = same distribution; lower is better. With few images it is biased upward, "
              "so compare sets of similar sizes only.",
              "Real vs synthetic: how often a small classifier tells them apart; 50% = indistinguishable (best), "
              "100% = always told apart.",
              "Class consistency: how often a classifier trained on the real training images labels the synthetic "
              f"images as their own class; below {report.threshold:.0%} they do not look like their class (the set "
              "adds pictures with wrong labels)."]
    return "\n".join(lines)


def _quality(args: argparse.Namespace) -> int:
    from tlstudio.core.synthetic.quality import measure_quality

    with StopOnInterrupt() as stop:
        report = measure_quality(args.set, on_event=lambda e: print(e.message, file=sys.stderr, flush=True),
                                 should_stop=stop)
    if stop():
        print("Stopped; nothing was saved.", file=sys.stderr)
        return EXIT_CANCELLED
    if args.json:
        print(json.dumps({"ok": True, **report.to_dict()}, indent=2))
    else:
        print(format_quality(report))
        print(f"\nSaved in {Path(args.set) / 'quality.json'}")
    return EXIT_OK
