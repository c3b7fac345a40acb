"""Figures as PNG files: matplotlib's Agg canvas (no Qt, no display), written atomically.

The confusion matrix, the calibration diagrams and the studies' plots are all drawn this way."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from tlstudio.core.outputs.workspace import PathLike, atomic_write_bytes

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def new_figure(width: float, height: float) -> "Figure":
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def save_figure_png(fig: "Figure", path: PathLike, tight: bool = False) -> Path:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, **({"bbox_inches": "tight", "pad_inches": 0.08} if tight else {}))
    return atomic_write_bytes(path, buffer.getvalue())
