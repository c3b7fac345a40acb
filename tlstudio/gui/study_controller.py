"""The Results tab's studies: a learning curve, a cross-validation and a comparison of the
scarce-data strategies, each trained on the run thread with its own handlers."""

from __future__ import annotations

from functools import partial
from typing import Any, Callable

from PySide6.QtCore import QObject

from tlstudio.core.errors import ConfigError, TlStudioError
from tlstudio.core.studies.crossval import CrossValResult, check_folds, cross_validate
from tlstudio.core.studies.curve import CurveResult, learning_curve
from tlstudio.core.studies.strategies import StrategyComparison, check_strategies, compare_strategies


class StudiesStudio(QObject):
    """Actions of the Results tab's studies (``studio.studies``).

    ``curve_fn`` replaces ``core.studies.curve.learning_curve`` (tests pass a stand-in).
    """

    def __init__(self, studio: Any, *, curve_fn: Callable[..., Any] | None = None) -> None:
        super().__init__(studio)
        self.studio = studio
        self.state = studio.state
        self.runs = studio.runs
        self.curve_fn = curve_fn or learning_curve

    def _start(self, check: Callable[[], Any], title: str, build: Callable[[Any], Callable[..., Any]],
               status: str, on_done: Callable[[Any], None], on_cancelled: Callable[[Any], None]) -> bool:
        """Check the recipe (``check()`` returns the run config or raises, said under ``title``),
        then run ``build(config)`` on the run thread."""
        if self.runs.is_running():
            return False
        try:
            config = check()
        except TlStudioError as exc:
            self.studio.show_error(exc, title)
            return False
        self.state.set_status(status)  # the Training tab keeps the last run's curves
        self.runs.start(build(config), on_done=on_done, on_cancelled=on_cancelled,
                        on_failed=self.studio.run.run_failed)
        return True

    def _checked(self, ticked: tuple[str, ...], nothing_ticked: str) -> Any:
        config = self.studio.run.checked_config()
        if not ticked:
            raise ConfigError(nothing_ticked)
        return config

    def _ended(self, status: str, message: str, status_line: str) -> None:
        self.state.finish_run(status, message)
        self.state.set_status(status_line)

    # -- learning curve -----------------------------------------------------------------------
    def start_curve(self, modes: tuple[str, ...], sizes: list[int], seeds: int) -> bool:
        """Draw a learning curve of the recipe shown (core.studies.curve) for ``modes``."""
        build = partial(self._curve_job, tuple(modes), list(sizes), seeds)
        return self._start(lambda: self._checked(modes, self.tr("Tick at least one recipe for the learning curve.")),
                           self.tr("Cannot draw the learning curve"), build, self.tr("Drawing the learning curve…"),
                           self._curve_done, self._curve_cancelled)

    def _curve_job(self, modes: tuple[str, ...], sizes: list[int], seeds: int, config: Any) -> Callable[..., Any]:
        return partial(self.curve_fn, config, workspace=self.studio.workspace, modes=modes, sizes=sizes, seeds=seeds)

    def _curve_done(self, result: CurveResult) -> None:
        self.state.set_curve(result)
        self._ended("finished", self.tr("Learning curve finished: {0} models trained.").format(len(result.points)),
                    self.tr("Learning curve finished."))

    def _curve_cancelled(self, result: CurveResult) -> None:
        self.state.set_curve(result if result.points else self.state.curve)
        self._ended("cancelled", self.tr("Learning curve stopped: the models trained so far are shown."),
                    self.tr("Learning curve stopped."))

    # -- cross-validation ---------------------------------------------------------------------
    def start_crossval(self, modes: tuple[str, ...], folds: int, repeats: int) -> bool:
        """Cross-validate the recipe shown (core.studies.crossval) for ``modes``, ``folds`` x ``repeats``."""
        def check() -> Any:
            config = self._checked(modes, self.tr("Tick at least one recipe to cross-validate."))
            check_folds(self.state.scan.counts(), folds)  # too few images of a class: said at once, not after a scan
            return config

        def build(config: Any) -> Callable[..., Any]:
            return partial(cross_validate, config, self.studio.workspace, modes=tuple(modes), folds=folds,
                           repeats=repeats)

        return self._start(check, self.tr("Cannot cross-validate"), build, self.tr("Cross-validating…"),
                           self._crossval_done, self._crossval_cancelled)

    def _crossval_done(self, result: CrossValResult) -> None:
        self.state.set_crossval(result)
        self._ended("finished", self.tr("Cross-validation finished: {0} models trained.").format(len(result.scores)),
                    self.tr("Cross-validation finished."))

    def _crossval_cancelled(self, result: CrossValResult) -> None:
        self.state.set_crossval(result if result.scores else self.state.crossval)
        self._ended("cancelled", self.tr("Cross-validation stopped: the folds finished so far are shown."),
                    self.tr("Cross-validation stopped."))

    # -- strategies ---------------------------------------------------------------------------
    def start_strategies(self, strategies: tuple[str, ...]) -> bool:
        """Compare the scarce-data strategies (core.studies.strategies) with the recipe shown: the
        Augmentation tab's changes and the synthetic set chosen for training say what the
        strategies add."""
        def check() -> Any:
            config = self._checked(strategies, self.tr("Tick at least one strategy to compare."))
            check_strategies(strategies, config.augment, config.synthetic)
            return config

        def build(config: Any) -> Callable[..., Any]:
            return partial(compare_strategies, config, workspace=self.studio.workspace, augment=config.augment,
                           synthetic=config.synthetic, strategies=tuple(strategies))

        return self._start(check, self.tr("Cannot compare the strategies"), build, self.tr("Comparing the strategies…"),
                           self._strategies_done, self._strategies_cancelled)

    def _strategies_done(self, result: StrategyComparison) -> None:
        self.state.set_strategies(result)
        self._ended("finished", self.tr("Strategies compared: {0} models trained.").format(len(result.scores)),
                    self.tr("Strategies compared."))

    def _strategies_cancelled(self, result: StrategyComparison) -> None:
        self.state.set_strategies(result if result.scores else self.state.strategies)
        self._ended("cancelled", self.tr("Comparison stopped: the strategies finished so far are shown."),
                    self.tr("Comparison of strategies stopped."))
