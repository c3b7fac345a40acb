"""The tabs' settings kept from one session to the next.

Each time the split, model, training or augmentation settings change (a frozen config handed to
the state) they are written to the settings store as the config's JSON, with the augmentation
preset; :meth:`Memory.restore` hands them back to the state when the app starts, before the last
dataset opens. A saved setting that a newer or older tlstudio cannot read is left out (the
default stays), never an error at start-up.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QObject

from tlstudio.core.config import AugmentSpec, ModelConfig, SplitConfig, TrainConfig
from tlstudio.core.errors import ConfigError

log = logging.getLogger(__name__)


class Memory(QObject):
    """Saves the state's configs as they change and restores them (``studio.memory``)."""

    def __init__(self, studio: Any) -> None:
        super().__init__(studio)
        self.studio = studio
        self.settings = studio.settings
        state = studio.state
        # name in the settings, config class, the state's setter, the state's signal
        self.kinds: dict[str, tuple[Any, Callable[[Any], None], Any]] = {
            "split": (SplitConfig, state.set_split_config, state.split_config_changed),
            "model": (ModelConfig, state.set_model_config, state.model_config_changed),
            "train": (TrainConfig, state.set_train_config, state.train_config_changed),
            "augment": (AugmentSpec, state.set_augment, state.augment_changed),
        }
        for name, (_, _, signal) in self.kinds.items():
            signal.connect(lambda config, name=name: self._save(name, config))

    def _save(self, name: str, config: Any) -> None:
        self.settings.set_config(name, config.to_dict())
        if name == "augment":
            self.settings.augment_preset = self.studio.augment.preset or ""

    def restore(self) -> None:
        """The last session's settings into the state (each panel shows them through its signal)."""
        from tlstudio.core.augmentation.augment import PRESETS

        preset = self.settings.augment_preset
        if preset in PRESETS:
            self.studio.augment.preset = preset
        for name, (cls, setter, _) in self.kinds.items():
            data = self.settings.config(name)
            if data is None:
                continue
            try:
                setter(cls.from_dict(data))
            except (ConfigError, TypeError, ValueError, KeyError) as exc:
                log.warning("The saved %s settings could not be read and were left out: %s", name, exc)
