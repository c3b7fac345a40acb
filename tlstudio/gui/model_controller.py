"""The Model tab's actions: the backbone and its settings, the layer list, the freeze cutoff."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any

from PySide6.QtCore import QObject

from tlstudio.core.config import ModelConfig
from tlstudio.core.models.classifier import freeze_plan
from tlstudio.gui import jobs


class ModelStudio(QObject):
    """Actions of the Model tab (``studio.model``)."""

    def __init__(self, studio: Any) -> None:
        super().__init__(studio)
        self.studio = studio
        self.state = studio.state
        self.backbone_jobs = studio.lane()
        self.layer_jobs = studio.lane()

    def set_model_config(self, config: ModelConfig) -> None:
        old = self.state.model_config
        if config.backbone != old.backbone:
            config = replace(config, cutoff=None)
        info = self.state.backbone_info(config.backbone)
        if info is not None and info.default_cutoff is None and config.mode != "scratch":
            config = replace(config, mode="scratch")  # no pretrained weights: nothing to transfer
        self.state.set_model_config(config)
        if (config.backbone, config.image_size) != (old.backbone, old.image_size) or not self.state.layers:
            self.request_layers()
        else:
            self.update_freeze_plan()

    def set_cutoff(self, layer_name: str | None) -> None:
        """The first layer trained in fine-tuning; counts update at once (pure function).

        Choosing a cutoff means fine-tuning, so the mode switches to it (a backbone without
        pretrained weights cannot be fine-tuned and keeps training from scratch).
        """
        info = self.state.backbone_info(self.state.model_config.backbone)
        if info is not None and info.default_cutoff is None:
            return
        self.state.update_model(cutoff=layer_name, mode="finetune")
        self.update_freeze_plan()

    def request_backbones(self) -> None:
        self.backbone_jobs.start(jobs.backbone_list, on_done=self._backbones_listed)

    def request_layers(self) -> None:
        if not self.studio.tf_ready:
            return
        config = self.state.model_config
        self.state.set_freeze_plan(None)  # the old backbone's plan names layers the new list lacks
        self.state.set_layers([])
        self.layer_jobs.start(partial(jobs.layer_list, config.backbone, config.image_size),
                              on_done=self._layers_listed)

    def effective_cutoff(self) -> str | None:
        """The cutoff the layer list shows: the user's, else the backbone's recommended one."""
        config = self.state.model_config
        if config.cutoff is not None:
            return config.cutoff
        info = self.state.backbone_info(config.backbone)
        return None if info is None else info.default_cutoff

    def update_freeze_plan(self) -> None:
        """The freeze plan (core) of the layers listed, for the mode and cutoff chosen."""
        layers = self.state.layers
        if not layers:
            self.state.set_freeze_plan(None)
            return
        mode = self.state.model_config.mode
        if mode == "scratch":
            self.state.set_freeze_plan(freeze_plan(layers, None, everything=True))
            return
        if mode == "transfer":
            cutoff: str | None = None  # everything frozen
        else:
            cutoff = self.effective_cutoff()
            if cutoff not in {layer.name for layer in layers}:
                cutoff = None
        self.state.set_freeze_plan(freeze_plan(layers, cutoff))

    # -- answers ------------------------------------------------------------------------------
    def _backbones_listed(self, infos: list) -> None:
        self.state.set_backbones(infos)
        self.update_freeze_plan()

    def _layers_listed(self, value: tuple[str, list]) -> None:
        backbone, layers = value
        if backbone == self.state.model_config.backbone:
            self.state.set_layers(layers)
            self.update_freeze_plan()
