"""The Predict tab's actions: choose a saved model, predict images with it, save the answers."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QObject

from tlstudio.core.errors import ConfigError
from tlstudio.gui import jobs


class PredictStudio(QObject):
    """Actions of the Predict tab (``studio.predict``)."""

    def __init__(self, studio: Any) -> None:
        super().__init__(studio)
        self.studio = studio
        self.state = studio.state
        self.predict_jobs = studio.lane(self.tr("Prediction failed"))
        self.export_jobs = studio.lane()

    def set_predict_model(self, path: str) -> None:
        self.state.set_predict_model(path)

    def predict(self, paths: list[str]) -> None:
        if not self.state.predict_model:
            self.studio.show_error(ConfigError(
                self.tr("Train a model first, or open a saved model (model.keras) to predict with.")),
                self.tr("No model"))
            return
        self.state.set_status(self.tr("Predicting {0} item(s)…").format(len(paths)))
        self.predict_jobs.start(partial(jobs.predict_images, self.state.predict_model, list(paths)),
                                on_done=self._predicted, on_progress=lambda *_: None)

    def clear(self) -> None:
        """An empty list (another dataset, or the user's Clear): nothing of the old pictures stays."""
        self.predict_jobs.cancel()
        self.state.set_predictions(self.state.predict_classes, ())

    def export_predictions(self, path: str) -> None:
        job = partial(jobs.export_predictions, self.state.predictions, self.state.predict_classes, path)
        self.export_jobs.start(job, on_done=self._exported)

    # -- answers ------------------------------------------------------------------------------
    def _predicted(self, value: tuple) -> None:
        """New pictures join the list (a picture predicted again replaces its old line); a
        model with other classes starts the list again."""
        class_names, items = value
        kept = self.state.predictions if tuple(class_names) == self.state.predict_classes else ()
        new_paths = {item.path for item in items}
        merged = tuple(item for item in kept if item.path not in new_paths) + tuple(items)
        self.state.set_predictions(class_names, merged)
        self.state.set_status(self.tr("{0} image(s) predicted.").format(len(items)))

    def _exported(self, path: str) -> None:
        self.state.set_status(self.tr("Predictions saved to {0}.").format(path))
