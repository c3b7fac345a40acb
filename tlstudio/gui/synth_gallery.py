"""The Synthetic images tab's review: a gallery of generated images with a check box each, and the
accepted sets with their provenance and quality numbers."""

from __future__ import annotations

import html
from typing import Any, Sequence

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tlstudio.core.synthetic.consistency import CONSISTENCY_THRESHOLD
from tlstudio.gui.synth_controller import Gallery
from tlstudio.gui.widgets import hint_label, pixmap_from_array

THUMB_SIDE = 72
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class ClassStrip(QWidget):
    """One class of the gallery: a title and its images, each with a check box (click to toggle).

    ``labels``: the class a classifier trained on the real images gives each image (None: not
    measured); the title shows the share of the kept images labelled as this class."""

    def __init__(self, name: str, images: Any, labels: Sequence[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.labels = None if labels is None else tuple(labels)
        self.title = QLabel()
        self.images = QListWidget()
        self.images.setViewMode(QListView.ViewMode.IconMode)
        self.images.setFlow(QListView.Flow.LeftToRight)
        self.images.setWrapping(True)
        self.images.setResizeMode(QListView.ResizeMode.Adjust)
        self.images.setMovement(QListView.Movement.Static)
        self.images.setIconSize(QSize(THUMB_SIDE, THUMB_SIDE))
        self.images.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.images.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.images.setAccessibleName(self.tr("Images of {0}").format(name))
        self._icons: list[tuple[QIcon, QIcon]] = []
        for i, image in enumerate(images):
            pixmap = pixmap_from_array(image, THUMB_SIDE)
            self._icons.append((QIcon(pixmap), QIcon(_faded(pixmap))))
            item = QListWidgetItem(self._icons[-1][0], f"{i + 1}")
            # Not user-checkable: Qt would toggle on a click in the box and itemClicked again.
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Checked)
            item.setSizeHint(QSize(THUMB_SIDE + 16, THUMB_SIDE + 26))
            if self.labels is not None:
                item.setToolTip(self.tr("A classifier trained on the real images labels it: {0}").format(self.labels[i]))
            self.images.addItem(item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.images)
        self.images.itemClicked.connect(self._toggle)
        self.images.itemChanged.connect(self._show_count)
        self._show_count()

    def item(self, index: int) -> QListWidgetItem:
        return self.images.item(index)

    def checked(self) -> list[int]:
        return [i for i in range(self.images.count())
                if self.images.item(i).checkState() == Qt.CheckState.Checked]

    def fit_height(self, width: int) -> None:
        """As tall as its wrapped rows (the page scrolls, not each strip)."""
        per_row = max(1, (width - 8) // (THUMB_SIDE + 16 + self.images.spacing()))
        rows = -(-self.images.count() // per_row)
        self.images.setFixedHeight(rows * (THUMB_SIDE + 26 + self.images.spacing()) + 8)

    @Slot(QListWidgetItem)
    def _toggle(self, item: QListWidgetItem) -> None:
        """A click anywhere on the picture or its box keeps or rejects it."""
        item.setCheckState(Qt.CheckState.Unchecked if item.checkState() == Qt.CheckState.Checked
                           else Qt.CheckState.Checked)

    @Slot()
    def _show_count(self, *_: Any) -> None:
        self.images.blockSignals(True)  # a new icon is an item change too
        for i in range(self.images.count()):
            item = self.images.item(i)
            kept = item.checkState() == Qt.CheckState.Checked
            item.setIcon(self._icons[i][0 if kept else 1])  # a rejected picture fades
        self.images.blockSignals(False)
        checked = self.checked()
        text = self.tr("<b>{0}</b> — {1} of {2} kept").format(self.name, len(checked), self.images.count())
        share = self.consistency()
        if share is not None:
            words = self.tr("{0:.0%} look like {1}").format(share, html.escape(self.name))
            if share < CONSISTENCY_THRESHOLD:
                words = self.tr("<span style='color:#b00020'>only {0:.0%} look like {1} (below {2:.0%})</span>").format(
                    share, html.escape(self.name), CONSISTENCY_THRESHOLD)
            text += " — " + words
        self.title.setText(text)

    def consistency(self) -> float | None:
        """The share of the kept images that the classifier labels as this class (None: not measured
        or none kept)."""
        checked = self.checked()
        if self.labels is None or not checked:
            return None
        return sum(1 for i in checked if self.labels[i] == self.name) / len(checked)


class GalleryView(QWidget):
    """Generate N images per class with the chosen generator; uncheck the bad ones; accept the rest."""

    def __init__(self, studio: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.synth = studio.synth
        self.state = studio.synth.state
        self.strips: dict[str, ClassStrip] = {}

        self.generator_label = QLabel(self.tr("No generator chosen: pick one in the list on the left."))
        self.generator_label.setObjectName("summary")
        self.generator_label.setWordWrap(True)
        self.count = QSpinBox()
        self.count.setRange(1, 500)
        self.count.setValue(16)
        self.count.setSuffix(self.tr(" per class"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 1_000_000)
        self.generate_button = QPushButton(self.tr("&Generate"))
        self.generate_button.setEnabled(False)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setVisible(False)
        self.busy.setMaximumWidth(160)
        row = QHBoxLayout()
        number_label = QLabel(self.tr("&Images:"))
        number_label.setBuddy(self.count)
        seed_label = QLabel(self.tr("Se&ed:"))
        seed_label.setBuddy(self.seed)
        row.addWidget(number_label)
        row.addWidget(self.count)
        row.addWidget(seed_label)
        row.addWidget(self.seed)
        row.addWidget(self.generate_button)
        row.addWidget(self.busy)
        row.addStretch(1)

        self.page = QWidget()
        self.page_layout = QVBoxLayout(self.page)
        self.page_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.page)
        self.message = hint_label(self.tr("Generate images, click the ones to leave out (their box clears), "
                                          "then accept the checked ones as a synthetic set."))

        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("optional; else the generator's name and epoch"))
        self.accept_button = QPushButton(self.tr("&Accept checked images"))
        self.accept_button.setObjectName("primary")
        self.accept_button.setEnabled(False)
        self.checked_label = QLabel("")
        accept_row = QHBoxLayout()
        name_label = QLabel(self.tr("Set &name:"))
        name_label.setBuddy(self.name)
        accept_row.addWidget(name_label)
        accept_row.addWidget(self.name, 1)
        accept_row.addWidget(self.checked_label)
        accept_row.addWidget(self.accept_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.generator_label)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(accept_row)

        self.generate_button.clicked.connect(self.generate)
        self.accept_button.clicked.connect(self.accept)
        self.state.generator_chosen.connect(self._show_generator)
        self.state.gallery_changed.connect(self._show_gallery)
        self.state.message.connect(self.message.setText)
        self.synth.generate_jobs.busy_changed.connect(self._show_generate_busy)
        self.synth.accept_jobs.busy_changed.connect(self._show_accept_busy)

    # -- user actions -------------------------------------------------------------------------
    @Slot()
    def generate(self) -> None:
        self.synth.generate(self.count.value(), self.seed.value())

    def checked(self) -> dict[str, list[int]]:
        return {name: strip.checked() for name, strip in self.strips.items()}

    @Slot()
    def accept(self) -> None:
        """Accept the checked images; when a class's images do not look like their class, ask first."""
        gallery = self.state.gallery
        report = None if gallery is None else gallery.consistency(self.checked())
        if report is not None and report.flagged and not self._accept_anyway(report):
            self.message.setText(self.tr("Not accepted: generate again (or train the generator longer)."))
            return
        self.synth.accept(self.checked(), self.name.text(), accept_anyway=report is not None and report.flagged)

    def _accept_anyway(self, report: Any) -> bool:
        shares = ", ".join(f"{html.escape(c)} {report.per_class[c]:.0%}" for c in report.below)
        answer = QMessageBox.question(
            self, self.tr("Pictures that do not look like their class"),
            self.tr("A classifier trained on the real images labels too few of these pictures as their own class "
                    "({0}; at least {1:.0%} is needed). Adding them to a run would add pictures with wrong labels."
                    "\n\nAccept them anyway?").format(shares, report.threshold),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    # -- views of the state -------------------------------------------------------------------
    @Slot(object)
    def _show_generator(self, generator: Any) -> None:
        if generator is None:
            self.generator_label.setText(self.tr("No generator chosen: pick one in the list on the left."))
        else:
            self.generator_label.setText(self.tr("Generator: {0} ({1}, {2} × {2} px, epoch {3}); classes: {4}").format(
                generator.name, generator.kind.upper(), generator.image_size, generator.epochs_done,
                ", ".join(generator.classes)))
        self.generate_button.setEnabled(generator is not None and generator.epochs_done > 0
                                        and not self.synth.generate_jobs.is_busy())

    @Slot(object)
    def _show_gallery(self, gallery: Gallery | None) -> None:
        for strip in self.strips.values():
            self.page_layout.removeWidget(strip)
            strip.deleteLater()
        self.strips = {}
        if gallery is not None:
            for name, images in gallery.images.items():
                strip = ClassStrip(name, images, None if gallery.labels is None else gallery.labels.get(name))
                strip.images.itemChanged.connect(self._show_checked)
                self.page_layout.insertWidget(self.page_layout.count() - 1, strip)
                self.strips[name] = strip
        self._fit_strips()
        self._show_checked()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit_strips()

    def _fit_strips(self) -> None:
        width = self.scroll.viewport().width() - 24
        for strip in self.strips.values():
            strip.fit_height(width)

    @Slot()
    def _show_checked(self, *_: Any) -> None:
        total = sum(strip.images.count() for strip in self.strips.values())
        kept = sum(len(v) for v in self.checked().values())
        self.checked_label.setText(self.tr("{0} of {1} checked").format(kept, total) if total else "")
        self.accept_button.setEnabled(kept > 0 and not self.synth.accept_jobs.is_busy())

    @Slot(bool)
    def _show_generate_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self._show_generator(self.state.generator)

    @Slot(bool)
    def _show_accept_busy(self, _busy: bool) -> None:
        self._show_checked()


class SetsView(QWidget):
    """The accepted synthetic sets: counts and provenance; measure and show a set's quality."""

    def __init__(self, studio: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.synth = studio.synth
        self.state = studio.synth.state

        self.sets = QTreeWidget()
        self.sets.setColumnCount(6)
        self.sets.setHeaderLabels([self.tr("Set"), self.tr("Images"), self.tr("Generator"), self.tr("Kind"),
                                   self.tr("Epoch"), self.tr("Seed")])
        self.sets.setRootIsDecorated(False)
        self.sets.setAccessibleName(self.tr("Accepted synthetic sets"))
        header = self.sets.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.details = QLabel(self.tr("No synthetic set yet: accept images in the gallery."))
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.measure_button = QPushButton(self.tr("&Measure quality"))
        self.measure_button.setEnabled(False)
        self.measure_button.setToolTip(self.tr("Compares the set with the real training images of each class "
                                               "(EfficientNet-Lite0 features, works offline)"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setVisible(False)
        self.progress_text = QLabel("")
        buttons = QHBoxLayout()
        buttons.addWidget(self.measure_button)
        buttons.addWidget(self.busy, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress_text, 1)

        self.quality = QTableWidget(0, 6)
        self.quality.setHorizontalHeaderLabels([self.tr("Class"), self.tr("Fréchet distance"),
                                                self.tr("Real vs synthetic accuracy"), self.tr("Real images"),
                                                self.tr("Synthetic images"), self.tr("Look like their class")])
        self.quality.verticalHeader().setVisible(False)
        self.quality.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.quality.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.reading = hint_label(self.tr(
            "Real vs synthetic accuracy: how often a small classifier tells a synthetic image from a real one. "
            "50% means a classifier cannot tell them apart (good); 100% means it always can. "
            "Fréchet distance: how far the synthetic images are from the real ones in the backbone's eyes; "
            "lower is closer (compare sets of a similar size). "
            "Look like their class: how often a classifier trained on the real images labels the synthetic images "
            "as their own class; below {0:.0%} they would add pictures with wrong labels.").format(
            CONSISTENCY_THRESHOLD))

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.sets, 1)
        top_layout.addWidget(self.details)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addLayout(buttons)
        bottom_layout.addWidget(self.quality, 1)
        bottom_layout.addWidget(self.reading)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.sets.currentItemChanged.connect(self._picked)
        self.measure_button.clicked.connect(self.synth.measure_quality)
        self.cancel_button.clicked.connect(self.synth.cancel_quality)
        self.state.sets_changed.connect(self._show_sets)
        self.state.set_chosen.connect(self._show_set)
        self.state.quality_message.connect(self.progress_text.setText)
        self.synth.quality_jobs.busy_changed.connect(self._show_busy)
        self._show_sets(self.state.sets)
        self._show_set(self.state.current_set)

    @Slot(object, object)
    def _picked(self, item: QTreeWidgetItem | None, _previous: Any = None) -> None:
        if item is not None:
            self.synth.choose_set(item.data(0, PATH_ROLE))

    @Slot(object)
    def _show_sets(self, sets: list) -> None:
        self.sets.blockSignals(True)
        self.sets.clear()
        for s in sets:
            p = s.provenance
            item = QTreeWidgetItem(self.sets, [
                s.name, str(sum(s.counts.values())), _folder_name(p.get("generator", "")),
                str(p.get("kind", "")).upper(), str(p.get("epoch", "")), str(p.get("seed", ""))])
            item.setData(0, PATH_ROLE, str(s.path))
            item.setToolTip(0, str(s.path))
            item.setToolTip(1, ", ".join(f"{c}: {n}" for c, n in s.counts.items()))
        self.sets.blockSignals(False)

    @Slot(object)
    def _show_set(self, chosen: Any) -> None:
        self.measure_button.setEnabled(chosen is not None and not self.synth.quality_jobs.is_busy())
        self.sets.blockSignals(True)
        for i in range(self.sets.topLevelItemCount()):
            item = self.sets.topLevelItem(i)
            if chosen is not None and item.data(0, PATH_ROLE) == str(chosen.path):
                self.sets.setCurrentItem(item)
        self.sets.blockSignals(False)
        if chosen is None:
            self.details.setText(self.tr("No synthetic set chosen.") if self.state.sets
                                 else self.tr("No synthetic set yet: accept images in the gallery."))
            self._show_quality(None)
            return
        p = chosen.provenance
        self.details.setText(self.tr(
            "<b>{0}</b>: {1}.<br>Made by {2} ({3}, {4} px) at epoch {5} with seed {6}, from the training images of "
            "{7}. Created {8}.<br>Folder: {9}").format(
            *(html.escape(str(v)) for v in (
                chosen.name, ", ".join(f"{c} {n}" for c, n in chosen.counts.items()), p.get("generator", "?"),
                str(p.get("kind", "?")).upper(), p.get("image_size", "?"), p.get("epoch", "?"), p.get("seed", "?"),
                p.get("data", "?"), p.get("created", "?"), chosen.path))) + _provenance_consistency(p))
        self._show_quality(chosen.quality)

    def _show_quality(self, quality: Any) -> None:
        per_class = dict((quality or {}).get("per_class", {}))
        self.quality.setRowCount(len(per_class))
        for row, (name, q) in enumerate(per_class.items()):
            # quality.json holds null where a class had too few images to measure
            accuracy, fid = _number(q.get("real_vs_synthetic_accuracy")), _number(q.get("fid"))
            consistency = _number(q.get("class_consistency"))
            cells = [name, "–" if fid != fid else f"{fid:.1f}",
                     "–" if accuracy != accuracy else f"{accuracy:.0%} — {_accuracy_reading(accuracy)}",
                     str(q.get("n_real", "")), str(q.get("n_synthetic", "")), _consistency_text(consistency)]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if col == 5 and consistency < CONSISTENCY_THRESHOLD:
                    cell.setForeground(QColor("#b00020"))
                if col in (1, 3, 4, 5):
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.quality.setItem(row, col, cell)
        if per_class:
            self.progress_text.setText(self.tr("Measured {0} on {1} features.").format(
                str(quality.get("measured", "")).replace("T", " ")[:16], quality.get("feature", "?")))
        else:
            self.progress_text.setText(self.tr("Not measured yet.") if self.state.current_set is not None else "")

    @Slot(bool)
    def _show_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.measure_button.setEnabled(not busy and self.state.current_set is not None)


def _faded(pixmap: QPixmap) -> QPixmap:
    """``pixmap`` washed out towards white: how a rejected picture looks."""
    faded = QPixmap(pixmap.size())
    faded.fill(QColor("white"))
    painter = QPainter(faded)
    painter.setOpacity(0.3)
    painter.drawPixmap(0, 0, pixmap)
    painter.end()
    return faded


def _folder_name(path: Any) -> str:
    text = str(path or "")
    return text.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def _number(value: Any) -> float:
    """A measured number, NaN where none was measured (None or missing)."""
    return float("nan") if value is None else float(value)


def _provenance_consistency(provenance: Any) -> str:
    """The class consistency stored when the set was accepted, as a line of the set's details."""
    from PySide6.QtCore import QCoreApplication

    stored = provenance.get("class_consistency")
    if not isinstance(stored, dict) or not isinstance(stored.get("per_class"), dict):
        return "<br>" + QCoreApplication.translate("SetsView", "Whether the images look like their class was not "
                                                               "checked when they were accepted.")
    shares = ", ".join(f"{html.escape(str(c))} {_consistency_text(_number(v))}" for c, v in stored["per_class"].items())
    return "<br>" + QCoreApplication.translate("SetsView", "Look like their class (when accepted): {0}").format(shares)


def _consistency_text(share: float) -> str:
    """A class consistency in words: the share, and a warning below the threshold."""
    from PySide6.QtCore import QCoreApplication

    if share != share:
        return "–"
    if share < CONSISTENCY_THRESHOLD:
        return QCoreApplication.translate("SetsView", "{0:.0%} — below {1:.0%}").format(share, CONSISTENCY_THRESHOLD)
    return f"{share:.0%}"


def _accuracy_reading(accuracy: float) -> str:
    """Plain words for a real-vs-synthetic accuracy (0.5 = cannot tell them apart)."""
    from PySide6.QtCore import QCoreApplication

    if accuracy != accuracy:
        return "–"
    if accuracy < 0.6:
        return QCoreApplication.translate("SetsView", "hard to tell apart")
    if accuracy < 0.8:
        return QCoreApplication.translate("SetsView", "sometimes told apart")
    return QCoreApplication.translate("SetsView", "easily told apart")
