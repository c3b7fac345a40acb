"""The run report's words and number formats, by language.

Every sentence of the report lives in :data:`TEXTS`, one dictionary per language ("en",
"pt_BR"), so a translation is one more dictionary (with the same keys and placeholders, checked
by a test) and its number format one more entry of :data:`NUMBERS`. The ``fig_*`` and ``rel_*``
entries are the words inside the run's pictures, which another language draws again.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Any

from tlstudio.core.errors import ConfigError

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
        "summary_text_few": ("The model ({mode}, backbone {backbone}) was tested on {n} images it never saw during "
                             "training and classified {accuracy} of them correctly; that is too few test images to "
                             "measure how far this figure could be from the truth. Balanced accuracy, the average of "
                             "the per-class recalls, is {balanced}."),
        "too_few": "too few test images to measure",
        "col_precision_ci": "Precision 95% interval",
        "summary_calibration": ("Calibration: after temperature scaling (T = {temperature}) the stated "
                                "confidence is off by {ece_after} on average (expected calibration error; {ece_before} "
                                "before scaling)."),
        "no_results": ("This run has no test results (it was stopped or failed before the end): only its settings "
                       "and split are reported."),
        "findings": "What the check found",
        "findings_intro": ("Before training, the images were checked; read the figures above with these findings in "
                           "mind (each says what it means for them):"),
        "findings_none": "The check found nothing that changes how to read these figures.",
        "findings_conflicts": "The pictures filed under two classes ({shown} of {n} pairs):",
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
        "private_names": "Before you share this report: the names of {n} image files contain a patient's name, ID "
                         "or birth date from their DICOM tags. Write the report again with pseudonyms (Results tab: "
                         "Replace file names with pseudonyms; or tlstudio report --pseudonyms) to replace every file "
                         "name by image 1, image 2, ...",
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
        "reason_special": "A named pipe, socket or device, not a picture file: it was not read.",
        # Other languages' reading of the calibration (English uses core.evaluation.calibration's own).
        "cal_reading_over": ("Before scaling the model was over-confident: it said {said} on average where it was "
                             "right {right} of the time."),
        "cal_reading_under": ("Before scaling the model was under-confident: it said {said} on average where it was "
                              "right {right} of the time."),
        "cal_reading_right": "Before scaling the model's confidence was about right on average ({said} said, {right} right).",
        "cal_reading_few": "Only {n} validation images: the temperature is a rough estimate.",
        # The words inside the figures (core.evaluation.metrics.FIGURE_WORDS, core.evaluation.calibration_files.RELIABILITY_WORDS):
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
        "summary_text_few": ("O modelo ({mode}, rede base {backbone}) foi testado em {n} imagens que nunca viu durante "
                             "o treino e classificou corretamente {accuracy} delas; são poucas imagens de teste demais "
                             "para medir quanto esse resultado pode se afastar do real. A acurácia balanceada, a média "
                             "das revocações de cada classe, é {balanced}."),
        "too_few": "poucas imagens de teste para medir",
        "col_precision_ci": "Intervalo de 95% da precisão",
        "summary_calibration": ("Calibração: depois do ajuste de temperatura (T = {temperature}), a confiança declarada "
                                "erra em média {ece_after} (erro de calibração esperado; {ece_before} antes do ajuste)."),
        "no_results": ("Esta execução não tem resultados de teste (foi interrompida ou falhou antes do fim): só as "
                       "configurações e a divisão são relatadas."),
        "findings": "O que a verificação encontrou",
        "findings_intro": ("Antes do treino, as imagens foram verificadas; leia os números acima tendo em mente estes "
                           "achados (cada um diz o que significa para eles; o texto dos achados fica em inglês):"),
        "findings_none": "A verificação não encontrou nada que mude a leitura destes números.",
        "findings_conflicts": "As imagens arquivadas em duas classes ({shown} de {n} pares):",
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
        "private_names": "Antes de compartilhar este relatório: os nomes de {n} arquivos de imagem contêm o nome, o "
                         "ID ou a data de nascimento de um paciente, lidos das etiquetas DICOM. Gere o relatório "
                         "novamente com pseudônimos (aba Resultados: Substituir nomes de arquivos por pseudônimos; ou "
                         "tlstudio report --pseudonyms) para trocar cada nome de arquivo por imagem 1, imagem 2, ...",
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
        "reason_special": "Um pipe nomeado, soquete ou dispositivo, não um arquivo de imagem: não foi lido.",
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
