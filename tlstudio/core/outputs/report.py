"""The run report: one self-contained HTML file (and the same content as a PDF) a user can
share with someone who never opens tlstudio.

:func:`write_report` reads a finished run folder and writes ``<run>/report/``::

    report.html       every picture embedded (data: URIs), inline CSS, print-friendly
    report.pdf        the same sections as A4 pages (``core.outputs.report_pdf``, matplotlib: no Qt)
    split_files.csv   every image of the split: split, class, path

The content is built once as a list of blocks (:class:`Block`: headings, paragraphs, tables,
figures, a gallery, preformatted text, the file list) and rendered twice, so the HTML and the
PDF always say the same thing. Every sentence lives in :data:`TEXTS`, one dictionary per
language ("en", "pt_BR"), so a translation is one more dictionary (with the same keys and
placeholders, checked by a test) and its number format in :data:`NUMBERS`. What stays English
in every language: the run's notes and the split's warnings (written by core in English when the
run was made). Another language draws the run's pictures (curves, confusion matrix, reliability)
again with its words (``fig_*``, ``rel_*``); numbers inside pictures keep the decimal point.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import json
import numbers
import os
import platform
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence, Union

from tlstudio.core.errors import ConfigError, RunError
from tlstudio.core.outputs.runs import LoadedRun, comparison_table, load_run
from tlstudio.core.outputs.workspace import atomic_write_bytes, atomic_write_text

PathLike = Union[str, "os.PathLike[str]"]
ProgressHandler = Callable[[int, int], None]

REPORT_FOLDER = "report"
HTML_FILE = "report.html"
PDF_FILE = "report.pdf"
FILES_CSV = "split_files.csv"
#: A file a run may write beside split.json with the images its scan skipped (``[{path, code,
#: reason}]``); without it the report checks the image folder again, read-only.
BAD_FILES_FILE = "bad_files.json"
#: Misclassified test images shown with their Grad-CAM heatmap, most confident mistakes first.
MISTAKES_SHOWN = 12
MISTAKE_SIDE = 192
#: Libraries whose versions the report lists (distribution names; the first found of each tuple).
LIBRARIES: tuple[tuple[str, ...], ...] = (
    ("tensorflow", "tensorflow-cpu", "tensorflow-macos"), ("keras",), ("numpy",), ("pillow",),
    ("scikit-learn",), ("matplotlib",), ("PySide6-Essentials", "PySide6"), ("tlstudio",),
)

# ----------------------------------------------------------------------------- words

#: Every sentence of the report, by language. Placeholders are ``str.format`` fields.
TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Run report: {name}",
        "subtitle": "Run {run_id} · created {created} · status: {status}",
        "generated": "Report written {now} by tlstudio {version}.",
        "status_unknown": "unknown",
        "summary": "Summary",
        "summary_text": ("The model ({mode}, backbone {backbone}) was tested on {n} images it never saw during "
                         "training and classified {accuracy} of them correctly (95% interval {low} to {high}: "
                         "with other test images of the same kind the figure would most likely fall in this "
                         "range). Balanced accuracy, the average of the per-class recalls, is {balanced}; it "
                         "does not reward a model for favouring the largest class."),
        "summary_calibration": ("Calibration: after temperature scaling (T = {temperature}) the stated "
                                "confidence is off by {ece_after} on average (expected calibration error; {ece_before} "
                                "before scaling)."),
        "no_results": ("This run has no test results (it was stopped or failed before the end): only its settings "
                       "and split are reported."),
        "dataset": "Dataset",
        "dataset_folder": "Image folder: {folder}",
        "dataset_layout_split": ("The image folder has its own test/ folder: its images are the test images, and the "
                                 "shares above apply to the rest."),
        "classes_table": "Images per class and split",
        "col_class": "Class",
        "col_train": "Training",
        "col_synthetic": "Training (synthetic)",
        "col_val": "Validation",
        "col_test": "Test",
        "col_total": "Total",
        "total_row": "All classes",
        "bad_files": "Skipped files",
        "bad_none": "No file was skipped: every image could be read.",
        "bad_count": "{n} file(s) were skipped and not used.",
        "bad_source_run": "(As recorded by the run.)",
        "bad_source_rescan": ("(The run did not record them: the image folder was checked again, read-only, when this "
                              "report was written, so files changed since the run may differ.)"),
        "bad_unavailable": ("Not available: the run did not record the skipped files and the image folder {folder} "
                            "can no longer be read."),
        "col_file": "File",
        "col_reason": "Reason",
        "split": "The split",
        "split_text": ("{train} images for training, {val} for validation (choosing the best epoch) and {test} for "
                       "the final test, split class by class with seed {seed} (validation share {val_fraction}, "
                       "test share {test_fraction})."),
        "split_groups": ("Images were grouped ({how}): no group has images in two splits; {groups} groups in all."),
        "split_synthetic": ("Synthetic images: {n} from the accepted set {set} ({per_class}; {ratio} per real "
                            "training image) were added to the training images only. Validation and test images "
                            "are all real; the file lists mark the synthetic ones."),
        "split_warnings": "Warnings about the split:",
        "split_files": "The file lists",
        "split_files_text": ("Every image and the split it went to is listed in {csv} beside this report ({n} files)."),
        "split_files_show": "Show the {n} files",
        "split_files_pdf": "Appendix: every file of the split",
        "col_split": "Split",
        "col_path": "File",
        "config": "Settings",
        "config_text": "Seed {seed}. The full configuration (config.json), enough to repeat the run:",
        "versions": "Software",
        "versions_text": ("Versions installed when this report was written (the run itself did not record them), "
                          "and the device the run trained on."),
        "col_library": "Library",
        "col_version": "Version",
        "not_installed": "not installed",
        "device": "Device of the run",
        "platform": "Operating system",
        "curves": "Training curves",
        "curves_text": ("Loss and accuracy after each epoch, on the training images and on the validation images. "
                        "A validation curve that falls behind the training curve means the model starts learning "
                        "the training images by heart."),
        "curves_none": "No finished epoch: there are no curves.",
        "confusion": "Confusion matrix",
        "confusion_text": ("Rows: the true class. Columns: what the model said. The diagonal holds the right answers."),
        "per_class": "Each class",
        "per_class_text": ("Precision: of the images the model called this class, the share that really are. Recall: "
                           "of this class's test images, the share the model found (with its 95% interval). F1 "
                           "combines the two. Support: test images of the class."),
        "col_precision": "Precision",
        "col_recall": "Recall",
        "col_recall_ci": "Recall 95% interval",
        "col_f1": "F1",
        "col_support": "Support",
        "calibration": "Calibration",
        "calibration_text": ("Can the model's confidence be trusted? Before and after temperature scaling "
                             "(fitted on the validation images), on {n} test images."),
        "col_measure": "Measure",
        "col_value": "Value",
        "cal_temperature": "Temperature",
        "cal_ece_before": "Calibration error before scaling",
        "cal_ece_after": "Calibration error after scaling",
        "cal_threshold": "\"Uncertain\" below confidence",
        "cal_coverage": "Answered at that threshold",
        "cal_coverage_value": "{coverage} of the test images, {accuracy} of them right",
        "mistakes": "Mistakes",
        "mistakes_text": ("The {shown} most confident of the {total} misclassified test images. Left: the picture; "
                          "right: where the model looked to give its answer (Grad-CAM; red is where the evidence "
                          "lies)."),
        "mistakes_none": "The model classified every test image correctly.",
        "mistake_caption": "{file}\ntrue: {true} · said: {predicted} ({confidence})",
        "mistake_missing": "{file}: the picture can no longer be read.",
        "mistakes_no_heatmap": "Heatmaps could not be computed for this model ({reason}); the pictures are shown alone.",
        "comparison": "Comparison",
        "comparison_text": "Runs of the same recipe on the same split (the same test images), side by side.",
        "col_model": "Model",
        "col_epochs": "Epochs",
        "col_accuracy": "Test accuracy",
        "col_interval": "95% interval",
        "col_balanced": "Balanced accuracy",
        "col_time": "Train time",
        "this_run": " (this run)",
        "comparison_runs": "Run folders, in the order of the table: {runs}.",
        "notes": "Notes",
        "notes_none": "No notes.",
        "mode_scratch": "trained from scratch",
        "mode_transfer": "transfer learning, frozen backbone",
        "mode_finetune": "fine-tuned",
        "page": "Page {page} of {pages}",
        "images_unit": "{n} images",
        "status_finished": "finished",
        "status_cancelled": "cancelled",
        "status_failed": "failed",
        "status_running": "running",
        "status_interrupted": "interrupted",
        "model_scratch": "scratch CNN",
        "model_transfer": "transfer (frozen)",
        "model_finetune": "fine-tuned",
        # Why a file was skipped, by code: other languages show these (English shows the scan's own
        # reason, which names the file and its size).
        "reason_empty": "The file is empty (0 bytes).",
        "reason_corrupt": "The file is damaged and cannot be read as a picture.",
        "reason_truncated": "The file is cut short (the download or copy may have been interrupted).",
        "reason_not_image": "Not a picture tlstudio can open (it may be another kind of file with an image name).",
        "reason_too_small": "The picture is too small.",
        "reason_too_large": "The picture is larger than tlstudio opens safely; it may be damaged.",
        "reason_permission": "tlstudio is not allowed to read the file.",
        "reason_unreadable": "The file could not be read.",
        # Other languages' reading of the calibration (English uses core.evaluation.calibration's own).
        "cal_reading_over": ("Before scaling the model was over-confident: it said {said} on average where it was "
                             "right {right} of the time."),
        "cal_reading_under": ("Before scaling the model was under-confident: it said {said} on average where it was "
                              "right {right} of the time."),
        "cal_reading_right": "Before scaling the model's confidence was about right on average ({said} said, {right} right).",
        "cal_reading_few": "Only {n} validation images: the temperature is a rough estimate.",
        # The words inside the figures (core.evaluation.metrics.FIGURE_WORDS, core.evaluation.calibration.RELIABILITY_WORDS):
        # other languages draw the run's pictures again with theirs.
        "fig_predicted": "Predicted class",
        "fig_true": "True class",
        "fig_confusion_counts": "Confusion matrix, test images (accuracy {accuracy:.1%})",
        "fig_confusion_shares": "Confusion matrix, share of each true class (accuracy {accuracy:.1%})",
        "fig_bar_counts": "test images",
        "fig_bar_shares": "share of the true class",
        "fig_loss": "Loss",
        "fig_accuracy": "Accuracy",
        "fig_loss_axis": "loss",
        "fig_accuracy_axis": "accuracy",
        "fig_epoch": "Epoch",
        "fig_training": "training",
        "fig_validation": "validation",
        "fig_finetune_starts": "fine-tuning starts",
        "fig_no_epoch": "No finished epoch yet",
        "rel_perfect": "perfect calibration",
        "rel_before": "before (ECE {ece:.1%})",
        "rel_after": "after T = {temperature:.2f} (ECE {ece:.1%})",
        "rel_share": "share of test images (after)",
        "rel_confidence": "Confidence (top probability)",
        "rel_accuracy": "Accuracy",
        "rel_title": "Reliability diagram, {n} test images",
        "rel_coverage": "coverage (share answered)",
        "rel_answers": "accuracy of the answers",
        "rel_saved": "saved threshold {threshold:.2f}",
        "rel_threshold": "Confidence threshold",
        "rel_abstention": "Abstention: coverage and accuracy by threshold",
    },
    "pt_BR": {
        "title": "Relatório da execução: {name}",
        "subtitle": "Execução {run_id} · criada em {created} · situação: {status}",
        "generated": "Relatório gerado em {now} pelo tlstudio {version}.",
        "status_unknown": "desconhecida",
        "summary": "Resumo",
        "summary_text": ("O modelo ({mode}, rede base {backbone}) foi testado em {n} imagens que nunca viu durante o "
                         "treino e classificou corretamente {accuracy} delas (intervalo de 95%: {low} a {high}; com "
                         "outras imagens de teste do mesmo tipo, o resultado provavelmente ficaria nessa faixa). A "
                         "acurácia balanceada, a média das revocações de cada classe, é {balanced}; ela não favorece "
                         "um modelo que privilegia a classe maior."),
        "summary_calibration": ("Calibração: depois do ajuste de temperatura (T = {temperature}), a confiança declarada "
                                "erra em média {ece_after} (erro de calibração esperado; {ece_before} antes do ajuste)."),
        "no_results": ("Esta execução não tem resultados de teste (foi interrompida ou falhou antes do fim): só as "
                       "configurações e a divisão são relatadas."),
        "dataset": "Conjunto de dados",
        "dataset_folder": "Pasta de imagens: {folder}",
        "dataset_layout_split": ("A pasta de imagens tem sua própria pasta test/: as imagens dela são as imagens de "
                                 "teste, e as proporções acima valem para o restante."),
        "classes_table": "Imagens por classe e por parte da divisão",
        "col_class": "Classe",
        "col_train": "Treino",
        "col_synthetic": "Treino (sintética)",
        "col_val": "Validação",
        "col_test": "Teste",
        "col_total": "Total",
        "total_row": "Todas as classes",
        "bad_files": "Arquivos ignorados",
        "bad_none": "Nenhum arquivo foi ignorado: todas as imagens puderam ser lidas.",
        "bad_count": "{n} arquivo(s) foram ignorados e não foram usados.",
        "bad_source_run": "(Conforme registrado pela execução.)",
        "bad_source_rescan": ("(A execução não os registrou: a pasta de imagens foi verificada de novo, só para "
                              "leitura, quando este relatório foi gerado; arquivos alterados desde a execução podem "
                              "ser diferentes.)"),
        "bad_unavailable": ("Não disponível: a execução não registrou os arquivos ignorados e a pasta de imagens "
                            "{folder} não pode mais ser lida."),
        "col_file": "Arquivo",
        "col_reason": "Motivo",
        "split": "A divisão",
        "split_text": ("{train} imagens para treino, {val} para validação (escolha da melhor época) e {test} para o "
                       "teste final, divididas classe por classe com a semente {seed} (proporção de validação "
                       "{val_fraction}, proporção de teste {test_fraction})."),
        "split_groups": ("As imagens foram agrupadas ({how}): nenhum grupo tem imagens em duas partes; {groups} grupos "
                         "no total."),
        "split_synthetic": ("Imagens sintéticas: {n} do conjunto aceito {set} ({per_class}; {ratio} por imagem real de "
                            "treino) foram acrescentadas somente às imagens de treino. As imagens de validação e de "
                            "teste são todas reais; as listas de arquivos marcam as sintéticas."),
        "split_warnings": "Avisos sobre a divisão:",
        "split_files": "As listas de arquivos",
        "split_files_text": ("Cada imagem e a parte da divisão para onde foi estão listadas em {csv}, ao lado deste "
                             "relatório ({n} arquivos)."),
        "split_files_show": "Mostrar os {n} arquivos",
        "split_files_pdf": "Apêndice: todos os arquivos da divisão",
        "col_split": "Parte",
        "col_path": "Arquivo",
        "config": "Configurações",
        "config_text": "Semente {seed}. A configuração completa (config.json), suficiente para repetir a execução:",
        "versions": "Software",
        "versions_text": ("Versões instaladas quando este relatório foi gerado (a execução em si não as registrou) e o "
                          "dispositivo em que a execução treinou."),
        "col_library": "Biblioteca",
        "col_version": "Versão",
        "not_installed": "não instalada",
        "device": "Dispositivo da execução",
        "platform": "Sistema operacional",
        "curves": "Curvas de treino",
        "curves_text": ("Perda e acurácia depois de cada época, nas imagens de treino e nas imagens de validação. Uma "
                        "curva de validação que fica para trás da curva de treino indica que o modelo começa a decorar "
                        "as imagens de treino."),
        "curves_none": "Nenhuma época concluída: não há curvas.",
        "confusion": "Matriz de confusão",
        "confusion_text": "Linhas: a classe verdadeira. Colunas: o que o modelo disse. A diagonal contém os acertos.",
        "per_class": "Cada classe",
        "per_class_text": ("Precisão: das imagens que o modelo atribuiu a esta classe, a proporção que realmente é "
                           "dela. Revocação: das imagens de teste desta classe, a proporção que o modelo encontrou "
                           "(com seu intervalo de 95%). F1 combina as duas. Suporte: imagens de teste da classe."),
        "col_precision": "Precisão",
        "col_recall": "Revocação",
        "col_recall_ci": "Intervalo de 95% da revocação",
        "col_f1": "F1",
        "col_support": "Suporte",
        "calibration": "Calibração",
        "calibration_text": ("Dá para confiar na confiança do modelo? Antes e depois do ajuste de temperatura "
                             "(calculado nas imagens de validação), em {n} imagens de teste."),
        "col_measure": "Medida",
        "col_value": "Valor",
        "cal_temperature": "Temperatura",
        "cal_ece_before": "Erro de calibração antes do ajuste",
        "cal_ece_after": "Erro de calibração depois do ajuste",
        "cal_threshold": "\"Incerto\" abaixo da confiança",
        "cal_coverage": "Respondidas com esse limiar",
        "cal_coverage_value": "{coverage} das imagens de teste, {accuracy} delas corretas",
        "mistakes": "Erros",
        "mistakes_text": ("As {shown} mais confiantes das {total} imagens de teste classificadas errado. À esquerda, a "
                          "imagem; à direita, onde o modelo olhou para dar sua resposta (Grad-CAM; o vermelho indica "
                          "onde está a evidência)."),
        "mistakes_none": "O modelo classificou corretamente todas as imagens de teste.",
        "mistake_caption": "{file}\nverdadeira: {true} · resposta: {predicted} ({confidence})",
        "mistake_missing": "{file}: a imagem não pode mais ser lida.",
        "mistakes_no_heatmap": ("Não foi possível calcular os mapas de calor deste modelo ({reason}); as imagens são "
                                "mostradas sozinhas."),
        "comparison": "Comparação",
        "comparison_text": "Execuções da mesma receita na mesma divisão (as mesmas imagens de teste), lado a lado.",
        "col_model": "Modelo",
        "col_epochs": "Épocas",
        "col_accuracy": "Acurácia de teste",
        "col_interval": "Intervalo de 95%",
        "col_balanced": "Acurácia balanceada",
        "col_time": "Tempo de treino",
        "this_run": " (esta execução)",
        "comparison_runs": "Pastas das execuções, na ordem da tabela: {runs}.",
        "notes": "Observações",
        "notes_none": "Nenhuma observação.",
        "mode_scratch": "treinado do zero",
        "mode_transfer": "transferência de aprendizado, rede base congelada",
        "mode_finetune": "ajuste fino",
        "page": "Página {page} de {pages}",
        "images_unit": "{n} imagens",
        "status_finished": "concluída",
        "status_cancelled": "cancelada",
        "status_failed": "falhou",
        "status_running": "em andamento",
        "status_interrupted": "interrompida",
        "model_scratch": "CNN do zero",
        "model_transfer": "transferência (congelada)",
        "model_finetune": "ajuste fino",
        "reason_empty": "O arquivo está vazio (0 bytes).",
        "reason_corrupt": "O arquivo está danificado e não pode ser lido como imagem.",
        "reason_truncated": "O arquivo está incompleto (o download ou a cópia pode ter sido interrompido).",
        "reason_not_image": ("Não é uma imagem que o tlstudio consiga abrir (pode ser outro tipo de arquivo com nome "
                             "de imagem)."),
        "reason_too_small": "A imagem é pequena demais.",
        "reason_too_large": "A imagem é maior do que o tlstudio abre com segurança; pode estar danificada.",
        "reason_permission": "O tlstudio não tem permissão para ler o arquivo.",
        "reason_unreadable": "Não foi possível ler o arquivo.",
        "cal_reading_over": ("Antes do ajuste o modelo estava confiante demais: dizia {said} em média, mas acertava "
                             "{right} das vezes."),
        "cal_reading_under": ("Antes do ajuste o modelo estava pouco confiante: dizia {said} em média, mas acertava "
                              "{right} das vezes."),
        "cal_reading_right": ("Antes do ajuste a confiança do modelo estava, em média, quase correta ({said} "
                              "declarada, {right} de acertos)."),
        "cal_reading_few": "Só {n} imagens de validação: a temperatura é uma estimativa grosseira.",
        "fig_predicted": "Classe prevista",
        "fig_true": "Classe verdadeira",
        "fig_confusion_counts": "Matriz de confusão, imagens de teste (acurácia {accuracy:.1%})",
        "fig_confusion_shares": "Matriz de confusão, proporção de cada classe verdadeira (acurácia {accuracy:.1%})",
        "fig_bar_counts": "imagens de teste",
        "fig_bar_shares": "proporção da classe verdadeira",
        "fig_loss": "Perda",
        "fig_accuracy": "Acurácia",
        "fig_loss_axis": "perda",
        "fig_accuracy_axis": "acurácia",
        "fig_epoch": "Época",
        "fig_training": "treino",
        "fig_validation": "validação",
        "fig_finetune_starts": "início do ajuste fino",
        "fig_no_epoch": "Nenhuma época concluída ainda",
        "rel_perfect": "calibração perfeita",
        "rel_before": "antes (ECE {ece:.1%})",
        "rel_after": "depois, T = {temperature:.2f} (ECE {ece:.1%})",
        "rel_share": "proporção das imagens de teste (depois)",
        "rel_confidence": "Confiança (maior probabilidade)",
        "rel_accuracy": "Acurácia",
        "rel_title": "Diagrama de confiabilidade, {n} imagens de teste",
        "rel_coverage": "cobertura (proporção respondida)",
        "rel_answers": "acurácia das respostas",
        "rel_saved": "limiar salvo {threshold:.2f}",
        "rel_threshold": "Limiar de confiança",
        "rel_abstention": "Abstenção: cobertura e acurácia por limiar",
    },
}


def canonical_language(language: str) -> str:
    """``language`` as a key of :data:`TEXTS`: "pt-BR", "pt_br" and "PT_BR" are all "pt_BR"
    (ConfigError for a language the report is not written in)."""
    wanted = str(language).replace("-", "_").lower()
    for key in TEXTS:
        if key.lower() == wanted:
            return key
    raise ConfigError(f"The report is not available in '{language}'. Choose one of: {', '.join(sorted(TEXTS))}. "
                      f"Received: language={language!r}")


def texts(language: str = "en") -> dict[str, str]:
    """The report's sentences in ``language`` (ConfigError for a language not translated)."""
    return TEXTS[canonical_language(language)]


# ----------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Block:
    """One piece of the report. ``kind``: ``h1 h2 p table figure gallery pre files``.

    ``text`` for headings, paragraphs and preformatted text; ``header``/``rows``/``right``
    (columns aligned right) for tables; ``image`` (PNG or JPEG bytes) and ``caption`` for
    figures; ``items`` (tuples of picture bytes, overlay bytes or None, caption) for the gallery.
    """

    kind: str
    text: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    right: tuple[bool, ...] = ()
    image: bytes = b""
    caption: str = ""
    items: tuple[tuple[bytes, bytes | None, str], ...] = ()
    width: float = 1.0  # share of the text width a figure may take


@dataclass(frozen=True)
class ReportDocument:
    title: str
    subtitle: str
    language: str
    blocks: tuple[Block, ...]
    files_title: str = ""
    files: tuple[tuple[str, str, str], ...] = ()  # (split, class, path)
    page_text: str = "Page {page} of {pages}"

    def files_shown(self) -> tuple[tuple[str, str, str], ...]:
        """:attr:`files` as the reader sees them: each split named in the report's language (the
        CSV keeps ``train``, ``val``, ``test``)."""
        t = texts(self.language)
        names = {"train": t["col_train"], "synthetic": t["col_synthetic"], "val": t["col_val"], "test": t["col_test"]}
        return tuple((names.get(part, part), name, path) for part, name, path in self.files)


@dataclass(frozen=True)
class ReportResult:
    """Where the report went: ``pdf_path`` is None when no PDF was asked for."""

    html_path: Path
    pdf_path: Path | None
    files_csv: Path
    comparison_runs: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {"html": str(self.html_path), "pdf": None if self.pdf_path is None else str(self.pdf_path),
                "split_files": str(self.files_csv), "comparison_runs": list(self.comparison_runs)}


# ----------------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class Numbers:
    """How a language writes numbers: ``Numbers(",", ".")`` gives 1.234 images and 92,3%."""

    decimal: str = "."
    thousands: str = ","

    def _local(self, text: str) -> str:
        return text.translate({ord("."): self.decimal, ord(","): self.thousands})

    def count(self, value: Any) -> str:
        """A whole number with thousands separators ("–" when missing)."""
        return self._local(f"{int(value):,}") if isinstance(value, numbers.Real) else "–"

    def pct(self, value: Any, digits: int = 1) -> str:
        """A share as a percentage ("–" when missing)."""
        return self._local(f"{float(value):.{digits}%}") if isinstance(value, numbers.Real) else "–"

    def plain(self, value: Any) -> str:
        """A number as Python writes it (0.2), with this language's decimal sign; anything else as it is."""
        return self._local(str(value)) if isinstance(value, numbers.Real) and not isinstance(value, bool) else str(value)

    def fixed(self, value: Any, digits: int = 2) -> str:
        return self._local(f"{float(value):.{digits}f}") if isinstance(value, numbers.Real) else "–"


#: Number formats by language (the keys of :data:`TEXTS`).
NUMBERS: dict[str, Numbers] = {"en": Numbers(), "pt_BR": Numbers(decimal=",", thousands=".")}


def _png(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _jpeg(array: Any, quality: int = 82) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(array).convert("RGB").save(buffer, format="JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


def library_versions() -> list[tuple[str, str | None]]:
    """``[(name, version or None)]`` for :data:`LIBRARIES`, plus Python."""
    from importlib.metadata import PackageNotFoundError, version

    found: list[tuple[str, str | None]] = [("python", platform.python_version())]
    for names in LIBRARIES:
        value = None
        for name in names:
            try:
                value = version(name)
                break
            except PackageNotFoundError:
                continue
        found.append((names[0], value))
    return found


def _read_split(run: LoadedRun) -> dict[str, Any]:
    path = run.path / "split.json"
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RunError(f"The split file {path} is damaged and cannot be read.",
                       hint="The run folder is incomplete; start a new run.", path=str(path), details=str(exc)) from exc
    return data if isinstance(data, dict) else {}


def _split_key(split: Mapping[str, Any]) -> str:
    """A fingerprint of which files went to which split (runs on the same split share it)."""
    digest = hashlib.sha1()
    for part in ("train", "val", "test"):
        for record in split.get(part, ()) or ():
            path = record.get("path") if isinstance(record, dict) else record
            digest.update(f"{part}\0{path}\n".encode())
    return digest.hexdigest()


def split_files(split: Mapping[str, Any], root: str = "") -> list[tuple[str, str, str]]:
    """Every image of a ``split.json``: ``(split, class, path)``, paths relative to ``root``; the
    synthetic training images of a run that added some are listed with the split ``synthetic``."""
    rows = []
    for part in ("train", "synthetic", "val", "test"):  # "synthetic": training images made by a generator
        for record in split.get(part, ()) or ():
            if not isinstance(record, dict):
                continue
            path = str(record.get("path", ""))
            if root:
                try:
                    path = os.path.relpath(path, root)
                except ValueError:  # another drive (Windows)
                    pass
            rows.append((part, str(record.get("class_name", "")), path))
    return rows


def _bad_files(run: LoadedRun, data: str) -> tuple[list[dict[str, str]] | None, str]:
    """The skipped files and where that list came from: ``"run"``, ``"rescan"`` or ``""``
    (not available)."""
    recorded = run.path / BAD_FILES_FILE
    if recorded.is_file():
        try:
            items = json.loads(recorded.read_text(encoding="utf-8"))
            if isinstance(items, dict):
                items = items.get("bad_files", [])
            return [dict(b) for b in items if isinstance(b, dict)], "run"
        except (OSError, ValueError, TypeError):
            pass
    if data and Path(data).is_dir():
        from tlstudio.core.data.scan import scan_dataset
        from tlstudio.core.errors import TlStudioError

        try:
            scan = scan_dataset(data)
        except (TlStudioError, OSError):
            return None, ""
        return [b.to_dict() for b in scan.bad_files], "rescan"
    return None, ""


def find_comparison_runs(run: LoadedRun) -> list[LoadedRun]:
    """The runs this run is compared with when none are named: the finished runs in the same
    ``runs/`` folder trained on exactly the same split (the same training, validation and test
    files, so the same test images) in another mode, the newest of each mode: what ``tlstudio
    compare`` and *Compare all three* leave behind (their scratch run uses the reference CNN,
    so the backbone may differ). Empty when there is none."""
    own_split = _read_split(run)
    if not own_split:
        return []
    key = _split_key(own_split)
    model = run.config.get("model") if isinstance(run.config.get("model"), dict) else {}
    mode = model.get("mode")
    chosen: dict[str, LoadedRun] = {}
    for folder in sorted(run.path.parent.iterdir(), reverse=True):  # names start with a time stamp: newest first
        if folder == run.path or not (folder / "split.json").is_file() or not (folder / "metrics.json").is_file():
            continue
        try:
            other = load_run(folder)
        except RunError:
            continue
        other_model = other.config.get("model") if isinstance(other.config.get("model"), dict) else {}
        other_mode = other_model.get("mode")
        if other.status.get("status") != "finished" or other_mode == mode or other_mode in chosen:
            continue
        try:
            if _split_key(_read_split(other)) != key:
                continue
        except RunError:
            continue
        chosen[str(other_mode)] = other
    order = {"scratch": 0, "transfer": 1, "finetune": 2}
    return sorted(chosen.values(), key=lambda r: order.get(str(r.config.get("model", {}).get("mode")), 9))


# ----------------------------------------------------------------------------- building


def _mistake_items(run: LoadedRun, evaluation: Any, t: Mapping[str, str], limit: int, num: Numbers = NUMBERS["en"]
                   ) -> tuple[list[tuple[bytes, bytes | None, str]], list[str]]:
    """Pictures and Grad-CAM overlays of the most confident mistakes, and notes on what failed."""
    from tlstudio.core.data.imageio import load_image

    wrong = list(evaluation.misclassified)[:limit]
    if not wrong:
        return [], []
    notes: list[str] = []
    model = None
    if run.model_path is not None:
        try:
            from tlstudio.core.evaluation.predict import load_classifier

            model = load_classifier(run.path).model
        except Exception as exc:  # noqa: BLE001 - a model that cannot load still gets its pictures shown
            notes.append(t["mistakes_no_heatmap"].format(reason=str(exc).splitlines()[0][:200]))
    names = list(evaluation.class_names)
    items: list[tuple[bytes, bytes | None, str]] = []
    for m in wrong:
        file = Path(m.path).name
        try:
            image = load_image(m.path, size=MISTAKE_SIDE)
        except Exception:  # noqa: BLE001 - moved or unreadable: say so and go on
            notes.append(t["mistake_missing"].format(file=file))
            continue
        overlay = None
        if model is not None:
            try:
                from tlstudio.core.evaluation.metrics import grad_cam, overlay_heatmap

                overlay = _jpeg(overlay_heatmap(image, grad_cam(model, image, int(m.predicted_index))))
            except (ValueError, TypeError) as exc:
                notes.append(t["mistakes_no_heatmap"].format(reason=str(exc).splitlines()[0][:200]))
                model = None
        caption = t["mistake_caption"].format(file=file, true=names[m.true_index], predicted=names[m.predicted_index],
                                              confidence=num.pct(m.confidence))
        items.append((_jpeg(image), overlay, caption))
    return items, list(dict.fromkeys(notes))


def _counts_table(split: Mapping[str, Any], classes: Sequence[str], t: Mapping[str, str],
                  num: Numbers = NUMBERS["en"]) -> Block:
    counts = split.get("counts") if isinstance(split.get("counts"), dict) else {}
    parts = ("train", "val", "test")
    rows = []
    totals = [0, 0, 0]
    for name in classes:
        values = [int((counts.get(p) or {}).get(name, 0)) for p in parts]
        totals = [a + b for a, b in zip(totals, values)]
        rows.append((name, *(num.count(v) for v in values), num.count(sum(values))))
    rows.append((t["total_row"], *(num.count(v) for v in totals), num.count(sum(totals))))
    return Block("table", caption=t["classes_table"], header=(t["col_class"], t["col_train"], t["col_val"],
                                                              t["col_test"], t["col_total"]),
                 rows=tuple(rows), right=(False, True, True, True, True))


def build_document(run: LoadedRun, *, language: str = "en", comparison: Sequence[LoadedRun] = (),
                   on_progress: ProgressHandler | None = None, mistakes: int = MISTAKES_SHOWN) -> ReportDocument:
    """Everything the report says about ``run``, as blocks (no file is written)."""
    from tlstudio import __version__

    language = canonical_language(language)
    t, num = texts(language), NUMBERS[language]
    step = 0

    def progress() -> None:
        nonlocal step
        step += 1
        if on_progress is not None:
            on_progress(step, 7)

    config, metrics, paths = run.config, run.metrics, run.paths
    model_cfg = config.get("model") if isinstance(config.get("model"), dict) else {}
    split_cfg = config.get("split") if isinstance(config.get("split"), dict) else {}
    train_cfg = config.get("train") if isinstance(config.get("train"), dict) else {}
    data = str(config.get("data", ""))
    status = run.status
    name = str(status.get("name") or config.get("name") or run.id)
    created = str(status.get("created", ""))[:19].replace("T", " ")
    evaluation = run.evaluation
    split = _read_split(run)
    classes = list(run.classes or split.get("classes") or (evaluation.class_names if evaluation else []))
    mode = str(metrics.get("mode", model_cfg.get("mode", "")))
    mode_words = t.get(f"mode_{mode}", mode)
    blocks: list[Block] = []
    add = blocks.append

    # -- summary
    add(Block("p", t["generated"].format(now=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
                                         version=__version__)))
    add(Block("h2", t["summary"]))
    if evaluation is not None:
        add(Block("p", t["summary_text"].format(mode=mode_words, backbone=metrics.get("backbone", model_cfg.get("backbone")),
                                                n=num.count(evaluation.n), accuracy=num.pct(evaluation.accuracy),
                                                low=num.pct(evaluation.accuracy_ci[0]), high=num.pct(evaluation.accuracy_ci[1]),
                                                balanced=num.pct(evaluation.balanced_accuracy))))
        cal = metrics.get("calibration") if isinstance(metrics.get("calibration"), dict) else None
        if cal and all(isinstance(cal.get(k), (int, float)) for k in ("temperature", "ece_before", "ece_after")):
            add(Block("p", t["summary_calibration"].format(temperature=num.fixed(cal["temperature"]), ece_after=num.pct(cal["ece_after"]),
                                                           ece_before=num.pct(cal["ece_before"]))))
    else:
        add(Block("p", t["no_results"]))
    progress()

    # -- dataset
    add(Block("h2", t["dataset"]))
    add(Block("p", t["dataset_folder"].format(folder=data)))
    if split:
        add(_counts_table(split, classes, t, num))
    bad, source = _bad_files(run, data)
    add(Block("h3", t["bad_files"]))
    if bad is None:
        add(Block("p", t["bad_unavailable"].format(folder=data)))
    elif not bad:
        add(Block("p", t["bad_none"] + (" " + t["bad_source_rescan"] if source == "rescan" else "")))
    else:
        add(Block("p", t["bad_count"].format(n=len(bad)) + " " + t[f"bad_source_{source}"]))
        add(Block("table", header=(t["col_file"], t["col_reason"]), right=(False, False),
                  rows=tuple((_relative(str(b.get("path", "")), data), _bad_reason(b, language, t)) for b in bad)))
    progress()

    # -- split
    files = split_files(split, data) if split else []
    add(Block("h2", t["split"]))
    if split:
        counts = {p: len(split.get(p) or ()) for p in ("train", "val", "test")}
        add(Block("p", t["split_text"].format(train=num.count(counts['train']), val=num.count(counts['val']),
                                              test=num.count(counts['test']), seed=split.get("seed", split_cfg.get("seed")),
                                              val_fraction=num.plain(split_cfg.get("val_fraction", "–")),
                                              test_fraction=num.plain(split_cfg.get("test_fraction", "–")))))
        tests = [f[2].replace(os.sep, "/") for f in files if f[0] == "test"]
        if tests and all(path.split("/", 1)[0].lower() == "test" for path in tests):
            add(Block("p", t["dataset_layout_split"]))
        summary = split.get("group_summary")
        if isinstance(summary, dict):
            how = split_cfg.get("groups_csv") or split_cfg.get("group_pattern") or ""
            add(Block("p", t["split_groups"].format(how=how, groups=summary.get("groups", "–"))))
        added = split.get("synthetic_set")
        if isinstance(added, dict) and split.get("synthetic"):
            per_class = ", ".join(f"{name} {num.count(n)}" for name, n in dict(added.get("per_class") or {}).items())
            add(Block("p", t["split_synthetic"].format(n=num.count(len(split["synthetic"])),
                                                       set=Path(str(added.get("set", ""))).name, per_class=per_class,
                                                       ratio=num.plain(added.get("ratio", "–")))))
        warnings = [str(w) for w in split.get("warnings", ()) or ()]
        if warnings:
            add(Block("p", t["split_warnings"] + " " + " ".join(warnings)))
        add(Block("p", t["split_files_text"].format(csv=FILES_CSV, n=num.count(len(files)))))
        add(Block("files", caption=t["split_files_show"].format(n=num.count(len(files))),
                  header=(t["col_split"], t["col_class"], t["col_path"])))

    # -- settings and software
    add(Block("h2", t["config"]))
    add(Block("p", t["config_text"].format(seed=train_cfg.get("seed", split_cfg.get("seed", "–")))))
    add(Block("pre", json.dumps(config, indent=2, ensure_ascii=False)))
    add(Block("h2", t["versions"]))
    add(Block("p", t["versions_text"]))
    rows = [(lib, v or t["not_installed"]) for lib, v in library_versions()]
    accel = metrics.get("acceleration") if isinstance(metrics.get("acceleration"), dict) else {}
    device = accel.get("description") or metrics.get("device") or status.get("device")
    if device:
        rows.append((t["device"], str(device)))
    rows.append((t["platform"], f"{platform.system()} {platform.release()} ({platform.machine()})"))
    add(Block("table", header=(t["col_library"], t["col_version"]), rows=tuple(rows), right=(False, False)))
    progress()

    # -- curves, confusion, per class, calibration
    add(Block("h2", t["curves"]))
    # In English the run's own pictures; in another language they are drawn again with its words.
    translated = language != "en"
    curves = _png(paths["curves"]) if "curves" in paths and not translated else None
    if curves is None and run.history.get("epoch"):
        curves = _curves_png(run.history, _words(t, "fig_"))
    if curves:
        add(Block("p", t["curves_text"]))
        add(Block("figure", image=curves))
    else:
        add(Block("p", t["curves_none"]))
    if evaluation is not None:
        add(Block("h2", t["confusion"]))
        add(Block("p", t["confusion_text"]))
        names = list(evaluation.class_names)
        add(Block("table", header=("", *names), right=(False, *([True] * len(names))),
                  rows=tuple((names[i], *(f"{num.count(v)} ({num.pct(evaluation.confusion_normalized[i][j], 0)})"
                                          for j, v in enumerate(row))) for i, row in enumerate(evaluation.confusion))))
        for key in ("confusion", "confusion_normalized"):
            picture = _png(paths[key]) if key in paths else None
            if picture and translated:
                picture = _drawn(lambda path, normalized=key != "confusion": _save_confusion(
                    evaluation, path, normalized, _words(t, "fig_")))
            if picture:
                add(Block("figure", image=picture, width=0.7))
        add(Block("h2", t["per_class"]))
        add(Block("p", t["per_class_text"]))
        add(Block("table", header=(t["col_class"], t["col_precision"], t["col_recall"], t["col_recall_ci"], t["col_f1"],
                                   t["col_support"]), right=(False, True, True, True, True, True),
                  rows=tuple((c.name, num.pct(c.precision), num.pct(c.recall), f"{num.pct(c.recall_ci[0])} – {num.pct(c.recall_ci[1])}",
                              num.pct(c.f1), num.count(c.support)) for c in evaluation.per_class)))
        _add_calibration(run, t, add, num)
    progress()

    # -- mistakes
    if evaluation is not None:
        add(Block("h2", t["mistakes"]))
        items, notes = _mistake_items(run, evaluation, t, mistakes, num)
        if not evaluation.misclassified:
            add(Block("p", t["mistakes_none"]))
        else:
            add(Block("p", t["mistakes_text"].format(shown=len(items), total=num.count(len(evaluation.misclassified)))))
            for note in notes:
                add(Block("p", note))
            if items:
                add(Block("gallery", items=tuple(items)))
    progress()

    # -- comparison and notes
    if comparison:
        add(Block("h2", t["comparison"]))
        add(Block("p", t["comparison_text"]))
        table = comparison_table([run, *comparison])
        rows = []
        for i, row in enumerate(table):
            ci = row.get("accuracy_ci")
            seconds = row.get("train_time_s")
            mode_label = t.get(f"model_{row.get('mode')}")
            label = f"{mode_label}: {row.get('backbone')}" if mode_label else str(row["model"])
            rows.append((label + (t["this_run"] if i == 0 else ""), str(row["epochs"]),
                         num.pct(row.get("test_accuracy")), f"{num.pct(ci[0])} – {num.pct(ci[1])}" if ci else "–",
                         num.pct(row.get("balanced_accuracy")), "–" if seconds is None else f"{num.fixed(seconds, 0)} s"))
        add(Block("table", header=(t["col_model"], t["col_epochs"], t["col_accuracy"], t["col_interval"],
                                   t["col_balanced"], t["col_time"]), rows=tuple(rows),
                  right=(False, True, True, True, True, True)))
        add(Block("p", t["comparison_runs"].format(runs=", ".join(str(row["run"]) for row in table))))
    add(Block("h2", t["notes"]))
    notes = [str(n) for n in metrics.get("notes", ()) or ()]
    if status.get("status") in ("failed", "cancelled") and status.get("error"):
        notes.append(str(status.get("error")))
    for note in notes or [t["notes_none"]]:
        add(Block("p", note))
    progress()

    return ReportDocument(
        title=t["title"].format(name=name),
        subtitle=t["subtitle"].format(run_id=run.id, created=created or "–",
                                      status=t.get(f"status_{status.get('status')}", status.get("status"))
                                      if status.get("status") else t["status_unknown"]),
        language=language, blocks=tuple(blocks), files_title=t["split_files_pdf"], files=tuple(files),
        page_text=t["page"])


def _bad_reason(bad: Mapping[str, Any], language: str, t: Mapping[str, str]) -> str:
    """Why a file was skipped: the scan's own reason (English, naming the file and its size), or in
    another language the translated reason for its code (``reason_<code>``)."""
    reason = str(bad.get("reason", ""))
    if language == "en":
        return reason
    return t.get(f"reason_{bad.get('code')}", reason)


def _relative(path: str, root: str) -> str:
    if root:
        try:
            return os.path.relpath(path, root) if os.path.isabs(path) else path
        except ValueError:
            return path
    return path


def _words(t: Mapping[str, str], prefix: str) -> dict[str, str]:
    """The words of a figure: the entries of ``t`` whose key starts with ``prefix``, without it."""
    return {key[len(prefix):]: text for key, text in t.items() if key.startswith(prefix)}


def _drawn(draw: Callable[[Path], Path]) -> bytes:
    """The PNG bytes of a figure that ``draw(path)`` writes (into a temporary folder)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return draw(Path(folder) / "figure.png").read_bytes()


def _save_confusion(evaluation: Any, path: Path, normalized: bool, words: Mapping[str, str]) -> Path:
    from tlstudio.core.evaluation.metrics import save_confusion_png

    return save_confusion_png(evaluation, path, normalized=normalized, words=words)


def _curves_png(history: Mapping[str, Sequence[Any]], words: Mapping[str, str] | None = None) -> bytes | None:
    from tlstudio.core.evaluation.metrics import save_curves_png

    return _drawn(lambda path: save_curves_png(history, path, words=words))


def _add_calibration(run: LoadedRun, t: Mapping[str, str], add: Callable[[Block], None],
                     num: Numbers = NUMBERS["en"]) -> None:
    from tlstudio.core.evaluation.calibration import load_calibration

    try:
        cal = load_calibration(run.path)
    except Exception:  # noqa: BLE001 - a damaged calibration.json leaves the section out, the rest is reported
        cal = None
    if cal is None:
        return
    add(Block("h2", t["calibration"]))
    add(Block("p", t["calibration_text"].format(n=num.count(cal.test_count))))
    point = cal.coverage_at(cal.threshold)
    add(Block("table", header=(t["col_measure"], t["col_value"]), right=(False, True), rows=(
        (t["cal_temperature"], num.fixed(cal.temperature)),
        (t["cal_ece_before"], num.pct(cal.ece_before)),
        (t["cal_ece_after"], num.pct(cal.ece_after)),
        (t["cal_threshold"], num.fixed(cal.threshold)),
        (t["cal_coverage"], t["cal_coverage_value"].format(coverage=num.pct(point.coverage), accuracy=num.pct(point.accuracy))),
    )))
    add(Block("p", cal.reading() if t is TEXTS["en"] else _calibration_reading(cal, t, num)))
    picture = _png(run.path / "reliability.png")
    if picture and t is not TEXTS["en"]:
        from tlstudio.core.evaluation.calibration import save_reliability_png

        picture = _drawn(lambda path: save_reliability_png(cal, path, words=_words(t, "rel_")))
    if picture:
        add(Block("figure", image=picture))


def _calibration_reading(cal: Any, t: Mapping[str, str], num: Numbers) -> str:
    """A shorter :meth:`Calibration.reading` from :data:`TEXTS` (the English one is core's own)."""
    from tlstudio.core.evaluation.calibration import ABOUT_RIGHT_GAP, FEW_VALIDATION_IMAGES

    said, right = cal.mean_confidence_before, cal.accuracy
    case = "over" if said - right > ABOUT_RIGHT_GAP else "under" if right - said > ABOUT_RIGHT_GAP else "right"
    parts = [t[f"cal_reading_{case}"].format(said=num.pct(said, 0), right=num.pct(right, 0))]
    if cal.val_count < FEW_VALIDATION_IMAGES:
        parts.append(t["cal_reading_few"].format(n=num.count(cal.val_count)))
    return " ".join(parts)


# ----------------------------------------------------------------------------- HTML

_CSS = """
:root { --ink: #1d2733; --muted: #5b6673; --rule: #d5dbe1; --accent: #1f6fb2; --soft: #f3f6f9; }
* { box-sizing: border-box; }
body { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       max-width: 960px; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.5; font-size: 15px; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; color: var(--accent); }
h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.subtitle { color: var(--muted); margin: 0 0 1rem; }
p { margin: .4rem 0 .7rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .7rem; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr:last-child td { border-bottom: 2px solid var(--rule); }
figure { margin: .6rem 0 1.2rem; text-align: center; }
figure img { max-width: 100%; height: auto; }
pre { background: var(--soft); padding: .8rem 1rem; font-size: .8rem; overflow-x: auto; border-radius: 4px; }
details { margin: .4rem 0 1rem; }
summary { cursor: pointer; color: var(--accent); }
details table { font-size: .8rem; }
.gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(270px, 1fr)); gap: .8rem; }
.mistake { border: 1px solid var(--rule); border-radius: 4px; padding: .4rem; text-align: center; }
.mistake img { width: 48%; height: auto; }
.mistake p { font-size: .8rem; margin: .3rem 0 0; white-space: pre-line; word-break: break-all; }
@page { size: A4; margin: 15mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h2.major { break-before: page; page-break-before: always; }
  tr, figure, .mistake, img { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  details > summary { display: none; }
  details:not([open]) { display: none; }
  pre { white-space: pre-wrap; }
}
"""


def _data_uri(data: bytes) -> str:
    mime = "image/png" if data[:8] == b"\x89PNG\r\n\x1a\n" else "image/jpeg"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _html_table(block: Block, classes: str = "") -> str:
    def cell(tag: str, text: str, right: bool) -> str:
        attr = ' class="num"' if right else ""
        return f"<{tag}{attr}>{html.escape(text)}</{tag}>"

    right = block.right or (False,) * len(block.header)
    head = "".join(cell("th", h, r) for h, r in zip(block.header, right))
    body = "\n".join("<tr>" + "".join(cell("td", c, r) for c, r in zip(row, right)) + "</tr>" for row in block.rows)
    caption = f"<caption>{html.escape(block.caption)}</caption>" if block.caption else ""
    attr = f' class="{classes}"' if classes else ""
    return f"<table{attr}>{caption}<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table>"


#: Sections that start a new printed page.
_MAJOR = ("config", "mistakes")


def render_html(doc: ReportDocument) -> str:
    """The document as one self-contained HTML page (pictures as data: URIs, CSS inline)."""
    t = texts(doc.language)
    major = {t[k] for k in _MAJOR}
    parts = [f"<h1>{html.escape(doc.title)}</h1>", f'<p class="subtitle">{html.escape(doc.subtitle)}</p>']
    for block in doc.blocks:
        if block.kind == "h2":
            cls = ' class="major"' if block.text in major else ""
            parts.append(f"<h2{cls}>{html.escape(block.text)}</h2>")
        elif block.kind in ("h1", "h3"):
            parts.append(f"<{block.kind}>{html.escape(block.text)}</{block.kind}>")
        elif block.kind == "p":
            parts.append(f"<p>{html.escape(block.text)}</p>")
        elif block.kind == "pre":
            parts.append(f"<pre>{html.escape(block.text)}</pre>")
        elif block.kind == "table":
            parts.append(_html_table(block))
        elif block.kind == "figure":
            style = f' style="max-width:{block.width * 100:.0f}%"' if block.width < 1 else ""
            caption = f"<figcaption>{html.escape(block.caption)}</figcaption>" if block.caption else ""
            parts.append(f'<figure><img src="{_data_uri(block.image)}" alt=""{style}>{caption}</figure>')
        elif block.kind == "gallery":
            cards = []
            for picture, overlay, caption in block.items:
                imgs = f'<img src="{_data_uri(picture)}" alt="">'
                if overlay is not None:
                    imgs += f' <img src="{_data_uri(overlay)}" alt="Grad-CAM">'
                cards.append(f'<div class="mistake">{imgs}<p>{html.escape(caption)}</p></div>')
            parts.append('<div class="gallery">' + "\n".join(cards) + "</div>")
        elif block.kind == "files":
            table = _html_table(Block("table", header=block.header, rows=doc.files_shown()))
            parts.append(f"<details><summary>{html.escape(block.caption)}</summary>{table}</details>")
    body = "\n".join(parts)
    return (f'<!DOCTYPE html>\n<html lang="{html.escape(doc.language.replace("_", "-"))}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(doc.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def _files_csv(files: Sequence[tuple[str, str, str]], header: Sequence[str] = ("split", "class", "path")) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(files)
    return buffer.getvalue()


# ----------------------------------------------------------------------------- entry point


def write_report(run_dir: PathLike, out_dir: PathLike | None = None, *, pdf: bool = True, language: str = "en",
                 comparison_runs: Sequence[PathLike] | None = None,
                 on_progress: ProgressHandler | None = None) -> ReportResult:
    """Write the report of the run in ``run_dir`` into ``out_dir`` (default ``<run_dir>/report``).

    ``comparison_runs``: run folders to compare with (same split recommended); ``None`` finds
    them (:func:`find_comparison_runs`), an empty list leaves the comparison out. Every file is
    written atomically. Raises RunError for a folder that is not a run, ConfigError for a
    language without a translation.
    """
    texts(language)
    run = load_run(run_dir)
    out = Path(out_dir).expanduser() if out_dir is not None else run.path / REPORT_FOLDER
    data = str(run.config.get("data", ""))
    if data and Path(data).is_dir():
        from tlstudio.core.outputs.workspace import is_inside

        if is_inside(out, Path(data)):
            raise RunError(f"The report folder {out} is inside the image folder {data}; tlstudio never writes into "
                           "the images' folder.", hint="Choose another folder for the report.", path=str(out))
    if comparison_runs is None:
        comparison = find_comparison_runs(run)
    else:
        comparison = [load_run(p) for p in comparison_runs if Path(p).expanduser().resolve() != run.path.resolve()]
    doc = build_document(run, language=language, comparison=comparison, on_progress=on_progress)
    files_csv = atomic_write_text(out / FILES_CSV, _files_csv(doc.files))
    html_path = atomic_write_text(out / HTML_FILE, render_html(doc))
    pdf_path = None
    if pdf:
        from tlstudio.core.outputs.report_pdf import render_pdf

        pdf_path = atomic_write_bytes(out / PDF_FILE, render_pdf(doc))
    if on_progress is not None:
        on_progress(7, 7)
    return ReportResult(html_path=html_path, pdf_path=pdf_path, files_csv=files_csv,
                        comparison_runs=tuple(r.id for r in comparison))


__all__ = ["NUMBERS", "Block", "Numbers", "ReportDocument", "ReportResult", "TEXTS", "build_document",
           "canonical_language", "find_comparison_runs", "library_versions", "render_html", "split_files", "texts",
           "write_report"]

