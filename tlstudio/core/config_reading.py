"""The reading settings of a run: how 16-bit pictures and DICOM files become what the model sees.

Part of :class:`~tlstudio.core.config.RunConfig` (``config.reading``) and importable from
:mod:`tlstudio.core.config`; kept in a module of its own to keep that one short.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tlstudio.core.errors import ConfigError

#: How 16-bit grey pictures become 0..255 (``ReadingConfig.high_bit``).
HIGH_BIT_SCALINGS: tuple[str, ...] = ("auto", "full")
#: What a DICOM file with several frames gives (``ReadingConfig.dicom_frames``).
DICOM_FRAMES: tuple[str, ...] = ("middle", "all")


@dataclass(frozen=True)
class ReadingConfig:
    """How 16-bit pictures and DICOM files become the 8-bit RGB the model sees; kept in the run's
    configuration so that predictions read new pictures the same way.

    ``high_bit``: ``"auto"`` decides per file from its own values: a 16-bit picture whose values
    all stay under 4,096 holds 12-bit data (an X-ray detector's usual range) and is scaled from
    0..4,095; any other 16-bit picture from 0..65,535. ``"full"`` always scales 16-bit pictures
    from 0..65,535 (what tlstudio did before; a run saved without this section reads as ``"full"``).
    ``dicom_window``: which of a DICOM file's stored windows (Window Center/Width, or VOI LUT) to
    use, counting from 1; ``0`` ignores them and uses a robust window (the 0.5th to 99.5th
    percentile of the values). A file storing no window always gets the robust window.
    ``dicom_frames``: ``"middle"`` reads the middle frame of a multi-frame file (a volume or a cine
    loop); ``"all"`` makes every frame an image of its own (its path ends ``#frame=K``).
    """

    high_bit: str = "auto"
    dicom_window: int = 1
    dicom_frames: str = "middle"

    def __post_init__(self) -> None:
        if self.high_bit not in HIGH_BIT_SCALINGS:
            raise ConfigError(f"high_bit must be one of {HIGH_BIT_SCALINGS}. Received: high_bit={self.high_bit!r}")
        if type(self.dicom_window) is not int or not 0 <= self.dicom_window <= 99:
            raise ConfigError("dicom_window must be the number of a stored window (1 = the first) or 0 for a robust "
                              f"window. Received: dicom_window={self.dicom_window!r}")
        if self.dicom_frames not in DICOM_FRAMES:
            raise ConfigError(f"dicom_frames must be one of {DICOM_FRAMES}. Received: dicom_frames={self.dicom_frames!r}")

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "ReadingConfig":
        """Read back :meth:`to_dict`'s JSON; unknown keys (newer files) are ignored."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ConfigError(f"ReadingConfig must be a JSON object. Received: {data!r}")
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def saved_reading(run_config: dict[str, Any]) -> ReadingConfig:
    """The reading settings of a saved run configuration (``config.json`` as a dict); one saved
    before they existed read 16-bit pictures from 0..65,535 and gets ``high_bit="full"``."""
    if "reading" in run_config:
        return ReadingConfig.from_dict(run_config["reading"])
    return ReadingConfig(high_bit="full")


def run_reading(folder: str | os.PathLike[str]) -> ReadingConfig:
    """How the run in ``folder`` read its pictures (its ``config.json``); the defaults when the
    folder holds no readable run configuration (a model file copied on its own)."""
    try:
        doc = json.loads((Path(folder) / "config.json").read_text(encoding="utf-8"))
        return saved_reading(doc) if isinstance(doc, dict) else ReadingConfig()
    except (OSError, ValueError, ConfigError):
        return ReadingConfig()


__all__ = ["DICOM_FRAMES", "HIGH_BIT_SCALINGS", "ReadingConfig", "run_reading", "saved_reading"]
