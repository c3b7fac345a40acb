"""The run report as a document: a list of blocks (headings, paragraphs, tables, figures, a
gallery, preformatted text, the file list) built once from a run and rendered twice, as HTML
(``core.outputs.report_html``) and as PDF (``core.outputs.report_pdf``), so both always say the
same thing."""

from __future__ import annotations

from dataclasses import dataclass

from tlstudio.core.outputs.report_texts import texts


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
    """The whole report: its title and subtitle, the blocks in reading order, and every file of
    the split (``(split, class, path)``: the HTML's file list, the PDF's appendix, the CSV), with
    the words of the appendix title and of the page numbers in the report's language."""

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
